package io.omnivox.model.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.omnivox.model.OnnxModel;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.tokenizer.HuggingFaceTextTokenizer;
import io.omnivox.model.tokenizer.StreamingDetokenizer;
import io.omnivox.testkit.llama2c.Llama2cModelFiles;
import io.omnivox.testkit.llama2c.Llama2cOnnxExporter;
import io.omnivox.testkit.llama2c.Llama2cTokenizerJson;

/**
 * Real weights end to end: the 260K-parameter llama2.c TinyStories model, exported by the test to an ONNX file in the
 * Optimum KV-cache layout (rotary positions, grouped-query attention), loaded through the session factory and decoded
 * greedily by the generic decoder with the Hugging Face tokenizer, reproduces llama2.c's golden texts
 * ({@code ../shared/models/llama2c-stories260K/README.md}).
 *
 * <p>llama2.c's {@code steps} count printed positions after BOS, prompt included, and it stops on BOS: so a run of
 * {@code steps} generates {@code steps + 1 - promptLength} tokens (BOS counted in the prompt) with stop token 1.
 * The README's "Zoo, 64 steps" text is the first line of that run's output (it goes on with a newline and "L");
 * it is exactly the 62-step output.
 */
class Stories260kGoldenTest {

    private static final String ZOO_GOLDEN = "Zoo was a little girl named Lily. She loved to play outside in the park. "
            + "One day, she saw a big, red ball. She wanted to play with it, but she didn't want to play with it.";
    private static final String NO_PROMPT_GOLDEN = "Once upon a time, there was a little girl named Lily. She loved to "
            + "play outside in the park. One day, she saw a big, red ball. She wanted to";

    @TempDir
    static Path dir;

    private static OnnxSessionFactory factory;
    private static HuggingFaceTextTokenizer tokenizer;
    private static AutoregressiveDecoder decoder;

    @BeforeAll
    static void load() throws Exception {
        if (!Llama2cModelFiles.present()) {
            return; // every test skips in requireSharedModel()
        }
        Path model = Llama2cOnnxExporter.export(Llama2cModelFiles.checkpoint(), dir.resolve("stories260K.onnx"));
        Path json = dir.resolve("tokenizer.json");
        java.nio.file.Files.writeString(json, Llama2cTokenizerJson.toJson(Llama2cModelFiles.vocab()));
        factory = new OnnxSessionFactory(OnnxSessionFactory.Threads.DEFAULT, List.of());
        OnnxModel onnx = factory.open(model);
        tokenizer = HuggingFaceTextTokenizer.load(json);
        decoder = new AutoregressiveDecoder(OnnxCausalLm.of(onnx));
    }

    @AfterAll
    static void close() {
        if (factory != null) {
            tokenizer.close();
            factory.close();
        }
    }

    @BeforeEach
    void requireSharedModel() {
        Llama2cModelFiles.assumePresent();
    }

    @Test
    void should_reproduce_the_golden_zoo_story_when_decoding_greedily() {
        assertThat(run("Zoo", 64).lines().findFirst()).contains(ZOO_GOLDEN);
        assertThat(run("Zoo", 62)).isEqualTo(ZOO_GOLDEN);
    }

    @Test
    void should_reproduce_the_golden_story_when_there_is_no_prompt() {
        assertThat(run("", 48)).isEqualTo(NO_PROMPT_GOLDEN);
    }

    @Test
    void should_stream_the_same_text_piece_by_piece() {
        long[] prompt = prompt("Zoo");
        StreamingDetokenizer stream = new StreamingDetokenizer(tokenizer);
        StringBuilder streamed = new StringBuilder();
        for (int i = 1; i < prompt.length; i++) {
            streamed.append(stream.accept(prompt[i]));
        }

        decoder.generate(prompt, GenerationOptions.greedy(59, Llama2cTokenizerJson.BOS),
                token -> streamed.append(stream.accept(token)), new CancellationToken());

        assertThat(streamed.toString()).isEqualTo(ZOO_GOLDEN);
    }

    /** llama2.c's greedy run: the prompt's pieces plus the generated ones, as run.c prints them. */
    private static String run(String text, int steps) {
        long[] prompt = prompt(text);
        int newTokens = steps + 1 - prompt.length;
        GenerationResult result = decoder.generate(prompt,
                GenerationOptions.greedy(newTokens, Llama2cTokenizerJson.BOS), TokenListener.NONE,
                new CancellationToken());
        assertThat(result.reason()).isEqualTo(FinishReason.MAX_TOKENS);
        long[] printed = LongStream.concat(LongStream.of(prompt).skip(1), java.util.Arrays.stream(result.tokens()).asLongStream())
                .toArray();
        return tokenizer.decode(printed, true);
    }

    /** BOS, then the text's pieces (llama2.c's encoder adds the leading space; the tokenizer's normalizer does). */
    private static long[] prompt(String text) {
        long[] pieces = text.isEmpty() ? new long[0] : tokenizer.encode(text);
        return LongStream.concat(LongStream.of(Llama2cTokenizerJson.BOS), LongStream.of(pieces)).toArray();
    }
}
