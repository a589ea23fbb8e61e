package io.omnivox.asr;

import static io.omnivox.testkit.FixtureSenseVoice.features;
import static io.omnivox.testkit.FixtureSenseVoice.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.omnivox.asr.Transcript.TimedToken;
import io.omnivox.audio.AudioClip;
import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxModel;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.testkit.FixtureSenseVoice;
import io.omnivox.testkit.OnnxDType;
import io.omnivox.testkit.OnnxGraphBuilder;

/** The SenseVoice pipeline on a fixture with the real export's contract: features → logits → text and tags. */
class SenseVoiceRecognizerTest {

    private static final int HELLO = id("\u2581hello");
    private static final int WORLD = id("\u2581world");
    private static final int NI = id("你");
    private static final int HAO = id("好");

    private static OnnxSessionFactory factory;
    private static SenseVoiceRecognizer recognizer;

    @BeforeAll
    static void load(@TempDir Path dir) throws Exception {
        factory = new OnnxSessionFactory(OnnxSessionFactory.Threads.DEFAULT, List.of());
        Path model = Files.write(dir.resolve("model.int8.onnx"), FixtureSenseVoice.model());
        Path tokens = Files.writeString(dir.resolve("tokens.txt"), FixtureSenseVoice.tokensTxt());
        recognizer = new SenseVoiceRecognizer(factory.open(model), TokenTable.load(tokens), 4);
    }

