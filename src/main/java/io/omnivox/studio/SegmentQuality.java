package io.omnivox.studio;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.omnivox.asr.Language;
import io.omnivox.asr.SenseVoiceRecognizer;
import io.omnivox.asr.SpeechRecognizer;
import io.omnivox.asr.TranscriptionService;
import io.omnivox.asr.WordErrorRate;
import io.omnivox.audio.AudioClip;
import io.omnivox.audio.WavCodec;
import io.omnivox.model.EngineUnavailableException;
import io.omnivox.tts.SpeechSynthesizer;
import io.omnivox.tts.SynthesisRequest;

/**
 * Synthesises a segment and checks it ({@link SegmentCheck}), synthesising it again while it fails, up to
 * {@code omnivox.studio.qc.attempts}; a segment that still fails is kept and flagged for review. When the recogniser
 * is one whose hearing of synthetic speech can be trusted (SenseVoice; or always, by configuration), the segment is
 * also transcribed back and compared with its text.
 */
@ApplicationScoped
public class SegmentQuality {

    private static final Logger LOG = Logger.getLogger(SegmentQuality.class);

    private final TranscriptionService asr;
    private final StudioConfig config;

    public SegmentQuality(TranscriptionService asr, StudioConfig config) {
        this.asr = asr;
        this.config = config;
    }

    /** Synthesises {@code request} into a WAV at {@code target}, checked and retried; returns what was made. */
    JobRunner.Rendered render(SpeechSynthesizer engine, SynthesisRequest request, Path target) {
        SegmentCheck check = null;
        float[] audio = new float[0];
        int attempts = 0;
        while (attempts < Math.max(1, config.qc().attempts()) && (check == null || !check.passed())) {
            attempts++;
            audio = StudioFiles.synthesize(engine, request);
            // the cheap checks first: a silent, clipped or mistimed take is synthesised again without being heard back
            check = SegmentCheck.of(audio, engine.sampleRate(), request.text(), null, config.qc().maxWordErrorRate());
            if (check.passed()) {
                check = SegmentCheck.of(audio, engine.sampleRate(), request.text(), heardBack(audio,
                        engine.sampleRate(), request.text()), config.qc().maxWordErrorRate());
            }
        }
        StudioFiles.write(target, WavCodec.encode(new AudioClip(audio, engine.sampleRate()), 16));
        return new JobRunner.Rendered(audio.length * 1000L / engine.sampleRate(), !check.passed(), attempts,
                check.toJson());
    }

    /** The word error rate of the recogniser's hearing of {@code audio}, or null when it is not asked. */
    private Double heardBack(float[] audio, int rate, String text) {
        SpeechRecognizer recognizer;
        try {
            recognizer = asr.engine();
        } catch (EngineUnavailableException e) {
            return null;
        }
        boolean trusted = recognizer.engine().equals(SenseVoiceRecognizer.ENGINE);
        StudioConfig.AsrCheck mode = config.qc().asrCheck();
        if (mode == StudioConfig.AsrCheck.OFF || (mode == StudioConfig.AsrCheck.AUTO && !trusted) || audio.length == 0) {
            return null;
        }
        try {
            String heard = asr.transcribe(recognizer, new AudioClip(audio, rate), Language.AUTO, true).text();
            return WordErrorRate.rate(text, heard);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not transcribe a synthesised segment back for quality control");
            return null;
        }
    }
}
