package io.omnivox.audio;

import java.util.Arrays;

/**
 * Band-limited sample-rate conversion by a Kaiser-windowed sinc, polyphase for rational ratios (48000→16000 is 1/3,
 * 44100→16000 is 160/441). The filter passes up to 90% of the lower Nyquist frequency (7.2 kHz at 16 kHz) with under
 * 0.001 dB ripple and rejects from the Nyquist frequency on by at least 100 dB, so nothing aliases audibly; it is
 * linear-phase and delay-compensated: output sample {@code n} lies at input time {@code n * inputRate / outputRate},
 * as with sox. Output length is {@code ceil(inputLength * outputRate / inputRate)}.
 * <p>
 * Streaming: {@link #process} takes input in chunks of any size and returns the output they complete; only about one
 * filter length of input is held between calls, so long audio needs bounded memory. {@link #flush} ends the stream.
 * The result does not depend on how the input is chunked. Not thread-safe.
 */
public final class Resampler {

    /** Pass band edge as a fraction of the lower Nyquist frequency. */
    private static final double PASSBAND = 0.90;
    private static final double STOPBAND_DB = 100;
    /** Ratios with more phases than this (odd rates such as 44100→16001) interpolate between tabulated phases. */
    private static final int MAX_EXACT_PHASES = 2048;
    private static final int INTERPOLATED_PHASES = 1024;
    /** Input appended per step, bounding the history buffer. */
    private static final int BLOCK = 8192;

    private final int inputRate;
    private final int outputRate;
    /** Output step in input samples is {@code step / phases} (the reduced ratio inputRate/outputRate). */
    private final long phases;
    private final long step;
    private final int half;
    private final int taps;
    private final boolean exact;
    /** Row {@code r} holds the taps for fractional delay {@code r / rows}, applied to inputs i-half+1 .. i+half. */
    private final float[][] table;

    private float[] buffer;
    private int buffered;
    /** Absolute input index of {@code buffer[0]}; starts negative because the signal is zero before index 0. */
    private long bufferStart;
    private long inputCount;
    private long next;
    private boolean flushed;

