package io.omnivox.testkit;

/**
 * A causal LM fixture in the Hugging Face Optimum layout (one layer of KV cache) whose next token is a known function
 * of the previous token, its position and the cache length:
 * {@code next = (3·prev + position_id + attention_mask_length + present_length) mod vocab}.
 * With correct wiring the last two both equal {@code position + 1}, so {@link #next} is the expected continuation;
 * a decoder that drops the cache, miscounts positions or sends a short mask produces a different sequence.
 */
public final class FixtureCausalLm {

    public static final int VOCAB = 32;
    public static final int KV_HEADS = 2;
    public static final int HEAD_DIM = 4;

    private FixtureCausalLm() {
    }

    /** The expected token after {@code previous} at absolute {@code position} when everything is wired right. */
    public static int next(int previous, int position) {
        return (3 * previous + 3 * position + 2) % VOCAB;
    }

    /** The model taking {@code input_ids}. */
    public static byte[] withInputIds() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("fixture-causal-lm");
        String ids = g.input("input_ids", OnnxDType.INT64, "batch_size", "sequence_length");
        return finish(g, ids);
    }

    /** The model taking {@code inputs_embeds} of width {@link #VOCAB}; the embedding of token t is one-hot(t). */
    public static byte[] withInputsEmbeds() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("fixture-causal-lm-embeds");
        String embeds = g.input("inputs_embeds", OnnxDType.FLOAT, "batch_size", "sequence_length", VOCAB);
        String ids = g.node("ArgMax", embeds).attr("axis", 2L).attr("keepdims", 0L).out();
        return finish(g, ids);
    }

    /** One-hot embedding, the inverse of the embeds model's ArgMax. */
    public static float[][] embed(long[] ids) {
        float[][] vectors = new float[ids.length][VOCAB];
        for (int i = 0; i < ids.length; i++) {
            vectors[i][(int) ids[i]] = 1f;
        }
        return vectors;
    }

    private static byte[] finish(OnnxGraphBuilder g, String ids) {
        String mask = g.input("attention_mask", OnnxDType.INT64, "batch_size", "total_sequence_length");
        String positions = g.input("position_ids", OnnxDType.INT64, "batch_size", "sequence_length");
        String newKv = newKeyValues(g, ids);
        String present = null;
        for (String role : new String[] { "key", "value" }) {
            String past = g.input("past_key_values.0." + role, OnnxDType.FLOAT, "batch_size", KV_HEADS,
                    "past_sequence_length", HEAD_DIM);
            String concat = g.node("Concat", past, newKv).attr("axis", 2L).out();
            present = g.output("present.0." + role, g.op("Identity", concat), OnnxDType.FLOAT, "batch_size", KV_HEADS,
                    "total_sequence_length", HEAD_DIM);
        }
        String maskLength = g.node("Shape", mask).attr("start", 1L).attr("end", 2L).out();
        String presentLength = g.node("Shape", present).attr("start", 2L).attr("end", 3L).out();
        String target = g.op("Mul", ids, g.constLongs(3));
        target = g.op("Add", target, positions);
        target = g.op("Add", target, maskLength);
        target = g.op("Add", target, presentLength);
        target = g.op("Mod", target, g.constLongs(VOCAB));
        long[] vocab = new long[VOCAB];
        for (int i = 0; i < VOCAB; i++) {
            vocab[i] = i;
        }
        String hot = g.op("Equal", g.op("Unsqueeze", target, g.constLongs(2)), g.constLongs(vocab));
        String logits = g.op("Mul", g.node("Cast", hot).attr("to", 1L).out(), g.scalarFloat(10f));
        g.output("logits", logits, OnnxDType.FLOAT, "batch_size", "sequence_length", VOCAB);
        g.metadata("model_type", "fixture-causal-lm");
        return g.toBytes();
    }

    /** New cache entries [batch, kv_heads, seq, head_dim] derived from the ids, so the cache visibly grows. */
    private static String newKeyValues(OnnxGraphBuilder g, String ids) {
        String asFloat = g.node("Cast", ids).attr("to", 1L).out();
        String column = g.op("Unsqueeze", asFloat, g.constLongs(1, 3));
        return g.op("Expand", column, g.constLongs(1, KV_HEADS, 1, HEAD_DIM));
    }
}
