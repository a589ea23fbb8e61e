package io.omnivox.model.decoder;

/** Why a generation ended. */
public enum FinishReason {
    /** A stop token was produced. */
    STOP_TOKEN,
    /** {@code maxNewTokens} were produced. */
    MAX_TOKENS,
    /** The caller cancelled. */
    CANCELLED
}
