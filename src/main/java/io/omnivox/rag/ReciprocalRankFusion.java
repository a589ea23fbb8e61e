package io.omnivox.rag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges rankings by Reciprocal Rank Fusion: an item's score is the sum over rankings of {@code 1 / (K + rank)},
 * ranks counted from 1. Only ranks matter, so BM25 scores (unbounded) and cosine similarities (-1..1) need no common
 * scale.
 */
final class ReciprocalRankFusion {

    /**
     * The damping constant, 60 as in Cormack, Clarke and Büttcher (SIGIR 2009), who found results insensitive to it
     * around that value: it keeps the first few ranks of one list from outweighing agreement between lists.
     */
    static final int K = 60;

    private ReciprocalRankFusion() {
    }

    /** A fused item and its score. */
    record Fused<T>(T item, double score) {
    }

    /** The items of all {@code rankings} (each best first), by fused score, best first; ties keep first-seen order. */
    @SafeVarargs
    static <T> List<Fused<T>> fuse(List<T>... rankings) {
        Map<T, Double> scores = new LinkedHashMap<>();
        for (List<T> ranking : rankings) {
            for (int i = 0; i < ranking.size(); i++) {
                scores.merge(ranking.get(i), 1.0 / (K + i + 1), Double::sum);
            }
        }
        List<Fused<T>> fused = new ArrayList<>();
        scores.forEach((item, score) -> fused.add(new Fused<>(item, score)));
        fused.sort((a, b) -> Double.compare(b.score(), a.score()));
        return fused;
    }
}
