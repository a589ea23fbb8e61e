package io.omnivox.asr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.omnivox.asr.CtcGreedyDecoder.CtcToken;

class CtcGreedyDecoderTest {

    /** Row-major logits where frame t peaks at ids[t]. */
    private static float[] peaks(int vocab, int... ids) {
        float[] logits = new float[ids.length * vocab];
        for (int t = 0; t < ids.length; t++) {
            logits[t * vocab + ids[t]] = 1f;
        }
        return logits;
    }

    @Test
    void should_merge_consecutive_repeats_and_drop_blanks() {
        float[] logits = peaks(4, 0, 1, 1, 0, 1, 2, 2, 3, 0);

        assertThat(new CtcGreedyDecoder(0).decode(logits, 0, 9, 4))
                .containsExactly(new CtcToken(1, 1), new CtcToken(1, 4), new CtcToken(2, 5), new CtcToken(3, 7));
    }

    @Test
    void should_decode_from_an_offset_and_a_frame_count() {
        float[] logits = peaks(3, 2, 2, 1, 0, 2);

        // frames 1..3 of [2, 2, 1, 0, 2] are [2, 1, 0]: frame 0 of the window repeats nothing before it
        assertThat(new CtcGreedyDecoder(0).decode(logits, 3, 3, 3)).containsExactly(new CtcToken(2, 0), new CtcToken(1, 1));
    }
}
