package io.omnivox.model.tokenizer;

import java.util.OptionalLong;

/** Text to token ids and back. Implementations are thread-safe. */
public interface TextTokenizer extends AutoCloseable {

    /** Token ids for {@code text}, without special tokens the tokenizer would add around it. */
    long[] encode(String text);

    /** Text for {@code ids}; special tokens are kept unless {@code skipSpecial}. */
    String decode(long[] ids, boolean skipSpecial);

    /** The id of one token of the vocabulary (e.g. {@code <|im_end|>}), if it has one. */
    OptionalLong tokenId(String token);

    @Override
    void close();
}
