package io.omnivox.tts.cosyvoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.omnivox.audio.AudioClip;
import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.decoder.CancellationToken;
import io.omnivox.model.tokenizer.HuggingFaceTextTokenizer;
import io.omnivox.tts.SpeechStyle;
import io.omnivox.tts.SynthesisRequest;

/**
 * The CosyVoice 2 pipeline end to end on the fixture model directory of {@link CosyVoicePipelineFixtures}: text →
 * tokens → LLM → flow → HiFT, voice cloning, sentence streaming, cancellation and load errors.
 */
class CosyVoiceSynthesizerTest {

    private static final int SAMPLES_PER_TOKEN = 2 * 480;
    private static OnnxSessionFactory factory;
    private static Path modelDir;
    private static final List<String> log = new ArrayList<>();
    private static CosyVoiceSynthesizer synthesizer;

    @BeforeAll
    static void open(@TempDir Path dir) {
        factory = new OnnxSessionFactory(OnnxSessionFactory.Threads.DEFAULT, List.of());
        modelDir = CosyVoicePipelineFixtures.writeModelDir(dir.resolve("cosyvoice2"));
        synthesizer = CosyVoiceSynthesizer.open(factory, modelDir, CosyVoiceSynthesizer.Settings.DEFAULTS,
                (stage, sentence) -> {
                    synchronized (log) {
                        log.add(stage + " " + sentence);
                    }
                });
    }

    @AfterAll
    static void close() {
        synthesizer.close();
        factory.close();
    }

    private static List<float[]> speak(String text, String voice) {
        List<float[]> chunks = new ArrayList<>();
        synthesizer.synthesize(new SynthesisRequest(text, voice, SpeechStyle.NEUTRAL), pcm -> chunks.add(pcm));
        return chunks;
    }

    /** A 1 s chirp at {@code rate} Hz. */
    private static AudioClip chirp(int rate, double from, double to, double gain) {
        float[] samples = new float[rate];
        for (int i = 0; i < samples.length; i++) {
            double t = (double) i / rate;
            samples[i] = (float) (gain * Math.sin(2 * Math.PI * (from + (to - from) * t / 2) * t));
        }
        return new AudioClip(samples, rate);
    }

