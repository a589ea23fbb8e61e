package io.omnivox.testkit.llama2c;

import io.omnivox.testkit.OnnxDType;
import io.omnivox.testkit.OnnxGraphBuilder;
import java.nio.file.Path;

/**
 * Builds a Hugging Face Optimum-style causal-LM ONNX graph (with KV cache) from a llama2.c
 * checkpoint, so decoder code can be tested end to end against a real, tiny Llama.
 *
 * <p>Contract (symbolic dims {@code batch}, {@code sequence_length}, {@code past_sequence_length},
 * {@code total_sequence_length} = past + sequence):
 * <ul>
 *   <li>inputs {@code input_ids} int64 [batch, sequence_length], {@code attention_mask} int64
 *       [batch, total_sequence_length], {@code position_ids} int64 [batch, sequence_length],
 *       {@code past_key_values.{i}.key|value} float32 [batch, n_kv_heads, past_sequence_length, head_dim]</li>
 *   <li>outputs {@code logits} float32 [batch, sequence_length, vocab],
 *       {@code present.{i}.key|value} float32 [batch, n_kv_heads, total_sequence_length, head_dim]</li>
 * </ul>
 *
 * <p>Rotary angles come from {@code position_ids}; which keys a query may see comes from cache
 * indices (query {@code i} of this call sits at cache index {@code past + i}) and
 * {@code attention_mask}, as in transformers' exported graphs. That keeps left-padded batches
 * correct, where position ids are shifted against cache indices.
 */
public final class Llama2cOnnxExporter {

    private static final float RMS_EPS = 1e-5f;
    private static final double ROPE_THETA = 10000.0;

    private final Llama2cCheckpoint ckpt;
    private final Llama2cCheckpoint.Config c;
    private final OnnxGraphBuilder g = new OnnxGraphBuilder("llama2c");

    // Values shared by all layers.
    private String cos;
    private String sin;
    private String allowed;

    private Llama2cOnnxExporter(Llama2cCheckpoint ckpt) {
        this.ckpt = ckpt;
        this.c = ckpt.config();
    }

    /** The graph for {@code ckpt}, still open for additions (e.g. more metadata). */
    public static OnnxGraphBuilder graph(Llama2cCheckpoint ckpt) {
        return new Llama2cOnnxExporter(ckpt).buildGraph();
    }

    /** The serialized model. */
    public static byte[] export(Llama2cCheckpoint ckpt) {
        return graph(ckpt).toBytes();
    }

    /** Writes the model to {@code file} and returns it. */
    public static Path export(Llama2cCheckpoint ckpt, Path file) {
        return graph(ckpt).save(file);
    }

    private OnnxGraphBuilder buildGraph() {
        int hs = c.headSize();
        g.producer("omnivox-testkit llama2c exporter", "1");
        metadata();
        String ids = g.input("input_ids", OnnxDType.INT64, "batch", "sequence_length");
        String mask = g.input("attention_mask", OnnxDType.INT64, "batch", "total_sequence_length");
        String positions = g.input("position_ids", OnnxDType.INT64, "batch", "sequence_length");
        String[] pastK = new String[c.nLayers()];
        String[] pastV = new String[c.nLayers()];
        for (int l = 0; l < c.nLayers(); l++) {
            pastK[l] = g.input("past_key_values." + l + ".key", OnnxDType.FLOAT,
                    "batch", c.nKvHeads(), "past_sequence_length", hs);
            pastV[l] = g.input("past_key_values." + l + ".value", OnnxDType.FLOAT,
                    "batch", c.nKvHeads(), "past_sequence_length", hs);
        }

        String embedding = g.initializer("model.embed_tokens.weight", ckpt.tokenEmbedding(),
                c.vocabSize(), c.dim());
        String x = g.node("Gather", embedding, ids).attr("axis", 0).out(); // [B, S, D]
        rotaryTables(positions);
        attentionMask(ids, mask, pastK[0]);

        for (int l = 0; l < c.nLayers(); l++) {
            g.namePrefix("layers." + l + "/");
            x = layer(l, x, pastK[l], pastV[l]);
        }
        g.namePrefix("");

        String xn = rmsNorm(x, ckpt.rmsFinal(), "model.norm.weight");
        String classifierT = c.sharedClassifier()
                // Shared classifier: transpose the embedding in-graph (ORT folds it) instead of storing it twice.
                ? g.node("Transpose", embedding).ints("perm", 1, 0).out()
                : g.initializer("lm_head.weight_t", transpose(ckpt.classifier(), c.vocabSize(), c.dim()),
                        c.dim(), c.vocabSize());
        g.output("logits", g.op("MatMul", xn, classifierT), OnnxDType.FLOAT,
                "batch", "sequence_length", c.vocabSize());
        return g;
    }

