package io.omnivox.tts;

import io.omnivox.audio.AudioClip;

/**
 * A speech engine that can speak in a voice cloned on the spot from a few seconds of someone's speech (zero-shot),
 * without storing it: speech-to-speech translation answers in the speaker's own voice this way. Stored, named voices
 * go through {@link VoiceService} instead.
 */
public interface VoiceCloning {

    /** A voice taken from {@code recording} (any rate) and the words it says (blank when unknown). */
    SpeakerVoice cloneVoice(AudioClip recording, String transcript);

    /** Synthesises {@code request} in {@code voice} (the request's voice id is not used), like {@link
     * SpeechSynthesizer#synthesize}. */
    void synthesize(SynthesisRequest request, SpeakerVoice voice, ChunkSink sink);

    /** A voice made by {@link #cloneVoice}: opaque, and only for the engine that made it. */
    interface SpeakerVoice {
    }
}