    @Test
    void should_speak_text_with_two_mel_frames_of_480_samples_per_generated_token() {
        List<float[]> chunks = speak("Hello world.", null);

        // "hello world ." = 3 text tokens -> 9 speech tokens -> 18 mel frames -> 8640 samples.
        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0)).hasSize(9 * SAMPLES_PER_TOKEN);
        for (float v : chunks.get(0)) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(HiftVocoder.AUDIO_LIMIT);
        }
        assertThat(IntStream.range(0, chunks.get(0).length).anyMatch(i -> chunks.get(0)[i] != 0)).isTrue();
        assertThat(synthesizer.sampleRate()).isEqualTo(24_000);
    }

    @Test
    void should_generate_the_fixture_tokens_from_the_sos_text_task_prompt() {
        VoicePrompt voice = synthesizer.voice(null);
        float[] pcm = synthesizer.synthesizeSentence("how are you?", voice, new CancellationToken());
        assertThat(pcm).hasSize(12 * SAMPLES_PER_TOKEN);

        try (CosyVoiceLlm llm = CosyVoiceLlm.open(factory, modelDir, CosyVoiceLlm.Settings.DEFAULTS)) {
            int[] tokens = llm.generate(new long[0], new long[] { 4, 5, 6, 7 }, new int[0], new CancellationToken());
            assertThat(tokens).containsExactly(IntStream.range(0, 12)
                    .map(j -> CosyVoicePipelineFixtures.expectedToken(j, 0)).toArray());
            assertThat(llm.speechTokenSize()).isEqualTo(6561);
            assertThat(llm.hidden()).isEqualTo(CosyVoicePipelineFixtures.HIDDEN);
            assertThat(llm.minLength(4)).isEqualTo(8);
            assertThat(llm.maxLength(4)).isEqualTo(80);
        }
    }

    @Test
    void should_stop_at_the_length_bound_when_end_of_speech_never_comes() {
        CosyVoiceLlm.Settings tight = new CosyVoiceLlm.Settings(1.0, 25, 0.8, 1.5, 10, 0, 2, 0);
        try (CosyVoiceLlm llm = CosyVoiceLlm.open(factory, modelDir, tight)) {
            // 3 tokens per text token would come; the bound is 2 per text token.
            assertThat(llm.generate(new long[0], new long[] { 1, 2 }, new int[0], new CancellationToken()))
                    .hasSize(4);
        }
    }

    @Test
    void should_condition_on_the_prompt_audio_and_transcript_when_cloning() {
        AudioClip prompt = chirp(16_000, 200, 2000, 0.5);
        VoicePrompt voice = synthesizer.clone("me", prompt, "This is me.");

        // Speaker embedding: campplus.onnx on the mean-normalised Kaldi fbank.
        try (CampPlus campPlus = CampPlus.open(factory, modelDir)) {
            float[] expected = CosyVoicePipelineFixtures.campPlusReference(campPlus.features(prompt.samples()));
            assertThat(voice.embedding()).usingComparatorWithPrecision(1e-5f).containsExactly(expected);
        }
        assertThat(voice.embedding()).isNotEqualTo(new float[CampPlus.EMBEDDING]);
        // 1 s: 100 Whisper frames -> 25 tokens; flow mel 50 frames -> aligned to 2 x 25.
        assertThat(voice.speechTokens()).hasSize(25);
        assertThat(voice.melFrames()).isEqualTo(50);
        int promptSum = Arrays.stream(voice.speechTokens()).sum();
        assertThat(promptSum).isPositive();

        // LLM: the prompt tokens shift every generated token, the transcript (4 tokens) adds 12 tokens.
        try (CosyVoiceLlm llm = CosyVoiceLlm.open(factory, modelDir, CosyVoiceLlm.Settings.DEFAULTS);
                HuggingFaceTextTokenizer tokenizer = HuggingFaceTextTokenizer
                        .load(modelDir.resolve(CosyVoiceSynthesizer.TOKENIZER_FILE))) {
            int[] tokens = llm.generate(tokenizer.encode(voice.transcript()), tokenizer.encode("hello world."),
                    voice.speechTokens(), new CancellationToken());
            assertThat(tokens).containsExactly(IntStream.range(0, 21)
                    .map(j -> CosyVoicePipelineFixtures.expectedToken(j, promptSum)).toArray());
        }

        List<float[]> cloned = new ArrayList<>();
        synthesizer.synthesize("Hello world.", voice, cloned::add);
        assertThat(cloned).hasSize(1);
        assertThat(cloned.get(0)).hasSize(21 * SAMPLES_PER_TOKEN);

        // Another speaker: other embedding and tokens, other audio.
        VoicePrompt other = synthesizer.clone("other", chirp(16_000, 3000, 300, 0.2), "This is me.");
        assertThat(other.embedding()).isNotEqualTo(voice.embedding());
        List<float[]> otherChunks = new ArrayList<>();
        synthesizer.synthesize("Hello world.", other, otherChunks::add);
        assertThat(otherChunks.get(0)).isNotEqualTo(cloned.get(0));
    }

    @Test
    void should_change_the_flow_output_with_the_speaker_embedding() {
        try (CosyVoiceFlow flow = CosyVoiceFlow.open(factory, modelDir, FlowMatchingSolver.Settings.DEFAULTS, 0)) {
            float[] a = new float[192];
            float[] b = new float[192];
            b[3] = 1f;
            CosyVoiceFlow.Mel melA = flow.inference(new int[0], new int[] { 100, 101 }, new float[0], 0, a);
            CosyVoiceFlow.Mel melB = flow.inference(new int[0], new int[] { 100, 101 }, new float[0], 0, b);
            assertThat(melA.frames()).isEqualTo(4);
            assertThat(melA.values()).isNotEqualTo(melB.values());
            // Prompt frames are cut: the same target with a 2-token prompt gives 4 frames again.
            CosyVoiceFlow.Mel withPrompt = flow.inference(new int[] { 1, 2 }, new int[] { 100, 101 },
                    new float[80 * 4], 4, a);
            assertThat(withPrompt.frames()).isEqualTo(4);
        }
    }

    @Test
    void should_deliver_each_sentence_before_the_next_sentence_runs() {
        List<String> events;
        List<float[]> chunks = new ArrayList<>();
        synchronized (log) {
            log.clear();
            synthesizer.synthesize(new SynthesisRequest("Hello world. How are you?", null, SpeechStyle.NEUTRAL),
                    pcm -> {
                        log.add("sink " + chunks.size());
                        chunks.add(pcm);
                        return true;
                    });
            events = List.copyOf(log);
        }
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0)).hasSize(9 * SAMPLES_PER_TOKEN);
        assertThat(chunks.get(1)).hasSize(12 * SAMPLES_PER_TOKEN);
        assertThat(events).containsExactly("LLM_START 0", "LLM_END 0", "FLOW_END 0", "VOCODER_END 0", "sink 0",
                "CHUNK_DELIVERED 0", "LLM_START 1", "LLM_END 1", "FLOW_END 1", "VOCODER_END 1", "sink 1",
                "CHUNK_DELIVERED 1");
    }

    @Test
    void should_not_synthesise_later_sentences_when_the_sink_stops() {
        List<String> events;
        List<float[]> chunks = new ArrayList<>();
        synchronized (log) {
            log.clear();
            synthesizer.synthesize(new SynthesisRequest("Hello world. How are you? Fine!", null,
                    SpeechStyle.NEUTRAL), pcm -> {
                        chunks.add(pcm);
                        return false;
                    });
            events = List.copyOf(log);
        }
        assertThat(chunks).hasSize(1);
        assertThat(events).doesNotContain("LLM_START 1", "LLM_START 2");
    }


    @Test
    void should_name_the_missing_file_when_the_model_dir_is_incomplete(@TempDir Path dir) throws Exception {
        Path incomplete = CosyVoicePipelineFixtures.writeModelDir(dir.resolve("cosyvoice2"));
        Files.delete(incomplete.resolve(CosyVoiceLlm.LLM_FILE));
        Files.delete(incomplete.resolve(HiftVocoder.SOURCE_FILE));
        assertThatThrownBy(() -> CosyVoiceSynthesizer.open(factory, incomplete, CosyVoiceSynthesizer.Settings.DEFAULTS))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("llm.onnx")
                .hasMessageContaining("hift_source.onnx")
                .hasMessageContaining(incomplete.toString());
    }

    @Test
    void should_reject_an_unknown_voice() {
        assertThatThrownBy(() -> speak("Hello.", "nobody")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nobody");
    }

    @Test
    void should_accept_int64_indices_from_the_speech_tokenizer() {
        float[] audio = chirp(16_000, 200, 2000, 0.5).samples();
        try (SpeechTokenizer narrow = new SpeechTokenizer(factory.load("tok32",
                CosyVoicePipelineFixtures.speechTokenizer(false)));
                SpeechTokenizer wide = new SpeechTokenizer(factory.load("tok64",
                        CosyVoicePipelineFixtures.speechTokenizer(true)))) {
            int[] tokens = narrow.tokenize(audio);
            assertThat(wide.tokenize(audio)).containsExactly(tokens);
            assertThat(tokens).containsExactly(CosyVoicePipelineFixtures.speechTokenizerReference(
                    narrow.features(audio)));
        }
    }

    @Test
    void should_halve_the_audio_when_speed_is_two() {
        List<float[]> chunks = new ArrayList<>();
        synthesizer.synthesize(new SynthesisRequest("Hello world.", null, SpeechStyle.NEUTRAL.withSpeed(2.0)),
                chunks::add);

        // 18 mel frames stretched to 9, as upstream's linear interpolation of the mel before the vocoder
        assertThat(chunks.get(0)).hasSize(9 * 480);
    }

    @Test
    void should_use_the_instruction_as_llm_prompt_when_an_emotion_is_asked() {
        List<float[]> neutral = speak("Hello world.", null);
        List<float[]> happy = new ArrayList<>();
        synthesizer.synthesize(new SynthesisRequest("Hello world.", null,
                new SpeechStyle("happy", 1.0, 0, "")), happy::add);

        // the fixture LLM stops after 3 tokens per prompt-text + text token: the instruction adds prompt text
        assertThat(happy.get(0).length).isGreaterThan(neutral.get(0).length);
    }

    @Test
    void should_stretch_the_mel_by_linear_interpolation() {
        float[] values = { 0, 1, 2, 3, 10, 20, 30, 40 }; // two bins x four frames
        CosyVoiceFlow.Mel half = CosyVoiceSynthesizer.stretch(new CosyVoiceFlow.Mel(values, 4), 2.0);

        assertThat(half.frames()).isEqualTo(2);
        // align_corners=false: output frame t samples input position (t + 0.5) * 2 - 0.5 = 0.5 and 2.5
        assertThat(half.values()).containsExactly(0.5f, 2.5f, 15f, 35f);
    }

    @Test
    void should_stream_a_long_sentence_in_token_chunks_before_the_llm_finishes() {
        String sentence = "Hello world hello world hello world hello world hello world.";
        synchronized (log) {
            log.clear();
        }

        List<float[]> chunks = speak(sentence, null);

        // 11 text tokens -> 33 speech tokens: one chunk of 25 once 28 exist (3 look-ahead), then the remaining 8
        assertThat(chunks).hasSize(2);
        assertThat(chunks.stream().mapToInt(c -> c.length).sum()).isEqualTo(33 * SAMPLES_PER_TOKEN);
        List<String> order;
        synchronized (log) {
            order = List.copyOf(log);
        }
        assertThat(order.indexOf("CHUNK_DELIVERED 0")).as("first audio before the LLM ends: %s", order)
                .isLessThan(order.indexOf("LLM_END 0"));
        for (float[] chunk : chunks) {
            for (float v : chunk) {
                assertThat(Math.abs(v)).isLessThanOrEqualTo(HiftVocoder.AUDIO_LIMIT);
            }
        }
    }

    @Test
    void should_condition_the_llm_by_mode() {
        float[] embedding = new float[CampPlus.EMBEDDING];
        VoicePrompt withWords = new VoicePrompt("v", "hello world", new int[] { 7, 8 }, new float[80 * 4], 4, embedding);
        VoicePrompt withoutWords = new VoicePrompt("v", "", new int[] { 7, 8 }, new float[80 * 4], 4, embedding);

        assertThat(CosyVoiceSynthesizer.llmVoice(withWords, SpeechStyle.NEUTRAL)).isSameAs(withWords);
        assertThat(CosyVoiceSynthesizer.llmVoice(withoutWords, SpeechStyle.NEUTRAL).speechTokens()).isEmpty();
        VoicePrompt happy = CosyVoiceSynthesizer.llmVoice(withWords, new SpeechStyle("happy", 1, 0, ""));
        assertThat(happy.transcript()).endsWith("<|endofprompt|>");
        assertThat(happy.speechTokens()).isEmpty();
        assertThat(CosyVoiceSynthesizer.llmVoice(withWords, new SpeechStyle("neutral", 1, 0, "Speak slowly"))
                .transcript()).isEqualTo("Speak slowly<|endofprompt|>");
    }
}
