package io.omnivox.tts.cosyvoice;

/**
 * Shared signal processing of the CosyVoice front ends: librosa's Slaney mel filterbank ({@code htk=False,
 * norm='slaney'}, which both Whisper's and Matcha's mel use), a periodic Hann window ({@code torch.hann_window}), reflect
 * padding and the power spectrum of one frame by a direct DFT (n_fft 400 and 1920 are not powers of two; prompts are a
 * few seconds, so the O(n²) cost per frame is acceptable). Stateless helpers.
 */
final class MelFeatures {

    private MelFeatures() {
    }

    /** librosa's Slaney mel scale: linear below 1 kHz, logarithmic above. */
    static double hzToMel(double hz) {
        double minLogHz = 1000;
        double minLogMel = minLogHz / (200.0 / 3);
        double logStep = Math.log(6.4) / 27;
        return hz >= minLogHz ? minLogMel + Math.log(hz / minLogHz) / logStep : hz / (200.0 / 3);
    }

    static double melToHz(double mel) {
        double minLogHz = 1000;
        double minLogMel = minLogHz / (200.0 / 3);
        double logStep = Math.log(6.4) / 27;
        return mel >= minLogMel ? minLogHz * Math.exp(logStep * (mel - minLogMel)) : mel * (200.0 / 3);
    }

    /** {@code librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax)}: [nMels][nFft/2 + 1]. */
    static double[][] slaneyFilterbank(int sampleRate, int nFft, int nMels, double fmin, double fmax) {
        int bins = nFft / 2 + 1;
        double[] fftFreqs = new double[bins];
        for (int k = 0; k < bins; k++) {
            fftFreqs[k] = (double) sampleRate / 2 * k / (bins - 1);
        }
        double minMel = hzToMel(fmin);
        double maxMel = hzToMel(fmax);
        double[] melF = new double[nMels + 2];
        for (int i = 0; i < melF.length; i++) {
            melF[i] = melToHz(minMel + (maxMel - minMel) * i / (nMels + 1));
        }
        double[][] weights = new double[nMels][bins];
        for (int m = 0; m < nMels; m++) {
            double lowerWidth = melF[m + 1] - melF[m];
            double upperWidth = melF[m + 2] - melF[m + 1];
            double norm = 2.0 / (melF[m + 2] - melF[m]);
            for (int k = 0; k < bins; k++) {
                double lower = (fftFreqs[k] - melF[m]) / lowerWidth;
                double upper = (melF[m + 2] - fftFreqs[k]) / upperWidth;
                weights[m][k] = Math.max(0, Math.min(lower, upper)) * norm;
            }
        }
        return weights;
    }

    /** {@code torch.hann_window(n)} (periodic). */
    static double[] hann(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
        }
        return w;
    }

    /** numpy/torch {@code reflect} padding (edge sample not repeated); short signals reflect repeatedly. */
    static float[] reflectPad(float[] x, int left, int right) {
        float[] out = new float[x.length + left + right];
        int n = x.length;
        for (int i = 0; i < out.length; i++) {
            int j = i - left;
            if (n == 1) {
                j = 0;
            } else {
                int period = 2 * (n - 1);
                j = Math.floorMod(j, period);
                if (j >= n) {
                    j = period - j;
                }
            }
            out[i] = x[j];
        }
        return out;
    }

    /** A direct real DFT with precomputed twiddles for one n_fft. */
    static final class Dft {
        private final int nFft;
        private final int bins;
        private final double[] cos;
        private final double[] sin;

        Dft(int nFft) {
            this.nFft = nFft;
            this.bins = nFft / 2 + 1;
            this.cos = new double[nFft];
            this.sin = new double[nFft];
            for (int j = 0; j < nFft; j++) {
                cos[j] = Math.cos(2 * Math.PI * j / nFft);
                sin[j] = Math.sin(2 * Math.PI * j / nFft);
            }
        }

        int bins() {
            return bins;
        }

        /** |X_k|² of {@code frame} (already windowed, length n_fft) into {@code power[bins]}. */
        void power(double[] frame, double[] power) {
            for (int k = 0; k < bins; k++) {
                double re = 0;
                double im = 0;
                int j = 0;
                for (int m = 0; m < nFft; m++) {
                    re += frame[m] * cos[j];
                    im -= frame[m] * sin[j];
                    j += k;
                    if (j >= nFft) {
                        j -= nFft;
                    }
                }
                power[k] = re * re + im * im;
            }
        }
    }
}