    private void metadata() {
        g.metadata("model_type", "llama")
                .metadata("num_layers", String.valueOf(c.nLayers()))
                .metadata("num_attention_heads", String.valueOf(c.nHeads()))
                .metadata("num_key_value_heads", String.valueOf(c.nKvHeads()))
                .metadata("head_dim", String.valueOf(c.headSize()))
                .metadata("hidden_size", String.valueOf(c.dim()))
                .metadata("intermediate_size", String.valueOf(c.hiddenDim()))
                .metadata("vocab_size", String.valueOf(c.vocabSize()))
                .metadata("max_position_embeddings", String.valueOf(c.seqLen()))
                .metadata("rms_norm_eps", String.valueOf(RMS_EPS))
                .metadata("rope_theta", String.valueOf(ROPE_THETA))
                .metadata("bos_token_id", "1")
                .metadata("eos_token_id", "2");
    }

    /** cos/sin of position·freq, shaped [B, 1, S, head/2, 1] to broadcast over heads and pair halves. */
    private void rotaryTables(String positions) {
        int half = c.headSize() / 2;
        float[] invFreq = new float[half];
        for (int i = 0; i < half; i++) {
            // llama2.c: freq = 1 / powf(10000, head_dim / head_size) with head_dim = 2i.
            invFreq[i] = 1.0f / (float) Math.pow(ROPE_THETA, (2 * i) / (float) c.headSize());
        }
        String pos = g.node("Cast", positions).attr("to", OnnxDType.FLOAT.code()).out();
        String angles = g.op("Mul", g.op("Unsqueeze", pos, g.constLongs(2)), g.constFloats(invFreq));
        String axes = g.constLongs(1, 4);
        cos = g.op("Unsqueeze", g.op("Cos", angles), axes);
        sin = g.op("Unsqueeze", g.op("Sin", angles), axes);
    }

    /** Boolean [B, 1, S, T]: key j is visible to query i iff j ≤ past + i and attention_mask[b, j] = 1. */
    private void attentionMask(String ids, String mask, String anyPast) {
        String one = g.scalarLong(1);
        String seqLen = g.node("Gather", g.op("Shape", ids), one).attr("axis", 0).out();
        String pastLen = g.node("Gather", g.op("Shape", anyPast), g.scalarLong(2)).attr("axis", 0).out();
        String total = g.op("Add", pastLen, seqLen);
        String queryIdx = g.op("Range", pastLen, total, one);        // [S]
        String keyIdx = g.op("Range", g.scalarLong(0), total, one);  // [T]
        String causal = g.op("LessOrEqual", keyIdx, g.op("Unsqueeze", queryIdx, g.constLongs(1))); // [S, T]
        String padding = g.node("Cast", g.op("Unsqueeze", mask, g.constLongs(1, 2)))
                .attr("to", OnnxDType.BOOL.code()).out();             // [B, 1, 1, T]
        allowed = g.op("And", causal, padding);
    }