    /** One feature matrix as a batch (List.of would spread a float[][] into its rows). */
    private static List<float[][]> single(float[][] x) {
        return java.util.Collections.singletonList(x);
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void should_decode_text_and_rich_tags_when_features_select_known_tokens() {
        float[][] x = features(0, HELLO, HELLO, 0, WORLD, WORLD, 0);

        Transcript t = recognizer.transcribeFeatures(single(x), Language.AUTO, true).get(0);

        assertThat(t.text()).isEqualTo("hello world");
        assertThat(t.language()).isEqualTo("en");
        assertThat(t.emotion()).isEqualTo("HAPPY");
        assertThat(t.events()).containsExactly("Speech");
        assertThat(t.itn()).isTrue();
    }

    @Test
    void should_keep_repeats_separated_by_blank_and_merge_consecutive_ones() {
        Transcript t = recognizer.transcribeFeatures(single(features(NI, NI, 0, NI, HAO, HAO)), Language.ZH, false)
                .get(0);

        assertThat(t.text()).isEqualTo("你你好");
        assertThat(t.language()).isEqualTo("zh");
    }

    @Test
    void should_pass_the_itn_switch_to_the_model() {
        float[][] x = features(HELLO);

        assertThat(recognizer.transcribeFeatures(single(x), Language.EN, true).get(0).itn()).isTrue();
        assertThat(recognizer.transcribeFeatures(single(x), Language.EN, false).get(0).itn()).isFalse();
    }

    @Test
    void should_pass_the_requested_language_to_the_model() {
        for (Language language : List.of(Language.ZH, Language.EN, Language.YUE, Language.JA, Language.KO)) {
            Transcript t = recognizer.transcribeFeatures(single(features(HELLO)), language, true).get(0);

            assertThat(t.language()).isEqualTo(language.code());
        }
    }

    @Test
    void should_time_tokens_from_their_ctc_frames() {
        // output frames are 60 ms apart (10 ms fbank shift x LFR 6); hello starts at frame 2, world at frame 5
        Transcript t = recognizer.transcribeFeatures(single(features(0, 0, HELLO, HELLO, 0, WORLD)), Language.EN, true)
                .get(0);

        assertThat(t.tokens()).extracting(TimedToken::text).containsExactly(" hello", " world");
        assertThat(t.words()).extracting(TimedToken::text).containsExactly("hello", "world");
        assertThat(t.tokens().get(0).start()).isCloseTo(0.12, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(t.tokens().get(0).end()).isCloseTo(0.30, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(t.tokens().get(1).start()).isCloseTo(0.30, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void should_give_the_same_result_batched_as_one_by_one_when_lengths_differ() {
        List<float[][]> inputs = List.<float[][]>of(features(HELLO, 0, WORLD),
                features(NI, HAO, 0, 0, 0, 0, 0, NI), features(WORLD));

        List<Transcript> batched = recognizer.transcribeFeatures(inputs, Language.AUTO, true);
        List<Transcript> single = inputs.stream()
                .map(x -> recognizer.transcribeFeatures(single(x), Language.AUTO, true).get(0)).toList();

        assertThat(batched).isEqualTo(single);
        assertThat(batched).extracting(Transcript::text).containsExactly("hello world", "你好你", "world");
    }

    @Test
    void should_report_no_speech_when_every_frame_is_blank() {
        Transcript t = recognizer.transcribeFeatures(single(features(0, 0, 0)), Language.AUTO, true).get(0);

        assertThat(t.noSpeech()).isTrue();
        assertThat(t.tokens()).isEmpty();
    }

    @Test
    void should_return_results_in_request_order_when_transcribing_audio() {
        List<RecognitionRequest> requests = List.of(
                new RecognitionRequest(new AudioClip(new float[16_000], 16_000), Language.ZH, true),
                new RecognitionRequest(new AudioClip(new float[8_000], 16_000), Language.EN, false),
                new RecognitionRequest(new AudioClip(new float[32_000], 16_000), Language.ZH, true));

        List<Transcript> results = recognizer.transcribeAll(requests);

        assertThat(results).extracting(Transcript::language).containsExactly("zh", "en", "zh");
        assertThat(results).extracting(Transcript::itn).containsExactly(true, false, true);
    }

    @Test
    void should_return_an_empty_transcript_when_audio_is_shorter_than_one_frame() {
        List<Transcript> results = recognizer.transcribeAll(List.of(
                new RecognitionRequest(new AudioClip(new float[100], 16_000), Language.EN, true),
                new RecognitionRequest(new AudioClip(new float[16_000], 16_000), Language.EN, true)));

        assertThat(results.get(0).noSpeech()).isTrue();
        assertThat(results.get(1).language()).isEqualTo("en");
    }

    @Test
    void should_refuse_a_model_without_sensevoice_metadata(@TempDir Path dir) throws Exception {
        OnnxGraphBuilder g = new OnnxGraphBuilder("not-sensevoice");
        String x = g.input("x", OnnxDType.FLOAT, "N", "T", 560);
        g.output("logits", g.op("Identity", x), OnnxDType.FLOAT, "N", "T", 560);
        g.metadata("model_type", "something_else");
        try (OnnxModel model = factory.load("other", g.toBytes())) {
            assertThatThrownBy(() -> new SenseVoiceRecognizer(model, TokenTable.parse(List.of("a 0"), "t"), 1))
                    .isInstanceOf(ModelException.class).hasMessageContaining("x_length");
        }
    }

    /** On real speech the fixture's logits follow the features and do emit {@code <s>}/{@code </s>}: not text. */
    @org.junit.jupiter.api.Test
    void should_keep_sentencepiece_control_symbols_out_of_the_text() throws Exception {
        Path raw = Path.of("/usr/share/pocketsphinx/test/data/goforward.raw");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(raw), "needs Debian's pocketsphinx-testdata");
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(Files.readAllBytes(raw))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        float[] samples = new float[bytes.remaining() / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = bytes.getShort() / 32768f;
        }

        Transcript transcript = recognizer.transcribe(new RecognitionRequest(
                new io.omnivox.audio.AudioClip(samples, 16_000), Language.AUTO, true));

        assertThat(transcript.text()).isNotBlank().doesNotContain("<s>").doesNotContain("</s>");
        assertThat(transcript.tokens()).noneMatch(t -> t.text().contains("<s>") || t.text().contains("</s>"));
    }
}
