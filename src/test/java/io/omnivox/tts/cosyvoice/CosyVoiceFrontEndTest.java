package io.omnivox.tts.cosyvoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The Java mel front ends against a numpy reference (numpy's FFT and padding, librosa's Slaney filterbank formulas,
 * Whisper's {@code log_mel_spectrogram} and Matcha's {@code mel_spectrogram} steps), values generated once by this
 * script on the signal {@code 0.5·sin(2π(200 + 900t)t) + 0.1·sin(2π·3100t)}:
 *
 * <pre>
 * def whisper(x):   # 16 kHz
 *     p = np.pad(x, 200, mode='reflect'); w = 0.5 - 0.5*np.cos(2*np.pi*np.arange(400)/400)
 *     S = np.stack([np.fft.rfft(p[t*160:t*160+400]*w) for t in range(1+(len(p)-400)//160)], 1)
 *     mel = mel_filters(16000, 400, 128, 0, 8000) @ (np.abs(S[:, :-1])**2)
 *     ls = np.log10(np.clip(mel, 1e-10, None)); ls = np.maximum(ls, ls.max()-8); return (ls+4)/4
 * def flowmel(y):   # 24 kHz
 *     p = np.pad(y, 720, mode='reflect'); w = 0.5 - 0.5*np.cos(2*np.pi*np.arange(1920)/1920)
 *     S = np.stack([np.fft.rfft(p[t*480:t*480+1920]*w) for t in range(1+(len(p)-1920)//480)], 1)
 *     return np.log(np.clip(mel_filters(24000, 1920, 80, 0, 8000) @ np.sqrt(np.abs(S)**2+1e-9), 1e-5, None))
 * </pre>
 */
class CosyVoiceFrontEndTest {

    private static float[] signal(int rate, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * (200 + 900 * t) * t) + 0.1 * Math.sin(2 * Math.PI * 3100 * t));
        }
        return x;
    }

    @Test
    void should_match_whispers_log_mel_for_the_speech_tokenizer() {
        float[][] w = new WhisperProbe().features(signal(16_000, 8000));
        assertThat(w).hasNumberOfRows(128);
        assertThat(w[0]).hasSize(50);
        double mean = 0;
        for (float[] row : w) {
            for (float v : row) {
                mean += v;
            }
        }
        assertThat(mean / (128 * 50)).isCloseTo(-0.21949561546221263, within(1e-5));
        double[][] expected = { { 0, 0, 1.0945105486398303 }, { 5, 10, -0.0003240891921176825 },
                { 20, 25, 0.22569013503011215 }, { 40, 3, -0.5004188374758836 }, { 64, 49, 0.17767314587969196 },
                { 15, 5, 0.8998300398378245 }, { 30, 45, -0.11439259441320093 }, { 8, 2, 1.3242556125235936 } };
        for (double[] e : expected) {
            assertThat((double) w[(int) e[0]][(int) e[1]]).as("bin %d frame %d", (int) e[0], (int) e[1])
                    .isCloseTo(e[2], within(1e-4));
        }
    }

    @Test
    void should_match_matchas_mel_for_the_flow_prompt() {
        float[] mel = new FlowMel().compute(signal(24_000, 12_000));
        int frames = FlowMel.frames(12_000);
        assertThat(frames).isEqualTo(25);
        double mean = 0;
        for (float v : mel) {
            mean += v;
        }
        assertThat(mean / mel.length).isCloseTo(-8.199499273068136, within(1e-4));
        double[][] expected = { { 0, 0, 0.3203546148070545 }, { 3, 12, -10.12641192959758 },
                { 10, 24, -1.2945926988125767 }, { 30, 5, -11.146998877507304 }, { 5, 2, 0.4194733146567714 },
                { 20, 15, 2.0629097793082534 }, { 25, 22, 1.5699270305607655 }, { 1, 8, -8.969293049559528 } };
        for (double[] e : expected) {
            assertThat((double) mel[(int) e[0] * frames + (int) e[1]]).as("bin %d frame %d", (int) e[0], (int) e[1])
                    .isCloseTo(e[2], within(1e-3));
        }
    }

    /** Runs {@link SpeechTokenizer#features} on a fixture tokenizer session. */
    private static final class WhisperProbe {
        float[][] features(float[] audio) {
            try (io.omnivox.model.OnnxSessionFactory factory = new io.omnivox.model.OnnxSessionFactory(
                    io.omnivox.model.OnnxSessionFactory.Threads.DEFAULT, java.util.List.of());
                    SpeechTokenizer tokenizer = new SpeechTokenizer(factory.load("tok",
                            CosyVoicePipelineFixtures.speechTokenizer(false)))) {
                return tokenizer.features(audio);
            }
        }
    }
}
