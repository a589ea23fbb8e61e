package io.omnivox.agent.chat;

import io.omnivox.model.decoder.CancellationToken;
import io.omnivox.model.decoder.GenerationOptions;
import io.omnivox.model.decoder.GenerationResult;
import io.omnivox.model.decoder.TokenListener;

/**
 * Generates tokens after a prompt: the foundation's {@link io.omnivox.model.decoder.AutoregressiveDecoder} in
 * production ({@code decoder::generate}); any source of token sequences in tests of the chat layer.
 */
@FunctionalInterface
public interface TokenGenerator {

    GenerationResult generate(long[] promptIds, GenerationOptions options, TokenListener listener,
            CancellationToken cancel);
}
