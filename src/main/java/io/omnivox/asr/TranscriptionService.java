package io.omnivox.asr;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.omnivox.asr.Transcript.TimedToken;
import io.omnivox.audio.AudioClip;
import io.omnivox.audio.AudioDecoder;
import io.omnivox.audio.AudioFormatException;
import io.omnivox.audio.DecodeLimits;
import io.omnivox.audio.vad.SpeechSegment;
import io.omnivox.audio.vad.VadEngines;
import io.omnivox.model.EngineUnavailableException;

/**
 * An upload to a transcription: decode to 16 kHz mono within the configured limits, cut into speech segments with the
 * VAD (so long audio is recognised in batches, and silence costs nothing), recognise, and put segment times back on
 * the upload's clock.
 */
@ApplicationScoped
public class TranscriptionService {

    private final AsrEngines engines;
    private final VadEngines vad;
    private final AsrConfig config;
    private final AudioDecoder decoder;

    public TranscriptionService(AsrEngines engines, VadEngines vad, AsrConfig config, AudioDecoder decoder) {
        this.engines = engines;
        this.vad = vad;
        this.config = config;
        this.decoder = decoder;
    }

    /** The engine that would serve a request now. */
    public SpeechRecognizer engine() {
        return engines.current().orElseThrow(() -> new EngineUnavailableException(
                "No speech recognition engine is available: " + engines.unavailableReason()));
    }

    /** Decodes and transcribes an upload. */
    public TranscriptionResult transcribe(InputStream upload, Language language, boolean itn) {
        SpeechRecognizer recognizer = engine();
        return transcribe(recognizer, decode(upload), language, itn);
    }

    private AudioClip decode(InputStream upload) {
        try {
            return decoder.decode(upload, new DecodeLimits(config.maxUploadBytes(), config.maxDurationSeconds()),
                    RecognitionRequest.SAMPLE_RATE);
        } catch (IllegalStateException e) {
            // ffmpeg is not installed: this server cannot decode the format, which the caller can work around
            throw new AudioFormatException(AudioFormatException.Problem.UNSUPPORTED_CODEC, e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new AudioFormatException(AudioFormatException.Problem.TRUNCATED,
                    "The audio could not be decoded to the end: " + e.getMessage(), e);
        }
    }

    /** Transcribes decoded 16 kHz audio. */
    public TranscriptionResult transcribe(SpeechRecognizer recognizer, AudioClip audio, Language language, boolean itn) {
        List<SpeechSegment> segments = vad.current().detect(audio);
        List<RecognitionRequest> requests = segments.stream()
                .map(s -> new RecognitionRequest(audio.slice((int) s.startSample(), (int) s.endSample()), language, itn))
                .toList();
        List<Transcript> transcripts = requests.isEmpty() ? List.of() : recognizer.transcribeAll(requests);
        List<TranscriptionResult.Segment> result = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            double offset = segments.get(i).startSeconds();
            result.add(new TranscriptionResult.Segment(offset, segments.get(i).endSeconds(),
                    shift(transcripts.get(i), offset)));
        }
        return new TranscriptionResult(result, audio.durationSeconds(), recognizer.engine());
    }

    private static Transcript shift(Transcript t, double offset) {
        List<TimedToken> tokens = t.tokens().stream()
                .map(k -> new TimedToken(k.text(), k.start() + offset, k.end() + offset)).toList();
        return new Transcript(t.text(), t.language(), t.emotion(), t.events(), t.itn(), tokens);
    }
}
