package io.omnivox.audio;

/**
 * Forward FFT of a real signal whose length is a power of two, by the usual trick: the n real samples are read as n/2
 * complex ones (even samples real, odd samples imaginary), transformed with an iterative radix-2 complex FFT, and the
 * n/2 + 1 non-redundant bins of the real transform are untangled from the result. Twiddles and the bit-reversal
 * permutation are computed once per length. Immutable; {@link #forward} works in the caller's arrays, so one instance
 * may serve several threads.
 */
final class RealFft {

    private final int n;
    /** Number of complex points of the inner FFT: n / 2. */
    private final int half;
    /** Complex index → bit-reversed complex index, for the inner FFT's input permutation. */
    private final int[] bitReverse;
    /** cos / sin of 2πm / half for m in [0, half / 2): the inner FFT's twiddles. */
    private final double[] innerCos;
    private final double[] innerSin;
    /** cos / sin of 2πk / n for k in [0, half]: the twiddles that split the inner result into the real spectrum. */
    private final double[] splitCos;
    private final double[] splitSin;

    /** @param n signal length, a power of two, at least 2 */
    RealFft(int n) {
        if (n < 2 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT length must be a power of two >= 2, got " + n);
        }
        this.n = n;
        this.half = n / 2;
        this.bitReverse = new int[half];
        int bits = Integer.numberOfTrailingZeros(half);
        for (int i = 0; i < half; i++) {
            bitReverse[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
        }
        this.innerCos = new double[Math.max(1, half / 2)];
        this.innerSin = new double[innerCos.length];
        for (int m = 0; m < half / 2; m++) {
            double angle = 2 * Math.PI * m / half;
            innerCos[m] = Math.cos(angle);
            innerSin[m] = Math.sin(angle);
        }
        this.splitCos = new double[half + 1];
        this.splitSin = new double[half + 1];
        for (int k = 0; k <= half; k++) {
            double angle = 2 * Math.PI * k / n;
            splitCos[k] = Math.cos(angle);
            splitSin[k] = Math.sin(angle);
        }
    }

    /** The signal length this instance transforms. */
    int size() {
        return n;
    }

    /**
     * X[k] = Σ x[t]·e^(−2πikt/n) for k in [0, n/2].
     *
     * @param data the n real samples; overwritten (used as the inner FFT's work array)
     * @param re   receives Re X[k], length at least n/2 + 1
     * @param im   receives Im X[k], length at least n/2 + 1 (Im X[0] = Im X[n/2] = 0)
     */
    void forward(double[] data, double[] re, double[] im) {
        // data[2j], data[2j + 1] = Re, Im of the inner complex point j. Permute the points into bit-reversed order.
        for (int i = 0; i < half; i++) {
            int j = bitReverse[i];
            if (j > i) {
                double r = data[2 * i];
                double m = data[2 * i + 1];
                data[2 * i] = data[2 * j];
                data[2 * i + 1] = data[2 * j + 1];
                data[2 * j] = r;
                data[2 * j + 1] = m;
            }
        }
        // Decimation-in-time butterflies; twiddle w = e^(−2πi·j·stride/half).
        for (int size = 2; size <= half; size <<= 1) {
            int span = size >> 1;
            int stride = half / size;
            for (int start = 0; start < half; start += size) {
                for (int j = 0; j < span; j++) {
                    double wr = innerCos[j * stride];
                    double wi = -innerSin[j * stride];
                    int a = 2 * (start + j);
                    int b = 2 * (start + j + span);
                    double vr = data[b] * wr - data[b + 1] * wi;
                    double vi = data[b] * wi + data[b + 1] * wr;
                    double ur = data[a];
                    double ui = data[a + 1];
                    data[a] = ur + vr;
                    data[a + 1] = ui + vi;
                    data[b] = ur - vr;
                    data[b + 1] = ui - vi;
                }
            }
        }
        // With Z the inner transform: even-sample spectrum E[k] = (Z[k] + conj Z[half−k]) / 2, odd-sample spectrum
        // O[k] = (Z[k] − conj Z[half−k]) / 2i, and X[k] = E[k] + e^(−2πik/n)·O[k] (indices of Z modulo half).
        for (int k = 0; k <= half; k++) {
            int ka = 2 * (k % half);
            int kb = 2 * ((half - k) % half);
            double ar = data[ka];
            double ai = data[ka + 1];
            double br = data[kb];
            double bi = data[kb + 1];
            double er = 0.5 * (ar + br);
            double ei = 0.5 * (ai - bi);
            double or = 0.5 * (ai + bi);
            double oi = -0.5 * (ar - br);
            double c = splitCos[k];
            double s = splitSin[k];
            re[k] = er + c * or + s * oi;
            im[k] = ei + c * oi - s * or;
        }
    }
}
