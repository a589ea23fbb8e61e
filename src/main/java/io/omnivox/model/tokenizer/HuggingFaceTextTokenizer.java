package io.omnivox.model.tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.omnivox.model.ModelException;

/**
 * A Hugging Face {@code tokenizer.json} (BPE, WordPiece, Unigram, with its normalizer, pre-tokenizer and decoder) run by
 * the Rust {@code tokenizers} library through DJL. Loads offline from the file; never downloads.
 */
public final class HuggingFaceTextTokenizer implements TextTokenizer {

    private final HuggingFaceTokenizer tokenizer;
    private final Path file;

    private HuggingFaceTextTokenizer(HuggingFaceTokenizer tokenizer, Path file) {
        this.tokenizer = tokenizer;
        this.file = file;
    }

    /** Loads {@code tokenizer.json}; fails naming the file when it is missing or malformed. */
    public static HuggingFaceTextTokenizer load(Path tokenizerJson) {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new ModelException("Tokenizer file not found: " + tokenizerJson.toAbsolutePath());
        }
        try {
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerJson)
                    .optAddSpecialTokens(false)
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
            return new HuggingFaceTextTokenizer(tokenizer, tokenizerJson);
        } catch (IOException | RuntimeException e) {
            throw new ModelException("Cannot load tokenizer " + tokenizerJson + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long[] encode(String text) {
        Encoding encoding = tokenizer.encode(text, false, false);
        return encoding.getIds();
    }

    @Override
    public String decode(long[] ids, boolean skipSpecial) {
        return tokenizer.decode(ids, skipSpecial);
    }

    @Override
    public OptionalLong tokenId(String token) {
        long[] ids = tokenizer.encode(token, false, false).getIds();
        if (ids.length == 1 && token.equals(tokenizer.decode(ids, false))) {
            return OptionalLong.of(ids[0]);
        }
        return OptionalLong.empty();
    }

    @Override
    public String toString() {
        return "HuggingFaceTextTokenizer[" + file + "]";
    }

    @Override
    public void close() {
        tokenizer.close();
    }

}
