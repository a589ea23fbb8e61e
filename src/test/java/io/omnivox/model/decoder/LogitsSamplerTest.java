package io.omnivox.model.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Sampling rules on hand-made logits. */
class LogitsSamplerTest {

    private static final float[] LOGITS = { 1f, 4f, 3f, 2f, 0f };

    @Test
    void should_pick_the_argmax_when_greedy() {
        LogitsSampler sampler = new LogitsSampler(GenerationOptions.greedy(1));

        assertThat(sampler.next(LOGITS.clone(), List.of())).isEqualTo(1);
    }

    @Test
    void should_only_pick_among_the_k_best_when_top_k_is_set() {
        LogitsSampler sampler = new LogitsSampler(GenerationOptions.greedy(1).withSampling(5.0, 2, 1.0, 7));
        Set<Integer> seen = new HashSet<>();

        for (int i = 0; i < 500; i++) {
            seen.add(sampler.next(LOGITS.clone(), List.of()));
        }

        assertThat(seen).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void should_only_pick_the_nucleus_when_top_p_is_set() {
        // softmax of {1,4,3,2,0}: token 1 holds ~0.64, tokens 1+2 ~0.87; p = 0.8 keeps exactly those two.
        LogitsSampler sampler = new LogitsSampler(GenerationOptions.greedy(1).withSampling(1.0, 0, 0.8, 11));
        Set<Integer> seen = new HashSet<>();

        for (int i = 0; i < 500; i++) {
            seen.add(sampler.next(LOGITS.clone(), List.of()));
        }

        assertThat(seen).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void should_reproduce_the_same_tokens_when_the_seed_is_the_same() {
        GenerationOptions options = GenerationOptions.greedy(1).withSampling(2.0, 0, 1.0, 99);
        LogitsSampler a = new LogitsSampler(options);
        LogitsSampler b = new LogitsSampler(options);

        for (int i = 0; i < 50; i++) {
            assertThat(a.next(LOGITS.clone(), List.of())).isEqualTo(b.next(LOGITS.clone(), List.of()));
        }
    }

    @Test
    void should_avoid_a_seen_token_when_the_repetition_penalty_outweighs_its_lead() {
        LogitsSampler sampler = new LogitsSampler(GenerationOptions.greedy(1).withRepetitionPenalty(2.0, 0));

        // token 1 (4.0) halves to 2.0, below token 2 (3.0)
        assertThat(sampler.next(LOGITS.clone(), List.of(1))).isEqualTo(2);
    }

    @Test
    void should_ignore_tokens_outside_the_window_when_penalising() {
        LogitsSampler sampler = new LogitsSampler(GenerationOptions.greedy(1).withRepetitionPenalty(2.0, 1));

        assertThat(sampler.next(LOGITS.clone(), List.of(1, 3))).isEqualTo(1);
    }

    @Test
    void should_make_negative_logits_more_negative_when_penalising() {
        float[] logits = { -1f, -2f };
        LogitsSampler sampler = new LogitsSampler(GenerationOptions.greedy(1).withRepetitionPenalty(3.0, 0));

        sampler.next(logits, List.of(0));

        assertThat(logits[0]).isEqualTo(-3f);
    }

    @Test
    void should_block_a_token_that_repeats_an_ngram_when_no_repeat_ngram_is_set() {
        LogitsSampler sampler = new LogitsSampler(GenerationOptions.greedy(1).withNoRepeatNgramSize(2));

        // history ends with 3 and already holds the bigram (3, 1): token 1 is forbidden, 2 wins
        assertThat(sampler.next(LOGITS.clone(), List.of(3, 1, 0, 3))).isEqualTo(2);
    }

    @Test
    void should_order_candidates_by_logit_including_negative_and_infinite_values() {
        float[] logits = { -0.5f, 2f, Float.NEGATIVE_INFINITY, -3f, 0f, 2.5f };

        assertThat(LogitsSampler.candidates(logits, 0)).containsExactly(5, 1, 4, 0, 3, 2);
        assertThat(LogitsSampler.candidates(logits, 2)).containsExactly(5, 1);
    }

    @Test
    void should_reject_options_out_of_range() {
        assertThatThrownBy(() -> GenerationOptions.greedy(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GenerationOptions.greedy(1).withSampling(1, 0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GenerationOptions.greedy(1).withRepetitionPenalty(0.5, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