    /**
     * @param inputRate  the rate of the samples given to {@link #process}
     * @param outputRate the rate of the samples it returns
     */
    public Resampler(int inputRate, int outputRate) {
        if (inputRate <= 0 || outputRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive, got " + inputRate + " and "
                    + outputRate);
        }
        this.inputRate = inputRate;
        this.outputRate = outputRate;
        long gcd = gcd(inputRate, outputRate);
        this.phases = outputRate / gcd;
        this.step = inputRate / gcd;
        double ratio = Math.min(1.0, outputRate / (double) inputRate);
        // Frequencies in cycles per input sample: the lower Nyquist is 0.5 * ratio.
        double pass = 0.5 * ratio * PASSBAND;
        double stop = 0.5 * ratio;
        double cutoff = (pass + stop) / 2;
        double transition = 2 * Math.PI * (stop - pass);
        double beta = 0.1102 * (STOPBAND_DB - 8.7);
        double halfWidth = Math.ceil((STOPBAND_DB - 7.95) / (2.285 * transition)) / 2.0;
        this.half = inputRate == outputRate ? 0 : (int) Math.ceil(halfWidth);
        this.taps = 2 * half;
        this.exact = phases <= MAX_EXACT_PHASES;
        int rows = exact ? (int) phases : INTERPOLATED_PHASES + 1;
        this.table = new float[inputRate == outputRate ? 0 : rows][];
        double i0Beta = besselI0(beta);
        for (int r = 0; r < table.length; r++) {
            double frac = exact ? r / (double) phases : r / (double) INTERPOLATED_PHASES;
            double[] row = new double[taps];
            double sum = 0;
            for (int j = 0; j < taps; j++) {
                double t = j - (half - 1) - frac; // distance from the output instant, in input samples
                double x = t / halfWidth;
                double window = Math.abs(x) > 1 ? 0 : besselI0(beta * Math.sqrt(1 - x * x)) / i0Beta;
                row[j] = 2 * cutoff * sinc(2 * cutoff * t) * window;
                sum += row[j];
            }
            // Unity gain at DC in every phase: otherwise the tiny per-phase gain differences become a whine at the
            // phase rate.
            table[r] = new float[taps];
            for (int j = 0; j < taps; j++) {
                table[r][j] = (float) (row[j] / sum);
            }
        }
        this.buffer = new float[taps + BLOCK + 8];
        this.buffered = Math.max(0, half - 1);
        this.bufferStart = -buffered;
    }

    /** Resamples a whole clip; returns {@code clip} itself when it is already at {@code targetRate}. */
    public static AudioClip resample(AudioClip clip, int targetRate) {
        if (clip.sampleRate() == targetRate) {
            return clip;
        }
        Resampler resampler = new Resampler(clip.sampleRate(), targetRate);
        float[] in = clip.samples();
        float[] out = new float[Math.toIntExact(resampler.outputLength(in.length))];
        int written = 0;
        for (int start = 0; start < in.length; start += BLOCK) {
            float[] part = resampler.process(in, start, Math.min(BLOCK, in.length - start));
            System.arraycopy(part, 0, out, written, part.length);
            written += part.length;
        }
        float[] tail = resampler.flush();
        System.arraycopy(tail, 0, out, written, tail.length);
        return new AudioClip(out, targetRate);
    }

    public int inputRate() {
        return inputRate;
    }

    public int outputRate() {
        return outputRate;
    }

    /** Output samples a whole input of {@code inputLength} samples becomes. */
    public long outputLength(long inputLength) {
        return ceilDiv(inputLength * phases, step);
    }

    public float[] process(float[] input) {
        return process(input, 0, input.length);
    }

    /** Feeds {@code length} input samples; returns the output samples now complete (possibly none). */
    public float[] process(float[] input, int offset, int length) {
        if (flushed) {
            throw new IllegalStateException("the resampler was flushed; create a new one for a new stream");
        }
        inputCount += length;
        if (phases == step) {
            return Arrays.copyOfRange(input, offset, offset + length);
        }
        return feed(input, offset, length, Long.MAX_VALUE);
    }

    /** Ends the input (it is followed by silence) and returns the remaining output. */
    public float[] flush() {
        if (flushed) {
            return new float[0];
        }
        flushed = true;
        if (phases == step) {
            return new float[0];
        }
        return feed(new float[half + 1], 0, half + 1, outputLength(inputCount));
    }

    /**
     * Appends input in blocks, computing output as it becomes possible, so a large call never grows the history
     * buffer beyond a block plus a filter length.
     */
    private float[] feed(float[] input, int offset, int length, long limit) {
        long endAfter = bufferStart + buffered + length;
        float[] out = new float[(int) Math.max(0, Math.min(available(endAfter), limit) - next)];
        int written = 0;
        for (int start = 0; start < length; start += BLOCK) {
            int n = Math.min(BLOCK, length - start);
            append(input, offset + start, n);
            written = produce(out, written, Math.min(available(bufferStart + buffered), limit));
        }
        return out;
    }

    /** How many outputs (counted from the stream start) the input up to {@code end} (exclusive) completes. */
    private long available(long end) {
        // Output n needs inputs up to floor(n * step / phases) + half, i.e. n * step < (end - half) * phases.
        return Math.max(0, ceilDiv((end - half) * phases, step));
    }

    private int produce(float[] out, int written, long until) {
        for (; next < until; next++) {
            long position = next * step;
            long index = position / phases;
            long phase = position - index * phases;
            int first = (int) (index - half + 1 - bufferStart);
            out[written++] = exact ? dot(table[(int) phase], first) : interpolatedDot(phase, first);
        }
        // Keep only what the next output still needs.
        long keepFrom = (next * step) / phases - half + 1;
        int drop = (int) Math.min(buffered, Math.max(0, keepFrom - bufferStart));
        if (drop > 0) {
            System.arraycopy(buffer, drop, buffer, 0, buffered - drop);
            buffered -= drop;
            bufferStart += drop;
        }
        return written;
    }

    private float dot(float[] row, int first) {
        // Four accumulators: the JIT will not reorder float additions itself, and one chain is latency-bound.
        float a = 0;
        float b = 0;
        float c = 0;
        float d = 0;
        int j = 0;
        for (; j + 3 < taps; j += 4) {
            a += row[j] * buffer[first + j];
            b += row[j + 1] * buffer[first + j + 1];
            c += row[j + 2] * buffer[first + j + 2];
            d += row[j + 3] * buffer[first + j + 3];
        }
        for (; j < taps; j++) {
            a += row[j] * buffer[first + j];
        }
        return (a + b) + (c + d);
    }

    private float interpolatedDot(long phase, int first) {
        double position = phase * (double) INTERPOLATED_PHASES / phases;
        int r = (int) position;
        float w = (float) (position - r);
        float[] lo = table[r];
        float[] hi = table[r + 1];
        float a = 0;
        float b = 0;
        for (int j = 0; j < taps; j++) {
            float x = buffer[first + j];
            a += lo[j] * x;
            b += hi[j] * x;
        }
        return a + w * (b - a);
    }

    private void append(float[] input, int offset, int length) {
        if (buffered + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, buffered + length));
        }
        System.arraycopy(input, offset, buffer, buffered, length);
        buffered += length;
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges fast for x < 50). */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 200 && term > 1e-17 * sum; k++) {
            term *= q / ((double) k * k);
            sum += term;
        }
        return sum;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static long ceilDiv(long a, long b) {
        return Math.floorDiv(a + b - 1, b);
    }
}
