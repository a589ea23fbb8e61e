package io.omnivox.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.omnivox.audio.AudioClip;

/**
 * The fallback engine on real recorded speech: the five LibriVox clips of Debian's {@code pocketsphinx-testdata}
 * (16 kHz mono, transcripts in {@code librivox/transcription}).
 */
class PocketSphinxRecognizerTest {

    static final Path BINARY = Path.of("/usr/bin/pocketsphinx_continuous");
    static final Path LIBRIVOX = Path.of("/usr/share/pocketsphinx/test/data/librivox");
    private static final Pattern LINE = Pattern.compile("<s> (.*) </s> \\((.*)\\)");

    /**
     * PocketSphinx 0.8 with its generic en-us language model gets about a third of these literary sentences' words
     * wrong (names such as "dashwood" are out of vocabulary, "ill disposed" becomes "illness those"); measured here
     * at 0.37 (26 errors in 71 words) over all five clips. The bound leaves room for another Debian build of the
     * same engine while still
     * failing if audio reaches it garbled (wrong rate, clipping, byte order), which pushes WER towards 1.
     */
    private static final double MAX_WER = 0.45;

    private final PocketSphinxRecognizer recognizer = new PocketSphinxRecognizer(BINARY, Duration.ofSeconds(60));

    @BeforeEach
    void requireDebianPackages() {
        assumeTrue(PocketSphinxRecognizer.available(BINARY) && Files.isDirectory(LIBRIVOX),
                "needs Debian's pocketsphinx, pocketsphinx-en-us and pocketsphinx-testdata (installed by .ci/run)");
    }

    @Test
    void should_transcribe_real_speech_within_the_stated_word_error_rate() throws Exception {
        int errors = 0;
        int words = 0;
        for (Map.Entry<String, String> clip : transcripts().entrySet()) {
            AudioClip audio = read(LIBRIVOX.resolve(clip.getKey() + ".wav"));

            Transcript transcript = recognizer.transcribe(new RecognitionRequest(audio, Language.EN, false));

            List<String> reference = WordErrorRate.words(clip.getValue());
            errors += WordErrorRate.errors(reference, WordErrorRate.words(transcript.text()));
            words += reference.size();
            assertThat(transcript.language()).isEqualTo("en");
            assertThat(transcript.tokens()).isNotEmpty().allSatisfy(t -> assertThat(t.end()).isGreaterThanOrEqualTo(t.start()));
        }

        double wer = errors / (double) words;
        assertThat(wer).as("word error rate over %d words", words).isLessThanOrEqualTo(MAX_WER);
    }

    @Test
    void should_return_an_empty_transcript_for_silence() {
        Transcript transcript = recognizer.transcribe(
                new RecognitionRequest(new AudioClip(new float[16_000 * 2], 16_000), Language.EN, false));

        assertThat(transcript.noSpeech()).isTrue();
    }

    @Test
    void should_parse_word_lines_and_drop_fillers() {
        List<Transcript.TimedToken> words = PocketSphinxRecognizer.parse(List.of("he was not", "<s> 0.000 0.140 0.99",
                "he 0.150 0.360 0.26", "<sil> 0.37 0.40 0.5", "leisure(2) 2.260 2.710 0.45", "[NOISE] 3.0 3.1 0.1"));

        assertThat(words).containsExactly(new Transcript.TimedToken(" he", 0.15, 0.36),
                new Transcript.TimedToken(" leisure", 2.26, 2.71));
    }

    /** clip id → reference text. */
    private static Map<String, String> transcripts() throws Exception {
        Map<String, String> map = new TreeMap<>();
        for (String line : Files.readAllLines(LIBRIVOX.resolve("transcription"))) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                map.put(m.group(2), m.group(1));
            }
        }
        return map;
    }

    static AudioClip read(Path wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new File(wav.toString()))) {
            byte[] bytes = in.readAllBytes();
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            List<Float> samples = new ArrayList<>();
            while (buffer.remaining() >= 2) {
                samples.add(buffer.getShort() / 32768f);
            }
            float[] pcm = new float[samples.size()];
            for (int i = 0; i < pcm.length; i++) {
                pcm[i] = samples.get(i);
            }
            return new AudioClip(pcm, (int) in.getFormat().getSampleRate());
        }
    }
}
