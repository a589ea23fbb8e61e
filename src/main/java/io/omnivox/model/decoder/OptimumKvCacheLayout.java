package io.omnivox.model.decoder;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxModel;
import io.omnivox.model.TensorSpec;

/**
 * Hugging Face Optimum's cache layout: inputs {@code past_key_values.{i}.key|value} and outputs
 * {@code present.{i}.key|value}, each {@code [batch, kv_heads, length, head_dim]} float32.
 */
final class OptimumKvCacheLayout implements KvCacheLayout {

    private static final Pattern PAST = Pattern.compile("past_key_values\\.(\\d+)\\.(key|value)");

    /** Input name to the output name that carries its next value. */
    private final Map<String, String> pastToPresent;
    private final long[] emptyShape;

    private OptimumKvCacheLayout(Map<String, String> pastToPresent, long[] emptyShape) {
        this.pastToPresent = pastToPresent;
        this.emptyShape = emptyShape;
    }

    /** The layout of {@code model}; fails with the names it expected when the model does not follow it. */
    static OptimumKvCacheLayout of(OnnxModel model) {
        Map<String, String> pastToPresent = new TreeMap<>();
        TensorSpec sample = null;
        for (TensorSpec input : model.inputs().values()) {
            Matcher m = PAST.matcher(input.name());
            if (!m.matches()) {
                continue;
            }
            String present = "present." + m.group(1) + "." + m.group(2);
            if (!model.outputs().containsKey(present)) {
                throw new ModelException("Decoder " + model.name() + " has input " + input.name()
                        + " but no output " + present);
            }
            if (!input.type().equals("float32")) {
                throw new ModelException("Decoder " + model.name() + ": KV cache of type " + input.type()
                        + " is not supported; export it in float32");
            }
            pastToPresent.put(input.name(), present);
            sample = input;
        }
        if (sample == null) {
            throw new ModelException("Decoder " + model.name() + " has no past_key_values.N.key/value inputs; "
                    + "expected a Hugging Face Optimum export with KV cache (inputs: " + model.inputs().keySet() + ")");
        }
        long kvHeads = dimension(model, sample, 1, "num_key_value_heads");
        long headDim = dimension(model, sample, 3, "head_dim");
        return new OptimumKvCacheLayout(pastToPresent, new long[] { 1, kvHeads, 0, headDim });
    }

    /** A static dimension from the input's shape, or from metadata when the export left it symbolic. */
    private static long dimension(OnnxModel model, TensorSpec spec, int axis, String metadataKey) {
        if (spec.rank() != 4) {
            throw new ModelException("Decoder " + model.name() + ": " + spec + " should be [batch, kv_heads, length, head_dim]");
        }
        long dim = spec.dim(axis);
        return dim > 0 ? dim : Long.parseLong(model.requireMetadata(metadataKey));
    }

    int layers() {
        return pastToPresent.size() / 2;
    }

    @Override
    public void addPast(OrtEnvironment env, DecoderState state, Map<String, OnnxTensorLike> feeds,
            Map<String, OnnxTensor> created) throws OrtException {
        for (Map.Entry<String, String> entry : pastToPresent.entrySet()) {
            if (state.previous() == null) {
                OnnxTensor empty = OnnxTensor.createTensor(env, FloatBuffer.allocate(0), emptyShape);
                created.put(entry.getKey(), empty);
                feeds.put(entry.getKey(), empty);
            } else {
                OnnxValue present = state.previous().get(entry.getValue())
                        .orElseThrow(() -> new ModelException("Decoder output " + entry.getValue() + " is missing"));
                feeds.put(entry.getKey(), (OnnxTensor) present);
            }
        }
    }

    List<String> pastNames() {
        return new ArrayList<>(pastToPresent.keySet());
    }
}
