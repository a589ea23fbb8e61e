package io.omnivox.model.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxModel;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.testkit.FixtureCausalLm;

/** The generation loop over a fixture LM whose continuation is known exactly (see {@link FixtureCausalLm}). */
class AutoregressiveDecoderTest {

    private static final long[] PROMPT = { 5, 7 };

    private static OnnxSessionFactory factory;
    private static OnnxModel idsModel;
    private static OnnxModel embedsModel;

    @BeforeAll
    static void load() {
        factory = new OnnxSessionFactory(OnnxSessionFactory.Threads.DEFAULT, List.of());
        idsModel = factory.load("fixture-ids", FixtureCausalLm.withInputIds());
        embedsModel = factory.load("fixture-embeds", FixtureCausalLm.withInputsEmbeds());
    }

    @AfterAll
    static void close() {
        idsModel.close();
        embedsModel.close();
        factory.close();
    }

    /** The continuation the fixture defines, computed in plain Java. */
    private static int[] expected(long[] prompt, int count) {
        int[] tokens = new int[count];
        int previous = (int) prompt[prompt.length - 1];
        int position = prompt.length - 1;
        for (int i = 0; i < count; i++) {
            previous = FixtureCausalLm.next(previous, position++);
            tokens[i] = previous;
        }
        return tokens;
    }

    @Test
    void should_generate_the_known_sequence_when_decoding_greedily() {
        AutoregressiveDecoder decoder = new AutoregressiveDecoder(OnnxCausalLm.of(idsModel));

        GenerationResult result = decoder.generate(PROMPT, GenerationOptions.greedy(12), TokenListener.NONE,
                new CancellationToken());

        assertThat(result.tokens()).containsExactly(expected(PROMPT, 12));
        assertThat(result.reason()).isEqualTo(FinishReason.MAX_TOKENS);
    }

    @Test
    void should_stream_every_token_in_order_when_a_listener_is_given() {
        AutoregressiveDecoder decoder = new AutoregressiveDecoder(OnnxCausalLm.of(idsModel));
        List<Integer> streamed = new ArrayList<>();

        GenerationResult result = decoder.generate(PROMPT, GenerationOptions.greedy(8), streamed::add,
                new CancellationToken());

        assertThat(streamed).containsExactly(java.util.Arrays.stream(result.tokens()).boxed().toArray(Integer[]::new));
    }

    @Test
    void should_stop_before_the_stop_token_when_it_is_produced() {
        int[] sequence = expected(PROMPT, 12);
        int stop = sequence[5];
        int firstStop = indexOf(sequence, stop);
        AutoregressiveDecoder decoder = new AutoregressiveDecoder(OnnxCausalLm.of(idsModel));

        GenerationResult result = decoder.generate(PROMPT, GenerationOptions.greedy(12, stop), TokenListener.NONE,
                new CancellationToken());

        assertThat(result.reason()).isEqualTo(FinishReason.STOP_TOKEN);
        assertThat(result.tokens()).containsExactly(java.util.Arrays.copyOf(sequence, firstStop));
    }

    @Test
    void should_stop_with_the_tokens_so_far_when_cancelled_from_the_stream() {
        AutoregressiveDecoder decoder = new AutoregressiveDecoder(OnnxCausalLm.of(idsModel));
        CancellationToken cancel = new CancellationToken();
        List<Integer> streamed = new ArrayList<>();

        GenerationResult result = decoder.generate(PROMPT, GenerationOptions.greedy(50), token -> {
            streamed.add(token);
            if (streamed.size() == 3) {
                cancel.cancel();
            }
        }, cancel);

        assertThat(result.reason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(result.tokens()).containsExactly(expected(PROMPT, 3));
        assertThat(streamed).hasSize(3);
    }

    @Test
    void should_generate_nothing_when_cancelled_before_start() {
        AutoregressiveDecoder decoder = new AutoregressiveDecoder(OnnxCausalLm.of(idsModel));
        CancellationToken cancel = new CancellationToken();
        cancel.cancel();

        GenerationResult result = decoder.generate(PROMPT, GenerationOptions.greedy(5), TokenListener.NONE, cancel);

        assertThat(result.tokens()).isEmpty();
        assertThat(result.reason()).isEqualTo(FinishReason.CANCELLED);
    }

    @Test
    void should_match_the_ids_model_when_the_prompt_is_given_as_embeddings() {
        OnnxCausalLm lm = OnnxCausalLm.of(embedsModel, FixtureCausalLm::embed);
        AutoregressiveDecoder decoder = new AutoregressiveDecoder(lm);

        GenerationResult result = decoder.generate(FixtureCausalLm.embed(PROMPT), PROMPT,
                GenerationOptions.greedy(10), TokenListener.NONE, new CancellationToken());

        assertThat(result.tokens()).containsExactly(expected(PROMPT, 10));
    }

    @Test
    void should_equal_greedy_when_sampling_with_top_k_one() {
        AutoregressiveDecoder decoder = new AutoregressiveDecoder(OnnxCausalLm.of(idsModel));
        GenerationOptions sampling = GenerationOptions.greedy(10).withSampling(1.5, 1, 1.0, 42);

        GenerationResult result = decoder.generate(PROMPT, sampling, TokenListener.NONE, new CancellationToken());

        assertThat(result.tokens()).containsExactly(expected(PROMPT, 10));
    }

    @Test
    void should_refuse_embeddings_when_the_model_takes_ids_only() {
        OnnxCausalLm lm = OnnxCausalLm.of(idsModel);

        try (DecoderState state = lm.newState()) {
            assertThatThrownBy(() -> lm.forward(new StepInput.Embeddings(FixtureCausalLm.embed(PROMPT)), state))
                    .isInstanceOf(ModelException.class).hasMessageContaining("input_ids only");
        }
    }

    @Test
    void should_require_an_embedder_when_the_model_takes_embeddings_only() {
        assertThatThrownBy(() -> OnnxCausalLm.of(embedsModel))
                .isInstanceOf(ModelException.class).hasMessageContaining("TokenEmbedder");
    }

    @Test
    void should_grow_the_cache_by_the_step_length() {
        OnnxCausalLm lm = OnnxCausalLm.of(idsModel);
        try (DecoderState state = lm.newState()) {
            lm.forward(new StepInput.Tokens(PROMPT), state);
            lm.forward(new StepInput.Tokens(new long[] { 1 }), state);

            assertThat(state.length()).isEqualTo(3);
        }
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
