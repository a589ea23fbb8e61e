package io.omnivox.audio.vad;

import static io.omnivox.audio.vad.TestAudio.GOFORWARD_CUT_END;
import static io.omnivox.audio.vad.TestAudio.GOFORWARD_CUT_START;
import static io.omnivox.audio.vad.TestAudio.GOFORWARD_SPEECH_END;
import static io.omnivox.audio.vad.TestAudio.GOFORWARD_SPEECH_START;
import static io.omnivox.audio.vad.TestAudio.clip;
import static io.omnivox.audio.vad.TestAudio.concat;
import static io.omnivox.audio.vad.TestAudio.goForward;
import static io.omnivox.audio.vad.TestAudio.goForwardCut;
import static io.omnivox.audio.vad.TestAudio.silence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * What every detector must do on real recordings, with speech placed where the test knows it is. Subclasses give the
 * detector and the tolerances they meet (and why).
 */
abstract class RecordedSpeechContract {

    /**
     * Speech regions of the librivox recordings, in seconds, from the {@code .lab} files next to them in
     * pocketsphinx's sources (test/data/librivox); the Debian package ships the audio only. The labels are rough:
     * pocketsphinx's own endpointer test accepts 0.5 s against them, and the end of 0870 is labelled 6.76 s while its
     * last word fades into the background at about 6.85 s.
     */
    static final Map<String, double[]> LIBRIVOX_LABELS = Map.of(
            "sense_and_sensibility_01_austen_64kb-0870.wav", new double[] {0.236, 6.762},
            "sense_and_sensibility_01_austen_64kb-0880.wav", new double[] {0.251, 2.774},
            "sense_and_sensibility_01_austen_64kb-0890.wav", new double[] {0.260, 5.057},
            "sense_and_sensibility_01_austen_64kb-0920.wav", new double[] {0.246, 5.813},
            "sense_and_sensibility_01_austen_64kb-0930.wav", new double[] {0.269, 3.037});
    /** Distance allowed from the librivox labels, in seconds: the labels' own error plus the detector's. */
    static final double LABEL_TOLERANCE = 0.2;

    abstract VoiceActivityDetector detector(VadOptions options);

    /** Seconds a segment boundary may be off the known speech boundary in a clean clip. */
    abstract double tolerance();

    /** Level (dBFS) of white noise the detector must see through on the goforward clip. */
    abstract double noiseLevel();

    /** Seconds a segment boundary may be off the known speech boundary with that noise. */
    abstract double noisyTolerance();

    private VoiceActivityDetector detector() {
        return detector(VadOptions.DEFAULTS);
    }

    /** 1.0 s of digital silence, goforward.raw (2.79 s), 1.5 s of digital silence. */
    private static float[] goForwardInSilence() {
        return concat(silence(1.0), goForward(), silence(1.5));
    }

    @Test
    void should_find_one_segment_around_the_utterance_when_it_is_surrounded_by_silence() {
        List<SpeechSegment> segments = detector().detect(clip(goForwardInSilence()));

        assertThat(segments).hasSize(1);
        assertThat(segments.get(0).startSeconds()).isCloseTo(1.0 + GOFORWARD_SPEECH_START, within(tolerance()));
        assertThat(segments.get(0).endSeconds()).isCloseTo(1.0 + GOFORWARD_SPEECH_END, within(tolerance()));
    }

    @Test
    void should_find_two_segments_when_two_utterances_are_a_second_apart() {
        float[] cut = goForwardCut();
        double cutLength = GOFORWARD_CUT_END - GOFORWARD_CUT_START;
        double speechStart = GOFORWARD_SPEECH_START - GOFORWARD_CUT_START;
        double speechEnd = GOFORWARD_SPEECH_END - GOFORWARD_CUT_START;

        List<SpeechSegment> segments = detector().detect(clip(concat(silence(1), cut, silence(1), cut, silence(1))));

        assertThat(segments).hasSize(2);
        double second = 1 + cutLength + 1;
        assertThat(segments.get(0).startSeconds()).isCloseTo(1 + speechStart, within(tolerance()));
        assertThat(segments.get(0).endSeconds()).isCloseTo(1 + speechEnd, within(tolerance()));
        assertThat(segments.get(1).startSeconds()).isCloseTo(second + speechStart, within(tolerance()));
        assertThat(segments.get(1).endSeconds()).isCloseTo(second + speechEnd, within(tolerance()));
    }

