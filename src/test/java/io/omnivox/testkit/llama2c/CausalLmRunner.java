package io.omnivox.testkit.llama2c;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Drives an Optimum-layout causal-LM session step by step, keeping the KV cache as plain arrays
 * (copied out of each result) so no ORT value outlives its {@code Result}. Test helper only.
 */
final class CausalLmRunner {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private final OrtSession session;
    private final int layers;
    private final int kvHeads;
    private final int headDim;
    private int batch;
    private int pastLen;
    private float[][] pastKeys;
    private float[][] pastValues;

    CausalLmRunner(OrtSession session, int layers, int kvHeads, int headDim) {
        this.session = session;
        this.layers = layers;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        reset(1);
    }

    /** Forgets the cache; the next step starts at past length 0. */
    void reset(int batchSize) {
        batch = batchSize;
        pastLen = 0;
        pastKeys = new float[layers][0];
        pastValues = new float[layers][0];
    }

    int pastLength() {
        return pastLen;
    }

    /**
     * Runs one step; {@code mask} must cover past + new tokens. Returns logits [batch][seq][vocab]
     * and appends this step's keys/values to the cache.
     */
    float[][][] step(long[][] ids, long[][] mask, long[][] positions) throws OrtException {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", longs(ids));
            inputs.put("attention_mask", longs(mask));
            inputs.put("position_ids", longs(positions));
            long[] pastShape = {batch, kvHeads, pastLen, headDim};
            for (int l = 0; l < layers; l++) {
                inputs.put("past_key_values." + l + ".key",
                        OnnxTensor.createTensor(ENV, FloatBuffer.wrap(pastKeys[l]), pastShape));
                inputs.put("past_key_values." + l + ".value",
                        OnnxTensor.createTensor(ENV, FloatBuffer.wrap(pastValues[l]), pastShape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                for (int l = 0; l < layers; l++) {
                    pastKeys[l] = floats(result, "present." + l + ".key");
                    pastValues[l] = floats(result, "present." + l + ".value");
                }
                pastLen += ids[0].length;
                return (float[][][]) result.get("logits").orElseThrow().getValue();
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static OnnxTensor longs(long[][] rows) throws OrtException {
        int width = rows[0].length;
        LongBuffer buf = LongBuffer.allocate(rows.length * width);
        for (long[] row : rows) {
            buf.put(row);
        }
        return OnnxTensor.createTensor(ENV, buf.flip(), new long[] {rows.length, width});
    }

    private static float[] floats(OrtSession.Result result, String name) {
        FloatBuffer b = ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }
}
