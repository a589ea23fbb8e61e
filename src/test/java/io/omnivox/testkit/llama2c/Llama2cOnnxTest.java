package io.omnivox.testkit.llama2c;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exported graph against the naive llama2.c forward pass, logit for logit. */
class Llama2cOnnxTest {

    private static final float TOLERANCE = 1e-4f;
    private static final String PROMPT = "Once upon a time, there was a little girl named Lily. She";

    private static Llama2cCheckpoint ckpt;
    private static OrtSession session;
    private static List<Integer> prompt;
    private static float[][] expected; // reference logits per position of PROMPT

    @BeforeAll
    static void setUp() throws Exception {
        if (!Llama2cModelFiles.present()) {
            return; // each test skips in assumeModelFiles()
        }
        ckpt = Llama2cModelFiles.checkpoint();
        session = OrtEnvironment.getEnvironment().createSession(Llama2cOnnxExporter.export(ckpt));
        prompt = new Llama2cReferenceTokenizer(Llama2cModelFiles.vocab()).encode(PROMPT, true);
        expected = referenceLogits(prompt);
    }

    @BeforeEach
    void assumeModelFiles() {
        Llama2cModelFiles.assumePresent();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void contractFollowsOptimumLayout() throws Exception {
        Llama2cCheckpoint.Config c = ckpt.config();
        Map<String, NodeInfo> in = session.getInputInfo();
        assertThat(in).hasSize(3 + 2 * c.nLayers());
        assertShape(in.get("input_ids"), new long[] {-1, -1}, "batch", "sequence_length");
        assertShape(in.get("attention_mask"), new long[] {-1, -1}, "batch", "total_sequence_length");
        assertShape(in.get("position_ids"), new long[] {-1, -1}, "batch", "sequence_length");
        assertShape(in.get("past_key_values.4.value"), new long[] {-1, 4, -1, 8},
                "batch", "", "past_sequence_length", "");
        Map<String, NodeInfo> out = session.getOutputInfo();
        assertThat(out).hasSize(1 + 2 * c.nLayers());
        assertShape(out.get("logits"), new long[] {-1, -1, 512}, "batch", "sequence_length", "");
        assertShape(out.get("present.0.key"), new long[] {-1, 4, -1, 8},
                "batch", "", "total_sequence_length", "");
        assertThat(session.getMetadata().getCustomMetadata())
                .containsEntry("model_type", "llama").containsEntry("num_layers", "5")
                .containsEntry("num_key_value_heads", "4").containsEntry("head_dim", "8")
                .containsEntry("vocab_size", "512").containsEntry("bos_token_id", "1")
                .containsEntry("eos_token_id", "2");
    }

    @Test
    void fullPromptPassMatchesReference() throws Exception {
        CausalLmRunner runner = runner();
        int n = prompt.size();
        float[][][] logits = runner.step(new long[][] {ids(0, n)}, new long[][] {ones(n)},
                new long[][] {range(0, n)});
        assertClose("full prompt", logits[0], 0);
    }

    @Test
    void incrementalStepsWithKvCacheMatchReference() throws Exception {
        CausalLmRunner runner = runner();
        int n = prompt.size();
        // A 5-token prefill, a 3-token chunk on top of the cache, then single tokens.
        List<Integer> cuts = new ArrayList<>(List.of(0, 5));
        for (int to = 8; to <= n; to++) {
            cuts.add(to);
        }
        for (int i = 0; i + 1 < cuts.size(); i++) {
            int from = cuts.get(i);
            int to = cuts.get(i + 1);
            assertThat(runner.pastLength()).isEqualTo(from);
            float[][][] logits = runner.step(new long[][] {ids(from, to)}, new long[][] {ones(to)},
                    new long[][] {range(from, to)});
            assertClose("step " + from + ".." + to, logits[0], from);
        }
        assertThat(runner.pastLength()).isEqualTo(n);
    }

    @Test
    void leftPaddedBatchRowMatchesReference() throws Exception {
        // Row 0: the full prompt. Row 1: the prompt minus its last 3 tokens, left-padded by 3 with
        // mask 0 and HF-style positions (cumsum(mask) - 1), then one more decoding step each.
        int n = prompt.size();
        int pad = 3;
        int m = n - pad;
        long[] row1 = new long[n];
        long[] mask1 = new long[n];
        long[] pos1 = new long[n];
        for (int i = 0; i < n; i++) {
            boolean real = i >= pad;
            row1[i] = real ? prompt.get(i - pad) : 0;
            mask1[i] = real ? 1 : 0;
            pos1[i] = real ? i - pad : 1;
        }
        CausalLmRunner runner = runner();
        runner.reset(2);
        float[][][] logits = runner.step(new long[][] {ids(0, n), row1}, new long[][] {ones(n), mask1},
                new long[][] {range(0, n), pos1});
        assertClose("padded row 0", logits[0], 0);
        assertClose("padded row 1", Arrays.copyOfRange(logits[1], pad, n), 0, referenceLogits(prompt.subList(0, m)));

        // Next step: row 0 feeds token "x", row 1 feeds prompt[m] at its position m.
        long x = 300;
        long[] maskStep0 = ones(n + 1);
        long[] maskStep1 = Arrays.copyOf(mask1, n + 1);
        maskStep1[n] = 1;
        logits = runner.step(new long[][] {{x}, {prompt.get(m)}}, new long[][] {maskStep0, maskStep1},
                new long[][] {{n}, {m}});
        List<Integer> seq0 = new ArrayList<>(prompt);
        seq0.add((int) x);
        assertClose("padded step row 0", logits[0], n, referenceLogits(seq0));
        assertClose("padded step row 1", logits[1], m, expected);
    }

    // ------------------------------------------------------------------ helpers

    private static CausalLmRunner runner() {
        Llama2cCheckpoint.Config c = ckpt.config();
        return new CausalLmRunner(session, c.nLayers(), c.nKvHeads(), c.headSize());
    }

    private static float[][] referenceLogits(List<Integer> tokens) {
        Llama2cReferenceModel ref = new Llama2cReferenceModel(ckpt);
        float[][] out = new float[tokens.size()][];
        for (int pos = 0; pos < tokens.size(); pos++) {
            out[pos] = ref.forward(tokens.get(pos), pos);
        }
        return out;
    }

    private static void assertClose(String what, float[][] actual, int firstPos) {
        assertClose(what, actual, firstPos, expected);
    }

    /** actual[i] must match reference[firstPos + i] within {@link #TOLERANCE}. */
    private static void assertClose(String what, float[][] actual, int firstPos, float[][] reference) {
        float max = 0;
        for (int i = 0; i < actual.length; i++) {
            for (int v = 0; v < actual[i].length; v++) {
                max = Math.max(max, Math.abs(actual[i][v] - reference[firstPos + i][v]));
            }
        }
        System.out.printf("llama2c %s: max |onnx - reference| = %.3g%n", what, max);
        assertThat(max).as(what).isLessThan(TOLERANCE);
    }

    private static void assertShape(NodeInfo info, long[] shape, String... dimNames) {
        TensorInfo t = (TensorInfo) info.getInfo();
        assertThat(t.getShape()).as(info.getName()).containsExactly(shape);
        assertThat(t.getDimensionNames()).as(info.getName()).containsExactly(dimNames);
    }

    private static long[] ids(int from, int to) {
        return prompt.subList(from, to).stream().mapToLong(Integer::longValue).toArray();
    }

    private static long[] ones(int n) {
        long[] a = new long[n];
        Arrays.fill(a, 1);
        return a;
    }

    private static long[] range(int from, int to) {
        long[] a = new long[to - from];
        for (int i = 0; i < a.length; i++) {
            a[i] = from + i;
        }
        return a;
    }
}