    @Test
    void should_find_one_segment_per_recording_when_recordings_are_joined_by_a_second_of_silence() {
        // 300 ms minimum silence (a pause between words, not between turns): "five five" is one utterance.
        List<float[]> pieces = new ArrayList<>();
        List<double[]> spans = new ArrayList<>();
        double at = 1;
        pieces.add(silence(1));
        for (int card = 1; card <= 5; card++) {
            float[] recording = TestAudio.wav(TestAudio.CARDS.resolve("00" + card + ".wav"));
            double seconds = recording.length / (double) TestAudio.RATE;
            spans.add(new double[] {at, at + seconds});
            pieces.add(recording);
            pieces.add(silence(1));
            at += seconds + 1;
        }

        List<SpeechSegment> segments = detector(VadOptions.DEFAULTS.withMinSilenceMs(300))
                .detect(clip(concat(pieces.toArray(float[][]::new))));

        assertThat(segments).hasSize(5);
        for (int i = 0; i < 5; i++) {
            // Each lies on its recording; the padding may reach a little into the silence around it (and the energy
            // detector hears the click where a recording with a DC offset follows digital silence).
            assertThat(segments.get(i).startSeconds()).as("card %d", i + 1).isBetween(spans.get(i)[0] - tolerance(),
                    spans.get(i)[1]);
            assertThat(segments.get(i).endSeconds()).as("card %d", i + 1).isBetween(spans.get(i)[0],
                    spans.get(i)[1] + tolerance());
        }
    }

    @Test
    void should_find_nothing_when_the_audio_is_digital_silence() {
        assertThat(detector().detect(clip(silence(5)))).isEmpty();
    }

    @Test
    void should_find_nothing_when_the_audio_is_white_noise() {
        // -30 dBFS: about the level of speech itself in these recordings, so only the model's judgement (Silero) or
        // the noise floor (energy) can tell it is not speech.
        assertThat(detector().detect(clip(TestAudio.whiteNoise(5, -30, 11)))).isEmpty();
    }

    @Test
    void should_find_the_utterance_when_white_noise_is_added() {
        float[] noisy = TestAudio.mix(goForwardInSilence(), TestAudio.whiteNoise(1, noiseLevel(), 5));

        List<SpeechSegment> segments = detector().detect(clip(noisy));

        assertThat(segments).hasSize(1);
        assertThat(segments.get(0).startSeconds()).isCloseTo(1.0 + GOFORWARD_SPEECH_START, within(noisyTolerance()));
        assertThat(segments.get(0).endSeconds()).isCloseTo(1.0 + GOFORWARD_SPEECH_END, within(noisyTolerance()));
    }

    @Test
    void should_stay_within_the_labelled_speech_when_reading_audiobook_recordings() {
        VoiceActivityDetector detector = detector();
        LIBRIVOX_LABELS.forEach((file, label) -> {
            List<SpeechSegment> segments = detector.detect(clip(TestAudio.wav(TestAudio.LIBRIVOX.resolve(file))));

            assertThat(segments).as(file).isNotEmpty();
            assertThat(segments.get(0).startSeconds()).as(file).isCloseTo(label[0], within(LABEL_TOLERANCE));
            assertThat(segments.get(segments.size() - 1).endSeconds()).as(file)
                    .isCloseTo(label[1], within(LABEL_TOLERANCE));
        });
    }

    @Test
    void should_report_the_same_segments_when_streamed_in_random_chunks() {
        VoiceActivityDetector detector = detector();
        float[] samples = concat(silence(0.7), goForward(), silence(0.3), goForwardCut(), silence(0.01));
        List<SpeechSegment> whole = detector.detect(clip(samples));

        for (long seed = 1; seed <= 3; seed++) {
            List<VadEvent> events = TestAudio.stream(detector, samples, seed);

            assertThat(TestAudio.segments(events)).as("seed %d", seed).isEqualTo(whole);
            SpeechSegmenterTest.assertAlternating(events);
        }
        assertThat(whole).isNotEmpty();
    }
}
