package io.omnivox.testkit.llama2c;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A llama2.c "legacy" checkpoint ({@code stories260K.bin} and friends): a 7 x int32 header followed
 * by float32 arrays. Matrices are row-major {@code [out, in]} exactly as in the file.
 *
 * @param config          the header
 * @param tokenEmbedding  [vocab, dim]
 * @param rmsAtt          per layer [dim]
 * @param wq              per layer [dim, dim]
 * @param wk              per layer [kvDim, dim]
 * @param wv              per layer [kvDim, dim]
 * @param wo              per layer [dim, dim]
 * @param rmsFfn          per layer [dim]
 * @param w1              per layer [hidden, dim]
 * @param w2              per layer [dim, hidden]
 * @param w3              per layer [hidden, dim]
 * @param rmsFinal        [dim]
 * @param classifier      [vocab, dim]; the same array as {@code tokenEmbedding} when shared
 */
public record Llama2cCheckpoint(
        Config config,
        float[] tokenEmbedding,
        float[][] rmsAtt,
        float[][] wq,
        float[][] wk,
        float[][] wv,
        float[][] wo,
        float[][] rmsFfn,
        float[][] w1,
        float[][] w2,
        float[][] w3,
        float[] rmsFinal,
        float[] classifier) {

    /**
     * The checkpoint header.
     *
     * @param sharedClassifier true when the header's vocab size is positive: logits use the token
     *                         embedding, no separate classifier matrix follows
     */
    public record Config(int dim, int hiddenDim, int nLayers, int nHeads, int nKvHeads, int vocabSize,
            int seqLen, boolean sharedClassifier) {

        /** Size of one attention head. */
        public int headSize() {
            return dim / nHeads;
        }

        /** Width of the key/value projections (grouped-query attention: fewer kv heads). */
        public int kvDim() {
            return dim * nKvHeads / nHeads;
        }
    }

    /** Reads a legacy llama2.c checkpoint. */
    public static Llama2cCheckpoint read(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int dim = bytes.getInt();
        int hidden = bytes.getInt();
        int layers = bytes.getInt();
        int heads = bytes.getInt();
        int kvHeads = bytes.getInt();
        int vocab = bytes.getInt();
        int seqLen = bytes.getInt();
        // llama2.c signals an unshared classifier with a negative vocab size.
        Config c = new Config(dim, hidden, layers, heads, kvHeads, Math.abs(vocab), seqLen, vocab > 0);
        FloatBuffer f = bytes.asFloatBuffer();
        int kvDim = c.kvDim();

        float[] embedding = take(f, c.vocabSize() * dim);
        float[][] rmsAtt = takeLayers(f, layers, dim);
        float[][] wq = takeLayers(f, layers, dim * dim);
        float[][] wk = takeLayers(f, layers, dim * kvDim);
        float[][] wv = takeLayers(f, layers, dim * kvDim);
        float[][] wo = takeLayers(f, layers, dim * dim);
        float[][] rmsFfn = takeLayers(f, layers, dim);
        float[][] w1 = takeLayers(f, layers, hidden * dim);
        float[][] w2 = takeLayers(f, layers, dim * hidden);
        float[][] w3 = takeLayers(f, layers, hidden * dim);
        float[] rmsFinal = take(f, dim);
        // Skip the two precomputed RoPE tables (freq_cis_real/imag) old exports still carry.
        f.position(f.position() + seqLen * c.headSize());
        float[] classifier = c.sharedClassifier() ? embedding : take(f, c.vocabSize() * dim);
        return new Llama2cCheckpoint(c, embedding, rmsAtt, wq, wk, wv, wo, rmsFfn, w1, w2, w3, rmsFinal,
                classifier);
    }

    private static float[] take(FloatBuffer f, int n) {
        float[] out = new float[n];
        f.get(out);
        return out;
    }

    private static float[][] takeLayers(FloatBuffer f, int layers, int n) {
        float[][] out = new float[layers][];
        for (int l = 0; l < layers; l++) {
            out[l] = take(f, n);
        }
        return out;
    }
}
