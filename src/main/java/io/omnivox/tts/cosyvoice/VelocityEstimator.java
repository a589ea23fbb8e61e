package io.omnivox.tts.cosyvoice;

/**
 * The flow-matching velocity field {@code v(x, t | mu, spks, cond)}, evaluated on a batch whose rows are independent.
 * CosyVoice's estimator is exported with a batch of 2: {@link FlowMatchingSolver} puts the conditioned pass in row 0
 * and the unconditioned pass ({@code mu}, {@code spks}, {@code cond} zeroed) in row 1.
 *
 * <p>All arrays are row-major and belong to the caller, which may reuse them after the call returns: an
 * implementation must neither keep nor modify them.
 */
@FunctionalInterface
public interface VelocityEstimator {

    /**
     * @param x      the current sample, [batch, 80, frames]
     * @param mask   1 for real frames, 0 for padding, [batch, 1, frames]
     * @param mu     the token encoder's output, [batch, 80, frames]
     * @param t      the flow time in [0, 1], the same for every row
     * @param spks   the speaker condition, [batch, 80]
     * @param cond   the prompt's mel in its frames, zeros elsewhere, [batch, 80, frames]
     * @param batch  rows in every array
     * @param frames mel frames in every array
     * @return the velocity, [batch, 80, frames]
     */
    float[] estimate(float[] x, float[] mask, float[] mu, float t, float[] spks, float[] cond, int batch, int frames);
}
