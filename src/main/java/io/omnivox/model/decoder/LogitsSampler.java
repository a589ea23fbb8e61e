package io.omnivox.model.decoder;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Chooses the next token from a logits row: repetition penalty, n-gram blocking, then argmax or temperature / top-k /
 * top-p sampling. One instance per generation (it owns the random generator).
 */
final class LogitsSampler {

    private final GenerationOptions options;
    private final Random random;

    LogitsSampler(GenerationOptions options) {
        this.options = options;
        this.random = new Random(options.seed());
    }

    /** The next token given the logits (modified in place) and the tokens so far. */
    int next(float[] logits, List<Integer> history) {
        penalizeRepeats(logits, history);
        blockRepeatedNgrams(logits, history);
        return options.isGreedy() ? argmax(logits) : sample(logits);
    }

    /** CTRL-style penalty: makes every already-seen token less likely, whatever the sign of its logit. */
    private void penalizeRepeats(float[] logits, List<Integer> history) {
        if (options.repetitionPenalty() == 1 || history.isEmpty()) {
            return;
        }
        int from = options.repetitionWindow() == 0 ? 0 : Math.max(0, history.size() - options.repetitionWindow());
        Set<Integer> seen = new HashSet<>(history.subList(from, history.size()));
        float penalty = (float) options.repetitionPenalty();
        for (int token : seen) {
            if (token >= 0 && token < logits.length) {
                logits[token] = logits[token] > 0 ? logits[token] / penalty : logits[token] * penalty;
            }
        }
    }

    /** Forbids any token that would complete an n-gram already present in the history. */
    private void blockRepeatedNgrams(float[] logits, List<Integer> history) {
        int n = options.noRepeatNgramSize();
        if (n == 0 || history.size() < n) {
            return;
        }
        int prefixStart = history.size() - (n - 1);
        for (int start = 0; start + n <= history.size(); start++) {
            if (matches(history, start, prefixStart, n - 1)) {
                logits[history.get(start + n - 1)] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    private static boolean matches(List<Integer> history, int a, int b, int length) {
        for (int i = 0; i < length; i++) {
            if (!history.get(a + i).equals(history.get(b + i))) {
                return false;
            }
        }
        return true;
    }

    static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    private int sample(float[] logits) {
        int[] order = candidates(logits);
        double max = logits[order[0]];
        double[] probs = new double[order.length];
        double sum = 0;
        for (int i = 0; i < order.length; i++) {
            probs[i] = Math.exp((logits[order[i]] - max) / options.temperature());
            sum += probs[i];
        }
        int keep = nucleus(probs, sum);
        double total = 0;
        for (int i = 0; i < keep; i++) {
            total += probs[i];
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < keep; i++) {
            r -= probs[i];
            if (r <= 0) {
                return order[i];
            }
        }
        return order[keep - 1];
    }

    /**
     * Token ids sorted by logit, best first, cut to top-k. Sorts primitive keys (order-preserving float bits in the
     * high half, the id in the low half) so a 150k-token vocabulary sorts without boxing.
     */
    static int[] candidates(float[] logits, int topK) {
        long[] keys = new long[logits.length];
        for (int i = 0; i < logits.length; i++) {
            int bits = Float.floatToIntBits(logits[i]);
            int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
            keys[i] = ((long) sortable << 32) | i;
        }
        Arrays.sort(keys);
        int k = topK == 0 ? keys.length : Math.min(topK, keys.length);
        int[] order = new int[k];
        for (int i = 0; i < k; i++) {
            order[i] = (int) keys[keys.length - 1 - i];
        }
        return order;
    }

    private int[] candidates(float[] logits) {
        return candidates(logits, options.topK());
    }

    /** How many of the sorted probabilities make up the top-p mass. */
    private int nucleus(double[] probs, double sum) {
        if (options.topP() >= 1) {
            return probs.length;
        }
        double cumulative = 0;
        for (int i = 0; i < probs.length; i++) {
            cumulative += probs[i] / sum;
            if (cumulative >= options.topP()) {
                return i + 1;
            }
        }
        return probs.length;
    }
}
