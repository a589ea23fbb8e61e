package io.omnivox.tts.cosyvoice;

import io.omnivox.testkit.OnnxDType;
import io.omnivox.testkit.OnnxGraphBuilder;

/**
 * ONNX fixtures with the exact I/O names, dtypes, ranks and metadata of CosyVoice 2's estimator
 * ({@code flow.decoder.estimator.fp32.onnx}) and of our HiFT split ({@code hift_f0.onnx}, {@code hift_source.onnx},
 * {@code hift_decoder.onnx}, see {@code models/cosyvoice2.yaml}), computing simple known functions so tests can
 * predict every output.
 */
final class CosyVoiceFixtures {

    static final int BINS = 80;
    /** STFT bins of HiFT's n_fft 16. */
    static final int STFT_BINS = 9;

    private CosyVoiceFixtures() {
    }

    /**
     * The estimator, batch fixed at 2 and time axis {@code seq_len} as upstream exports it:
     * {@code estimator_out = mask·(mu − x) + 2·cond + spks[:, :, None] + 10·t[:, None, None]}, so every input
     * shows in the output.
     */
    static byte[] estimator() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("flow-estimator-fixture");
        String x = g.input("x", OnnxDType.FLOAT, 2, BINS, "seq_len");
        String mask = g.input("mask", OnnxDType.FLOAT, 2, 1, "seq_len");
        String mu = g.input("mu", OnnxDType.FLOAT, 2, BINS, "seq_len");
        String t = g.input("t", OnnxDType.FLOAT, 2);
        String spks = g.input("spks", OnnxDType.FLOAT, 2, BINS);
        String cond = g.input("cond", OnnxDType.FLOAT, 2, BINS, "seq_len");
        String out = g.op("Mul", g.op("Sub", mu, x), mask);
        out = g.op("Add", out, g.op("Mul", cond, g.scalarFloat(2f)));
        out = g.op("Add", out, g.op("Unsqueeze", spks, g.constLongs(2)));
        out = g.op("Add", out, g.op("Mul", g.op("Unsqueeze", t, g.constLongs(1, 2)), g.scalarFloat(10f)));
        g.output("estimator_out", out, OnnxDType.FLOAT, 2, BINS, "seq_len");
        return g.toBytes();
    }

    /** What {@link #estimator()} computes, in Java: [2, 80, frames]. */
    static float[] estimatorReference(float[] x, float[] mask, float[] mu, float t, float[] spks, float[] cond,
            int batch, int frames) {
        float[] out = new float[batch * BINS * frames];
        for (int b = 0; b < batch; b++) {
            for (int c = 0; c < BINS; c++) {
                for (int f = 0; f < frames; f++) {
                    int i = (b * BINS + c) * frames + f;
                    out[i] = (mu[i] - x[i]) * mask[b * frames + f] + cond[i] * 2f + spks[b * BINS + c] + t * 10f;
                }
            }
        }
        return out;
    }

    /** {@code hift_f0.onnx}: {@code f0 [1, F]} = the mean of each mel frame over its 80 bins. */
    static byte[] f0() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("hift-f0-fixture");
        String mel = g.input("mel", OnnxDType.FLOAT, 1, BINS, "F");
        String f0 = g.node("ReduceMean", mel).ints("axes", 1).attr("keepdims", 0L).out();
        g.output("f0", f0, OnnxDType.FLOAT, 1, "F");
        return g.toBytes();
    }

    /**
     * {@code hift_source.onnx}: {@code source [1, 1, 480·F]} = 0.5·f0 repeated 480 times per frame + 0.25·mean(f0).
     * The mean over the whole call makes the source of a frame depend on its neighbours, as the real (random)
     * source does, so replacing the head of a chunk's source by the cache is visible.
     */
    static byte[] source() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("hift-source-fixture");
        String f0 = g.input("f0", OnnxDType.FLOAT, 1, "F");
        String repeated = g.op("Expand", g.op("Unsqueeze", f0, g.constLongs(2)), g.constLongs(1, 1, 480));
        String flat = g.op("Reshape", repeated, g.constLongs(1, 1, -1));
        String mean = g.node("ReduceMean", f0).attr("keepdims", 1L).out();
        String out = g.op("Add", g.op("Mul", flat, g.scalarFloat(0.5f)), g.op("Mul", mean, g.scalarFloat(0.25f)));
        g.output("source", out, OnnxDType.FLOAT, 1, 1, "480*F");
        return g.toBytes();
    }

    /** Reference of {@link #source()} in Java. */
    static float[] sourceReference(float[] f0) {
        double mean = 0;
        for (float v : f0) {
            mean += v;
        }
        mean /= f0.length;
        float[] out = new float[480 * f0.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (0.5 * f0[i / 480] + 0.25 * mean);
        }
        return out;
    }

    /**
     * {@code hift_decoder.onnx} passing the source spectrum through: {@code magnitude = 0.1·|source_stft[:, 0:9]|
     * + 0.01·mean(mel)} (the real parts) and {@code phase = source_stft[:, 9:18]} (the imaginary parts), so the
     * test sees both the layout Java built and the mel. Metadata as the recipe writes it.
     */
    static byte[] passThroughDecoder() {
        OnnxGraphBuilder g = decoderInputs();
        String stft = "source_stft";
        String real = g.op("Slice", stft, g.constLongs(0), g.constLongs(STFT_BINS), g.constLongs(1));
        String imag = g.op("Slice", stft, g.constLongs(STFT_BINS), g.constLongs(2 * STFT_BINS), g.constLongs(1));
        String melMean = g.node("ReduceMean", "mel").attr("keepdims", 1L).out();
        String magnitude = g.op("Add", g.op("Mul", g.op("Abs", real), g.scalarFloat(0.1f)),
                g.op("Mul", melMean, g.scalarFloat(0.01f)));
        return decoderOutputs(g, magnitude, imag, true);
    }

    /**
     * {@code hift_decoder.onnx} whose outputs ignore its inputs' values: the given magnitude per bin and one phase
     * for every bin and frame.
     */
    static byte[] constantDecoder(float[] magnitudePerBin, float phase) {
        OnnxGraphBuilder g = decoderInputs();
        String real = g.op("Slice", "source_stft", g.constLongs(0), g.constLongs(STFT_BINS), g.constLongs(1));
        String zeros = g.op("Mul", real, g.scalarFloat(0f));
        String magnitude = g.op("Add", zeros, g.constFloats(magnitudePerBin, 1, STFT_BINS, 1));
        String phases = g.op("Add", zeros, g.scalarFloat(phase));
        return decoderOutputs(g, magnitude, phases, true);
    }

    /** {@link #passThroughDecoder()} without the {@code n_fft} metadata key. */
    static byte[] decoderWithoutNfft() {
        OnnxGraphBuilder g = decoderInputs();
        String real = g.op("Slice", "source_stft", g.constLongs(0), g.constLongs(STFT_BINS), g.constLongs(1));
        String imag = g.op("Slice", "source_stft", g.constLongs(STFT_BINS), g.constLongs(2 * STFT_BINS),
                g.constLongs(1));
        return decoderOutputs(g, real, imag, false);
    }

    private static OnnxGraphBuilder decoderInputs() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("hift-decoder-fixture");
        g.input("mel", OnnxDType.FLOAT, 1, BINS, "F");
        g.input("source_stft", OnnxDType.FLOAT, 1, 2 * STFT_BINS, "120*F+1");
        return g;
    }

    private static byte[] decoderOutputs(OnnxGraphBuilder g, String magnitude, String phase, boolean withNfft) {
        g.output("magnitude", magnitude, OnnxDType.FLOAT, 1, STFT_BINS, "120*F+1");
        g.output("phase", phase, OnnxDType.FLOAT, 1, STFT_BINS, "120*F+1");
        g.metadata("sample_rate", "24000").metadata("hop_length", "4").metadata("samples_per_frame", "480");
        if (withNfft) {
            g.metadata("n_fft", "16");
        }
        return g.toBytes();
    }
}
