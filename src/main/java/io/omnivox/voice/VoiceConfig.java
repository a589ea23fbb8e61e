package io.omnivox.voice;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The voice channel's limits and timing (see {@code docs/voice-protocol.md}). */
@ConfigMapping(prefix = "omnivox.voice")
public interface VoiceConfig {

    /** Sessions at once; the next connection is closed with code 1013. */
    @WithDefault("50")
    int maxSessions();

    /** Largest binary frame, in bytes (64 KiB is about 2 s of PCM16 at 16 kHz). */
    @WithDefault("65536")
    int maxFrameBytes();

    /** Audio a session may hold unprocessed before newer audio is dropped, in milliseconds. */
    @WithDefault("10000")
    int maxBufferMs();

    /** Audio between two partial transcripts while the user speaks, in milliseconds. */
    @WithDefault("500")
    int partialIntervalMs();

    /** A session without audio or events for this long is closed. */
    @WithDefault("5m")
    Duration idleTimeout();

    /** End-of-speech silence when the pipeline does not set one, in milliseconds. */
    @WithDefault("600")
    int silenceMs();

    /**
     * Reply audio sent ahead of playback, in milliseconds: enough to ride out network jitter, little enough that a
     * barge-in drops most of a long reply on the server instead of in the client's buffer.
     */
    @WithDefault("1000")
    int audioLeadMs();

    /** Longest turn, in milliseconds. */
    @WithDefault("30000")
    int maxTurnMs();

    /**
     * Speech, over the user's turns so far, needed before a pipeline that answers in the user's own voice clones it
     * (shorter prompts make a poor likeness); until then the session's voice speaks.
     */
    @WithDefault("3000")
    int speakerVoiceMinMs();
}
