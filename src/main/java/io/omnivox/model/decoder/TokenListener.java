package io.omnivox.model.decoder;

/** Receives each generated token as soon as it is chosen, on the generating thread. */
@FunctionalInterface
public interface TokenListener {

    TokenListener NONE = token -> {
    };

    void onToken(int tokenId);
}
