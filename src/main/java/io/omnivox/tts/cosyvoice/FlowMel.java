package io.omnivox.tts.cosyvoice;

/**
 * The flow's 80-bin mel of 24 kHz audio, Matcha-TTS's {@code mel_spectrogram} as CosyVoice 2's config sets it up
 * ({@code n_fft 1920, num_mels 80, sampling_rate 24000, hop_size 480, win_size 1920, fmin 0, fmax 8000,
 * center False}): reflect padding of {@code (n_fft − hop) / 2} on both sides, periodic Hann window,
 * {@code sqrt(|X|² + 1e-9)}, Slaney mel filters, {@code ln(max(x, 1e-5))}. {@code samples / 480} frames (50/s).
 * Immutable and thread-safe.
 */
public final class FlowMel {

    public static final int SAMPLE_RATE = 24_000;
    public static final int N_FFT = 1920;
    public static final int HOP = 480;
    public static final int MELS = 80;

    private final double[][] filters = MelFeatures.slaneyFilterbank(SAMPLE_RATE, N_FFT, MELS, 0, 8000);
    private final double[] window = MelFeatures.hann(N_FFT);
    private final MelFeatures.Dft dft = new MelFeatures.Dft(N_FFT);

    /** Frames for {@code samples} samples: {@code (samples + 1440 − 1920) / 480 + 1}. */
    public static int frames(int samples) {
        int padded = samples + (N_FFT - HOP);
        return padded < N_FFT ? 0 : (padded - N_FFT) / HOP + 1;
    }

    /** The mel of 24 kHz audio: [80, frames] row-major. */
    public float[] compute(float[] audio24k) {
        int frames = frames(audio24k.length);
        if (frames < 1) {
            throw new IllegalArgumentException("prompt audio too short for the flow mel: " + audio24k.length
                    + " samples");
        }
        int pad = (N_FFT - HOP) / 2;
        float[] padded = MelFeatures.reflectPad(audio24k, pad, pad);
        float[] out = new float[MELS * frames];
        double[] frame = new double[N_FFT];
        double[] power = new double[dft.bins()];
        for (int t = 0; t < frames; t++) {
            for (int m = 0; m < N_FFT; m++) {
                frame[m] = padded[t * HOP + m] * window[m];
            }
            dft.power(frame, power);
            for (int k = 0; k < power.length; k++) {
                power[k] = Math.sqrt(power[k] + 1e-9);
            }
            for (int c = 0; c < MELS; c++) {
                double sum = 0;
                for (int k = 0; k < power.length; k++) {
                    sum += filters[c][k] * power[k];
                }
                out[c * frames + t] = (float) Math.log(Math.max(sum, 1e-5));
            }
        }
        return out;
    }
}
