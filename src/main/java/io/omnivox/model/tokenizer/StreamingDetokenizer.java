package io.omnivox.model.tokenizer;

import java.util.Arrays;

/**
 * Turns a stream of token ids into a stream of text pieces. Decoding token by token breaks multi-byte characters and
 * word-start spaces, so it decodes everything seen so far and emits only what is new, holding back a trailing
 * incomplete character (U+FFFD) until the next token completes it.
 */
public final class StreamingDetokenizer {

    private final TextTokenizer tokenizer;
    private long[] ids = new long[0];
    private int emitted;

    public StreamingDetokenizer(TextTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Adds one token; returns the text it completes (possibly empty). */
    public String accept(long tokenId) {
        ids = Arrays.copyOf(ids, ids.length + 1);
        ids[ids.length - 1] = tokenId;
        String text = tokenizer.decode(ids, true);
        if (text.endsWith("\uFFFD") || text.length() < emitted) {
            return "";
        }
        String delta = text.substring(emitted);
        emitted = text.length();
        return delta;
    }

    /** All text decoded so far. */
    public String text() {
        return tokenizer.decode(ids, true);
    }
}
