package io.omnivox.tts;

import java.util.List;

/**
 * Text to speech as a stream: PCM chunks go to a {@link ChunkSink} as soon as they are ready, so playback can start
 * before the whole text is synthesised. Implementations are thread-safe; each call is independent.
 */
public interface SpeechSynthesizer {

    /** The engine's name as health and responses report it, e.g. {@code cosyvoice-onnx}, {@code espeak-ng}. */
    String engine();

    /** Sample rate of every chunk this engine produces, in Hz. */
    int sampleRate();

    /** Voices this engine offers by itself (cloned voices are added by the voice store). */
    List<VoiceInfo> voices();

    /** Whether {@code voice} names a voice this engine can speak. */
    default boolean knows(String voice) {
        return voices().stream().anyMatch(v -> v.id().equals(voice));
    }

    /**
     * Synthesises {@code request}, delivering mono chunks in order on the calling thread. Stops early, without error,
     * when the sink returns {@code false} (the client went away, or a barge-in cancelled the reply).
     */
    void synthesize(SynthesisRequest request, ChunkSink sink);
}
