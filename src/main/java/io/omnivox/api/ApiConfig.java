package io.omnivox.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits applied to every API request. */
@ConfigMapping(prefix = "omnivox.api")
public interface ApiConfig {

    /** Per-client request rate limit. */
    RateLimit rateLimit();

    interface RateLimit {

        /** Turn the limit off only behind a gateway that limits for you. */
        @WithDefault("true")
        boolean enabled();

        /** Requests a client (by remote address) may make per minute; short bursts up to this many are allowed. */
        @WithDefault("600")
        int requestsPerMinute();
    }

    /**
     * Model work at once per kind, for all users together. Beyond it requests wait in a short queue, and beyond that
     * they are refused with 429 and {@code Retry-After}: a server at capacity answers quickly instead of slowing
     * everyone down until clients time out. Voice sessions have their own limit, {@code omnivox.voice.max-sessions}.
     */
    Capacity capacity();

    interface Capacity {

        /** Chat answers ({@code /v1/chat/completions}, conversation messages), a stream until it ends. */
        @WithDefault("4")
        int chat();

        /** Speech synthesis ({@code /v1/audio/speech}), until the audio is sent. */
        @WithDefault("4")
        int speech();

        /** Transcriptions ({@code /v1/audio/transcriptions}). */
        @WithDefault("4")
        int transcription();

        /** Image recognition ({@code /v1/ocr}); a page takes seconds on a CPU. */
        @WithDefault("2")
        int ocr();

        /** Document parsing ({@code /v1/documents/parse}), which may OCR scanned pages. */
        @WithDefault("2")
        int documents();

        /** Image generation and edits; one picture can use every core. */
        @WithDefault("1")
        int images();

        /** Embeddings ({@code /v1/embeddings}); short calls. */
        @WithDefault("8")
        int embeddings();

        /** Requests of each kind that may wait for a place when all are taken; 0 refuses at once. */
        @WithDefault("8")
        int queue();

        /** Longest a queued request waits for a place before it is refused. */
        @WithDefault("5s")
        java.time.Duration maxWait();

        /** The {@code Retry-After} a refused request is given, rounded up to whole seconds. */
        @WithDefault("2s")
        java.time.Duration retryAfter();
    }
}
