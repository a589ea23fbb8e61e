package io.omnivox.testkit.llama2c;

/**
 * Naive, single-sequence forward pass straight from llama2.c's {@code run.c}, kept as the oracle
 * the ONNX graph is compared against. Feed tokens one position at a time, starting at 0.
 */
final class Llama2cReferenceModel {

    private final Llama2cCheckpoint w;
    private final Llama2cCheckpoint.Config c;
    private final float[][] keyCache;   // [layer][pos * kvDim]
    private final float[][] valueCache;

    Llama2cReferenceModel(Llama2cCheckpoint checkpoint) {
        this.w = checkpoint;
        this.c = checkpoint.config();
        keyCache = new float[c.nLayers()][c.seqLen() * c.kvDim()];
        valueCache = new float[c.nLayers()][c.seqLen() * c.kvDim()];
    }

    /** Logits for {@code token} at position {@code pos}; positions 0..pos-1 must have been fed. */
    float[] forward(int token, int pos) {
        int dim = c.dim();
        int kvDim = c.kvDim();
        int hs = c.headSize();
        int kvMul = c.nHeads() / c.nKvHeads();
        float[] x = new float[dim];
        System.arraycopy(w.tokenEmbedding(), token * dim, x, 0, dim);

        for (int l = 0; l < c.nLayers(); l++) {
            float[] xb = rmsnorm(x, w.rmsAtt()[l]);
            float[] q = matmul(xb, w.wq()[l], dim, dim);
            float[] k = matmul(xb, w.wk()[l], dim, kvDim);
            float[] v = matmul(xb, w.wv()[l], dim, kvDim);
            for (int i = 0; i < dim; i += 2) {
                int headDim = i % hs;
                float freq = 1.0f / (float) Math.pow(10000.0f, headDim / (float) hs);
                float val = pos * freq;
                float fcr = (float) Math.cos(val);
                float fci = (float) Math.sin(val);
                rotate(q, i, fcr, fci);
                if (i < kvDim) {
                    rotate(k, i, fcr, fci);
                }
            }
            System.arraycopy(k, 0, keyCache[l], pos * kvDim, kvDim);
            System.arraycopy(v, 0, valueCache[l], pos * kvDim, kvDim);

            float[] out = new float[dim];
            for (int h = 0; h < c.nHeads(); h++) {
                int kvOff = (h / kvMul) * hs;
                float[] att = new float[pos + 1];
                for (int t = 0; t <= pos; t++) {
                    float score = 0;
                    for (int i = 0; i < hs; i++) {
                        score += q[h * hs + i] * keyCache[l][t * kvDim + kvOff + i];
                    }
                    att[t] = score / (float) Math.sqrt(hs);
                }
                softmax(att);
                for (int t = 0; t <= pos; t++) {
                    for (int i = 0; i < hs; i++) {
                        out[h * hs + i] += att[t] * valueCache[l][t * kvDim + kvOff + i];
                    }
                }
            }
            add(x, matmul(out, w.wo()[l], dim, dim));

            xb = rmsnorm(x, w.rmsFfn()[l]);
            float[] hb = matmul(xb, w.w1()[l], dim, c.hiddenDim());
            float[] hb2 = matmul(xb, w.w3()[l], dim, c.hiddenDim());
            for (int i = 0; i < hb.length; i++) {
                float val = hb[i];
                hb[i] = val * (1.0f / (1.0f + (float) Math.exp(-val))) * hb2[i];
            }
            add(x, matmul(hb, w.w2()[l], c.hiddenDim(), dim));
        }
        return matmul(rmsnorm(x, w.rmsFinal()), w.classifier(), dim, c.vocabSize());
    }

    private static void rotate(float[] vec, int i, float fcr, float fci) {
        float v0 = vec[i];
        float v1 = vec[i + 1];
        vec[i] = v0 * fcr - v1 * fci;
        vec[i + 1] = v0 * fci + v1 * fcr;
    }

    private static float[] rmsnorm(float[] x, float[] weight) {
        float ss = 0;
        for (float v : x) {
            ss += v * v;
        }
        ss = ss / x.length + 1e-5f;
        ss = 1.0f / (float) Math.sqrt(ss);
        float[] o = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            o[j] = weight[j] * (ss * x[j]);
        }
        return o;
    }

    private static void softmax(float[] x) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            max = Math.max(max, v);
        }
        float sum = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.exp(x[i] - max);
            sum += x[i];
        }
        for (int i = 0; i < x.length; i++) {
            x[i] /= sum;
        }
    }

    /** W (d,n) · x (n) → (d), W row-major [out, in] as in llama2.c. */
    private static float[] matmul(float[] x, float[] wm, int n, int d) {
        float[] out = new float[d];
        for (int i = 0; i < d; i++) {
            float val = 0;
            for (int j = 0; j < n; j++) {
                val += wm[i * n + j] * x[j];
            }
            out[i] = val;
        }
        return out;
    }

    private static void add(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) {
            x[i] += y[i];
        }
    }
}
