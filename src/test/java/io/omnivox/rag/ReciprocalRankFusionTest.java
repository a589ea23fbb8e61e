package io.omnivox.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {

    @Test
    void sumsReciprocalRanksWithKSixty() {
        List<ReciprocalRankFusion.Fused<String>> fused = ReciprocalRankFusion.fuse(
                List.of("a", "b", "c"), List.of("c", "d"));

        // c: 1/63 + 1/61; a: 1/61; d: 1/62; b: 1/62 — c wins by appearing in both lists.
        assertThat(fused).extracting(ReciprocalRankFusion.Fused::item).containsExactly("c", "a", "b", "d");
        assertThat(fused.get(0).score()).isCloseTo(1.0 / 63 + 1.0 / 61, within(1e-12));
        assertThat(fused.get(1).score()).isCloseTo(1.0 / 61, within(1e-12));
    }
}