    private String layer(int l, String x, String pastK, String pastV) {
        String p = "model.layers." + l + ".";
        int d = c.dim();
        int kvDim = c.kvDim();
        String xn = rmsNorm(x, ckpt.rmsAtt()[l], p + "input_layernorm.weight");
        String q = rope(heads(linear(xn, ckpt.wq()[l], d, d, p + "self_attn.q_proj"), c.nHeads()));
        String k = rope(heads(linear(xn, ckpt.wk()[l], kvDim, d, p + "self_attn.k_proj"), c.nKvHeads()));
        String v = heads(linear(xn, ckpt.wv()[l], kvDim, d, p + "self_attn.v_proj"), c.nKvHeads());

        String presentK = g.output("present." + l + ".key", g.node("Concat", pastK, k).attr("axis", 2).out(),
                OnnxDType.FLOAT, "batch", c.nKvHeads(), "total_sequence_length", c.headSize());
        String presentV = g.output("present." + l + ".value", g.node("Concat", pastV, v).attr("axis", 2).out(),
                OnnxDType.FLOAT, "batch", c.nKvHeads(), "total_sequence_length", c.headSize());

        String keysT = g.node("Transpose", repeatKv(presentK)).ints("perm", 0, 1, 3, 2).out();
        String scores = g.op("Div", g.op("MatMul", q, keysT),
                g.scalarFloat((float) Math.sqrt(c.headSize())));       // [B, H, S, T]
        // Lowest finite float rather than -inf: a fully masked row (padding query) stays NaN-free.
        String masked = g.op("Where", allowed, scores, g.scalarFloat(-Float.MAX_VALUE));
        String probs = g.node("Softmax", masked).attr("axis", -1).out();
        String context = g.op("MatMul", probs, repeatKv(presentV));   // [B, H, S, hs]
        String merged = g.op("Reshape", g.node("Transpose", context).ints("perm", 0, 2, 1, 3).out(),
                g.constLongs(0, 0, d));
        x = g.op("Add", x, linear(merged, ckpt.wo()[l], d, d, p + "self_attn.o_proj"));

        String xf = rmsNorm(x, ckpt.rmsFfn()[l], p + "post_attention_layernorm.weight");
        String gate = linear(xf, ckpt.w1()[l], c.hiddenDim(), d, p + "mlp.gate_proj");
        String up = linear(xf, ckpt.w3()[l], c.hiddenDim(), d, p + "mlp.up_proj");
        String silu = g.op("Mul", gate, g.op("Sigmoid", gate));
        String down = linear(g.op("Mul", silu, up), ckpt.w2()[l], d, c.hiddenDim(), p + "mlp.down_proj");
        return g.op("Add", x, down);
    }

    /** x · Wᵀ for a llama2.c [out, in] matrix, stored pre-transposed so a plain MatMul applies it. */
    private String linear(String x, float[] w, int out, int in, String name) {
        return g.op("MatMul", x, g.initializer(name + ".weight_t", transpose(w, out, in), in, out));
    }

    /** weight · x / rms(x), eps inside the root, in llama2.c's order of operations. */
    private String rmsNorm(String x, float[] weight, String name) {
        String meanSquare = g.node("ReduceMean", g.op("Mul", x, x)).ints("axes", -1).attr("keepdims", 1).out();
        String inv = g.op("Reciprocal", g.op("Sqrt", g.op("Add", meanSquare, g.scalarFloat(RMS_EPS))));
        return g.op("Mul", g.op("Mul", x, inv), g.initializer(name, weight, weight.length));
    }

    /** [B, S, n·hs] → [B, n, S, hs]. */
    private String heads(String x, int n) {
        String split = g.op("Reshape", x, g.constLongs(0, 0, n, c.headSize()));
        return g.node("Transpose", split).ints("perm", 0, 2, 1, 3).out();
    }

    /** Rotates interleaved pairs (0,1), (2,3), ... of each head, as llama2.c does (not HF's half split). */
    private String rope(String t) {
        int hs = c.headSize();
        String pairs = g.op("Reshape", t, g.constLongs(0, 0, 0, hs / 2, 2)); // [B, n, S, hs/2, 2]
        String[] ab = g.node("Split", pairs).attr("axis", 4).outs(2);
        String a = ab[0];
        String b = ab[1];
        String ra = g.op("Sub", g.op("Mul", a, cos), g.op("Mul", b, sin));
        String rb = g.op("Add", g.op("Mul", a, sin), g.op("Mul", b, cos));
        String rotated = g.node("Concat", ra, rb).attr("axis", 4).out();
        return g.op("Reshape", rotated, g.constLongs(0, 0, 0, hs));
    }

    /** [B, kv, T, hs] → [B, heads, T, hs]; query head h reads kv head h / (heads / kv) as in llama2.c. */
    private String repeatKv(String kv) {
        int rep = c.nHeads() / c.nKvHeads();
        if (rep == 1) {
            return kv;
        }
        String expanded = g.op("Expand", g.op("Unsqueeze", kv, g.constLongs(2)), g.constLongs(1, 1, rep, 1, 1));
        return g.op("Reshape", expanded, g.constLongs(0, c.nHeads(), -1, c.headSize()));
    }

    private static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int col = 0; col < cols; col++) {
                t[col * rows + r] = m[r * cols + col];
            }
        }
        return t;
    }
}
