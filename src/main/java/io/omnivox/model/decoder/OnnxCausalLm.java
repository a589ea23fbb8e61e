package io.omnivox.model.decoder;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxModel;
import io.omnivox.model.TensorSpec;

/**
 * Adapter over an ONNX causal language model with a KV cache, in the Hugging Face Optimum layout: inputs
 * {@code input_ids} [batch, seq] and/or {@code inputs_embeds} [batch, seq, hidden], {@code attention_mask}
 * [batch, past + seq], {@code position_ids} [batch, seq] (optional), {@code past_key_values.N.key|value}; outputs
 * {@code logits} [batch, seq, vocab] and {@code present.N.key|value}. Batch size is 1. Thread-safe as long as each
 * generation uses its own {@link DecoderState}.
 */
public final class OnnxCausalLm {

    static final String INPUT_IDS = "input_ids";
    static final String INPUTS_EMBEDS = "inputs_embeds";
    static final String ATTENTION_MASK = "attention_mask";
    static final String POSITION_IDS = "position_ids";
    static final String LOGITS = "logits";

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OnnxModel model;
    private final KvCacheLayout cache;
    private final TokenEmbedder embedder;
    private final TensorSpec ids;
    private final TensorSpec embeds;
    private final boolean positions;
    private final int vocabSize;

    private OnnxCausalLm(OnnxModel model, TokenEmbedder embedder) {
        this.model = model;
        this.cache = OptimumKvCacheLayout.of(model);
        this.embedder = embedder;
        this.ids = model.inputs().get(INPUT_IDS);
        this.embeds = model.inputs().get(INPUTS_EMBEDS);
        this.positions = model.inputs().containsKey(POSITION_IDS);
        model.requireInput(ATTENTION_MASK);
        if (ids == null && embeds == null) {
            throw new ModelException("Decoder " + model.name() + " takes neither input_ids nor inputs_embeds");
        }
        if (ids == null && embedder == null) {
            throw new ModelException("Decoder " + model.name() + " takes inputs_embeds only: give it a TokenEmbedder");
        }
        TensorSpec logits = model.outputs().get(LOGITS);
        if (logits == null || logits.rank() != 3) {
            throw new ModelException("Decoder " + model.name() + " needs an output logits [batch, seq, vocab]");
        }
        this.vocabSize = (int) (logits.dim(2) > 0 ? logits.dim(2) : Long.parseLong(model.requireMetadata("vocab_size")));
    }

    /** A decoder over a model that takes {@code input_ids}. */
    public static OnnxCausalLm of(OnnxModel model) {
        return new OnnxCausalLm(model, null);
    }

    /** A decoder that embeds generated tokens itself, for exports taking {@code inputs_embeds}. */
    public static OnnxCausalLm of(OnnxModel model, TokenEmbedder embedder) {
        return new OnnxCausalLm(model, embedder);
    }

    public int vocabSize() {
        return vocabSize;
    }

    /** The underlying model. */
    public OnnxModel model() {
        return model;
    }

    /** A fresh, empty cache for one generation. */
    public DecoderState newState() {
        return new DecoderState();
    }

    /**
     * Runs one step: appends {@code input} to the sequence held by {@code state} and returns the logits of the last
     * position ({@code [vocab]}).
     */
    public float[] forward(StepInput input, DecoderState state) {
        int past = state.length();
        int length = input.length();
        Map<String, OnnxTensorLike> feeds = new HashMap<>();
        Map<String, OnnxTensor> created = new HashMap<>();
        try {
            addInput(input, feeds, created);
            created.put(ATTENTION_MASK, longs(filled(past + length, 1), past + length));
            if (positions) {
                long[] pos = new long[length];
                for (int i = 0; i < length; i++) {
                    pos[i] = past + i;
                }
                created.put(POSITION_IDS, longs(pos, length));
            }
            feeds.putAll(created);
            cache.addPast(env, state, feeds, created);
            OrtSession.Result result = model.run(feeds);
            try {
                float[] logits = lastRow(result, length);
                state.advance(result, length);
                return logits;
            } catch (RuntimeException e) {
                result.close();
                throw e;
            }
        } catch (OrtException e) {
            throw new ModelException("Decoder " + model.name() + " step failed: " + e.getMessage(), e);
        } finally {
            created.values().forEach(OnnxTensor::close);
        }
    }

    private void addInput(StepInput input, Map<String, OnnxTensorLike> feeds, Map<String, OnnxTensor> created)
            throws OrtException {
        switch (input) {
            case StepInput.Tokens t when ids != null -> created.put(INPUT_IDS, idTensor(t.ids()));
            case StepInput.Tokens t -> created.put(INPUTS_EMBEDS, embeddings(embedder.embed(t.ids())));
            case StepInput.Embeddings e when embeds != null -> created.put(INPUTS_EMBEDS, embeddings(e.vectors()));
            case StepInput.Embeddings e -> throw new ModelException(
                    "Decoder " + model.name() + " takes input_ids only; it cannot be fed embeddings");
        }
    }

    private OnnxTensor idTensor(long[] tokens) throws OrtException {
        if ("int32".equals(ids.type())) {
            int[] narrow = new int[tokens.length];
            for (int i = 0; i < tokens.length; i++) {
                narrow[i] = Math.toIntExact(tokens[i]);
            }
            return OnnxTensor.createTensor(env, IntBuffer.wrap(narrow), new long[] { 1, tokens.length });
        }
        return longs(tokens, tokens.length);
    }

    private OnnxTensor embeddings(float[][] vectors) throws OrtException {
        int hidden = vectors[0].length;
        FloatBuffer buffer = FloatBuffer.allocate(vectors.length * hidden);
        for (float[] vector : vectors) {
            if (vector.length != hidden) {
                throw new ModelException("Embeddings for " + model.name() + " differ in width: " + vector.length
                        + " vs " + hidden);
            }
            buffer.put(vector);
        }
        buffer.flip();
        return OnnxTensor.createTensor(env, buffer, new long[] { 1, vectors.length, hidden });
    }

    private OnnxTensor longs(long[] values, int length) throws OrtException {
        return OnnxTensor.createTensor(env, LongBuffer.wrap(values), new long[] { 1, length });
    }

    private float[] lastRow(OrtSession.Result result, int length) {
        OnnxTensor logits = (OnnxTensor) result.get(LOGITS)
                .orElseThrow(() -> new ModelException("Decoder " + model.name() + " returned no logits"));
        FloatBuffer all = logits.getFloatBuffer();
        float[] row = new float[vocabSize];
        all.position((length - 1) * vocabSize);
        all.get(row);
        return row;
    }

    private static long[] filled(int n, long value) {
        long[] a = new long[n];
        Arrays.fill(a, value);
        return a;
    }
}
