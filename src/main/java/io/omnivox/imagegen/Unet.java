package io.omnivox.imagegen;

import java.util.HashMap;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxModel;
import io.omnivox.model.TensorSpec;

/**
 * The denoising UNet, {@code unet/model.onnx}: {@code sample} float32 {@code [batch, 4, h, w]}, {@code timestep}
 * (element type and rank as the export declares: a scalar, {@code [1]} or {@code [batch]}),
 * {@code encoder_hidden_states} float32 {@code [batch, 77, D]} and, for LCM-distilled UNets, {@code timestep_cond}
 * float32 {@code [batch, E]} → {@code out_sample} float32 {@code [batch, 4, h, w]}. Thread-safe.
 */
final class Unet {

    private final OnnxModel model;
    private final TensorSpec timestep;
    private final TensorSpec timestepCond;

    Unet(OnnxModel model) {
        this.model = model;
        TensorSpec sample = model.requireInput("sample");
        if (!sample.type().equals("float32") || sample.rank() != 4) {
            throw new ModelException("Model " + model.name() + " input sample is " + sample
                    + "; expected float32 [batch, 4, h, w]");
        }
        this.timestep = model.requireInput("timestep");
        model.requireInput("encoder_hidden_states");
        this.timestepCond = model.inputs().get("timestep_cond");
        if (!model.outputs().containsKey("out_sample")) {
            throw new ModelException("Model " + model.name() + " has no output 'out_sample' (outputs: "
                    + model.outputs().keySet() + ")");
        }
    }

    Map<String, String> metadata() {
        return model.metadata();
    }

    /** Whether this is an LCM-distilled UNet that takes the guidance scale as an embedding. */
    boolean takesGuidanceEmbedding() {
        return timestepCond != null;
    }

    /** Width of the guidance embedding ({@code time_cond_proj_dim}, 256 for LCM-distilled SD 1.5). */
    int guidanceEmbeddingSize() {
        long size = timestepCond.dim(timestepCond.rank() - 1);
        if (size <= 0) {
            throw new ModelException("Model " + model.name() + " declares timestep_cond " + timestepCond
                    + " with a dynamic width; expected [batch, E]");
        }
        return (int) size;
    }

    /**
     * One prediction for a batch of latents.
     *
     * @param sample  {@code [batch, 4, h, w]}, already scaled by the scheduler
     * @param context {@code [batch, length, D]} text hidden states
     * @param cond    the guidance embedding {@code [batch, E]}, or {@code null} when the UNet takes none
     */
    float[] predict(float[] sample, long[] sampleShape, double t, Tensors.Output context, float[] cond) {
        int batch = (int) sampleShape[0];
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try {
            feeds.put("sample", Tensors.floats(sample, sampleShape));
            feeds.put("timestep", timestepTensor(t, batch));
            feeds.put("encoder_hidden_states", Tensors.floats(context.data(), context.shape()));
            if (timestepCond != null) {
                feeds.put("timestep_cond", Tensors.floats(cond, batch, cond.length / batch));
            }
            try (OrtSession.Result result = model.run(feeds)) {
                Tensors.Output out = Tensors.floatOutput(result, "out_sample", model.name());
                if (out.data().length != sample.length) {
                    throw new ModelException("Model " + model.name() + " returned out_sample "
                            + java.util.Arrays.toString(out.shape()) + " for a sample of "
                            + java.util.Arrays.toString(sampleShape));
                }
                return out.data();
            }
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    private OnnxTensor timestepTensor(double t, int batch) {
        if (timestep.rank() == 0) {
            return Tensors.typed(timestep.type(), new double[] { t });
        }
        // exports declare [batch] or a fixed [1]; a fixed 1 broadcasts over the batch inside the UNet
        int count = timestep.dim(0) == 1 ? 1 : batch;
        double[] values = new double[count];
        java.util.Arrays.fill(values, t);
        return Tensors.typed(timestep.type(), values, count);
    }
}
