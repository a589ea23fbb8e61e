package io.omnivox.imagegen;

import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxModel;
import io.omnivox.model.TensorSpec;

/**
 * The CLIP text encoder, {@code text_encoder/model.onnx}: {@code input_ids} int32 or int64 (whichever the export
 * declares) {@code [batch, 77]} → {@code last_hidden_state} float32 {@code [batch, 77, D]} (1024 for SD 2.x and
 * SD-Turbo). Thread-safe.
 */
final class TextEncoder {

    private final OnnxModel model;
    private final TensorSpec ids;

    TextEncoder(OnnxModel model) {
        this.model = model;
        this.ids = model.requireInput("input_ids");
        if (!ids.type().equals("int64") && !ids.type().equals("int32")) {
            throw new ModelException("Model " + model.name() + " input input_ids is " + ids + "; expected int32 or "
                    + "int64 [batch, 77]");
        }
        if (!model.outputs().containsKey("last_hidden_state")) {
            throw new ModelException("Model " + model.name() + " has no output 'last_hidden_state' (outputs: "
                    + model.outputs().keySet() + ")");
        }
    }

    /** The fixed sequence length the export declares, or -1 when it is dynamic. */
    int sequenceLength() {
        return ids.rank() == 2 ? (int) ids.dim(1) : -1;
    }

    Map<String, String> metadata() {
        return model.metadata();
    }

    /** Hidden states of the prompts in one batch, {@code [prompts, length, D]}. */
    Tensors.Output encode(List<PromptTokens> prompts) {
        int length = prompts.getFirst().ids().length;
        double[] values = new double[prompts.size() * length];
        for (int b = 0; b < prompts.size(); b++) {
            long[] row = prompts.get(b).ids();
            for (int i = 0; i < length; i++) {
                values[b * length + i] = row[i];
            }
        }
        try (OnnxTensor input = Tensors.typed(ids.type(), values, prompts.size(), length);
                OrtSession.Result result = model.run(Map.of("input_ids", input))) {
            Tensors.Output hidden = Tensors.floatOutput(result, "last_hidden_state", model.name());
            if (hidden.shape().length != 3 || hidden.shape()[0] != prompts.size() || hidden.shape()[1] != length) {
                throw new ModelException("Model " + model.name() + " returned last_hidden_state "
                        + java.util.Arrays.toString(hidden.shape()) + "; expected [" + prompts.size() + ", " + length
                        + ", D]");
            }
            return hidden;
        }
    }
}
