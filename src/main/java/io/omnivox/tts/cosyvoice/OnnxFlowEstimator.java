package io.omnivox.tts.cosyvoice;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxModel;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.TensorSpec;

/**
 * The public flow-matching estimator {@code flow.decoder.estimator.fp32.onnx} as a {@link VelocityEstimator}. Contract
 * (upstream {@code cosyvoice/bin/export_onnx.py}, {@code models/cosyvoice2.yaml}), checked at construction: inputs
 * {@code x} [2, 80, T], {@code mask} [2, 1, T], {@code mu} [2, 80, T], {@code t} [2], {@code spks} [2, 80],
 * {@code cond} [2, 80, T], all float32; output {@code estimator_out} float32 [2, 80, T]. The batch is fixed at 2 in the
 * public export (only T is dynamic); a file with a dynamic batch axis runs any batch.
 *
 * <p>Thread-safe (ONNX Runtime sessions run concurrently). Closing closes the session only when this wrapper owns it.
 */
public final class OnnxFlowEstimator implements VelocityEstimator, AutoCloseable {

    /** The file name in the model directory, as upstream publishes it. */
    public static final String FILE = "flow.decoder.estimator.fp32.onnx";
    private static final String WHAT = "the CosyVoice flow estimator (x, mask, mu, t, spks, cond -> estimator_out)";
    private static final int BINS = FlowMatchingSolver.MEL_BINS;

    private final OnnxModel model;
    private final boolean owned;
    /** The batch the file declares, or -1 when its batch axis is dynamic. */
    private final long batch;

    /**
     * An estimator on a model the caller hands over: closing this estimator closes it.
     *
     * @throws ModelException when the model's inputs or outputs are not the estimator's
     */
    public OnnxFlowEstimator(OnnxModel model) {
        this(model, true);
    }

    private OnnxFlowEstimator(OnnxModel model, boolean owned) {
        this.model = model;
        this.owned = owned;
        Map<String, TensorSpec> in = model.inputs();
        OnnxContract.expect(model, WHAT, "x", in.get("x"), "float32", -1, BINS, -1);
        OnnxContract.expect(model, WHAT, "mask", in.get("mask"), "float32", -1, 1, -1);
        OnnxContract.expect(model, WHAT, "mu", in.get("mu"), "float32", -1, BINS, -1);
        OnnxContract.expect(model, WHAT, "t", in.get("t"), "float32", -1);
        OnnxContract.expect(model, WHAT, "spks", in.get("spks"), "float32", -1, BINS);
        OnnxContract.expect(model, WHAT, "cond", in.get("cond"), "float32", -1, BINS, -1);
        OnnxContract.expect(model, WHAT, "estimator_out", model.outputs().get("estimator_out"), "float32", -1, BINS,
                -1);
        this.batch = in.get("x").dim(0);
    }

    /**
     * The estimator in {@code modelDir} ({@value #FILE}), opened by the session factory, which owns (and closes) the
     * session.
     *
     * @throws ModelException when the file is missing, cannot be loaded or is not the estimator
     */
    public static OnnxFlowEstimator open(OnnxSessionFactory factory, Path modelDir) {
        return new OnnxFlowEstimator(factory.open(modelDir.resolve(FILE)), false);
    }

    /** The batch the file fixes (2 for the public export), or -1 when any batch runs. */
    public long batch() {
        return batch;
    }

    @Override
    public float[] estimate(float[] x, float[] mask, float[] mu, float t, float[] spks, float[] cond, int batch,
            int frames) {
        if (this.batch > 0 && batch != this.batch) {
            throw new IllegalArgumentException("Model " + model.name() + " runs a batch of " + this.batch + ", got "
                    + batch);
        }
        int n = batch * BINS * frames;
        if (x.length != n || mu.length != n || cond.length != n || mask.length != batch * frames
                || spks.length != batch * BINS) {
            throw new IllegalArgumentException("inputs do not match batch " + batch + ", " + frames + " frames: x "
                    + x.length + ", mask " + mask.length + ", mu " + mu.length + ", spks " + spks.length + ", cond "
                    + cond.length);
        }
        float[] times = new float[batch];
        Arrays.fill(times, t);
        long[] melShape = {batch, BINS, frames};
        try (OnnxTensor xs = OnnxContract.tensor(model, x, melShape);
                OnnxTensor masks = OnnxContract.tensor(model, mask, batch, 1, frames);
                OnnxTensor mus = OnnxContract.tensor(model, mu, melShape);
                OnnxTensor ts = OnnxContract.tensor(model, times, batch);
                OnnxTensor speakers = OnnxContract.tensor(model, spks, batch, BINS);
                OnnxTensor conds = OnnxContract.tensor(model, cond, melShape)) {
            return OnnxContract.runForFloats(model, Map.of("x", xs, "mask", masks, "mu", mus, "t", ts, "spks",
                    speakers, "cond", conds), "estimator_out", n);
        }
    }

    @Override
    public void close() {
        if (owned) {
            OnnxContract.closeAll(model.name(), model);
        }
    }
}
