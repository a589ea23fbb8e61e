package io.omnivox.api;

import jakarta.enterprise.context.ApplicationScoped;

import io.omnivox.audio.AudioClip;
import io.omnivox.audio.SampleBuffer;
import io.omnivox.model.EngineUnavailableException;
import io.omnivox.tts.SpeechStyle;
import io.omnivox.tts.SpeechSynthesizer;
import io.omnivox.tts.SynthesisRequest;
import io.omnivox.tts.TtsEngines;
import io.omnivox.tts.VoiceService;

/**
 * The way from a request's fields to a ready synthesis, shared by {@code /v1/audio/speech} and voice previews: the
 * engine in use, the voice made speakable (a cloned voice conditioned for a zero-shot engine) and known to it, and the
 * speed within range.
 */
@ApplicationScoped
public class SpeechSynthesis {

    /** Slowest and fastest speaking rate accepted, as a factor of the voice's own. */
    static final double MIN_SPEED = 0.25;
    static final double MAX_SPEED = 4.0;

    /** An engine and what to ask it. */
    record Prepared(SpeechSynthesizer engine, SynthesisRequest request) {

        /** All of the speech at once, for short texts whose length must be known before they are sent. */
        AudioClip whole() {
            SampleBuffer all = new SampleBuffer();
            engine.synthesize(request, chunk -> {
                all.add(chunk);
                return true;
            });
            return new AudioClip(all.toArray(), engine.sampleRate());
        }
    }

    private final TtsEngines engines;
    private final VoiceService voices;
    private final io.omnivox.account.CurrentUser user;

    public SpeechSynthesis(TtsEngines engines, VoiceService voices, io.omnivox.account.CurrentUser user) {
        this.engines = engines;
        this.voices = voices;
        this.user = user;
    }

    /**
     * {@code text} in {@code voice} with {@code emotion} at {@code speed} (null for 1.0); 400 for a speed out of range
     * or a voice the engine does not know (or another user's cloned voice), 503 without an engine.
     */
    Prepared prepare(String text, String voice, String emotion, Double speed, String instructions) {
        double rate = speed == null ? 1.0 : speed;
        if (!(rate >= MIN_SPEED && rate <= MAX_SPEED)) {
            throw new InvalidRequestException("speed", "speed must be between " + MIN_SPEED + " and " + MAX_SPEED
                    + ", got " + rate);
        }
        SpeechSynthesizer engine = engines.current()
                .orElseThrow(() -> new EngineUnavailableException(engines.unavailableReason()));
        if (!voices.prepare(engine, voice, user.id())) {
            throw new InvalidRequestException("voice", "unknown voice '" + voice + "'; " + engine.engine()
                    + " offers: " + String.join(", ", engine.voices().stream().map(v -> v.id()).toList()));
        }
        return new Prepared(engine, new SynthesisRequest(text, voice, new SpeechStyle(emotion, rate, 0,
                instructions == null ? "" : instructions)));
    }
}
