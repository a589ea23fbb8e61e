package io.omnivox.asr;

import java.util.ArrayList;
import java.util.List;

/**
 * Greedy CTC decoding: the best token per frame, consecutive repeats merged, blanks dropped. Only <em>consecutive</em>
 * repeats merge: "a a" separated by a blank stays two tokens (a sorting unique() would wrongly merge them).
 */
public final class CtcGreedyDecoder {

    /** A decoded token and the frame where it was first emitted. */
    public record CtcToken(int id, int frame) {
    }

    private final int blank;

    public CtcGreedyDecoder(int blank) {
        this.blank = blank;
    }

    /**
     * Decodes {@code frames} rows of {@code vocab} logits stored row-major in {@code logits} from {@code offset}.
     *
     * @param logits row-major [frames][vocab] scores (log-probabilities or raw logits)
     * @param offset index of the first value of frame 0
     * @param frames number of frames to decode
     * @param vocab  row width
     */
    public List<CtcToken> decode(float[] logits, int offset, int frames, int vocab) {
        List<CtcToken> tokens = new ArrayList<>();
        int previous = blank;
        for (int t = 0; t < frames; t++) {
            int best = argmax(logits, offset + t * vocab, vocab);
            if (best != blank && best != previous) {
                tokens.add(new CtcToken(best, t));
            }
            previous = best;
        }
        return tokens;
    }

    private static int argmax(float[] values, int from, int length) {
        int best = 0;
        float max = values[from];
        for (int i = 1; i < length; i++) {
            if (values[from + i] > max) {
                max = values[from + i];
                best = i;
            }
        }
        return best;
    }
}
