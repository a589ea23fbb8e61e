package io.omnivox.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The resampler against sox's default ("high quality") rate conversion and against analytic sines. Tolerances, with
 * what this implementation measured (Debian sox 14.4.2, 2 s signals, 0.1 s ignored at each end where the two treat
 * the missing signal differently):
 * <ul>
 * <li>against sox: SNR above 80 dB (measured 114-116 dB) on sines and a chirp below 85% of the lower Nyquist
 * frequency; both filters are flat there and differ only in the transition band (sox passes to 95%, ours to 90%);</li>
 * <li>against the ideal sine at the output instants: above 120 dB on the exact polyphase path (measured 136-141 dB),
 * above 110 dB on the interpolated-phase path used for odd ratios (measured 133 dB);</li>
 * <li>48 kHz to 16 kHz: a 7 kHz tone loses under 0.1 dB (measured 0.00002 dB), a 9 kHz tone is attenuated by over
 * 60 dB (measured 114 dB); 8 kHz to 16 kHz leaves no image above 4 kHz (under -90 dB).</li>
 * </ul>
 */
class ResamplerTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(ints = {48000, 44100, 22050, 24000, 8000})
    void should_match_sox_on_sines_and_a_chirp_when_converting_to_16_khz(int inputRate) throws Exception {
        AudioTestSupport.assumeTool("sox");
        // given: sines and a linear chirp below 85% of the lower Nyquist, plus (when downsampling) a tone above the
        // output Nyquist that both must reject
        int outputRate = 16000;
        double top = 0.85 * Math.min(inputRate, outputRate) / 2;
        float[] input = new float[2 * inputRate];
        for (int i = 0; i < input.length; i++) {
            double t = i / (double) inputRate;
            double x = 0;
            for (double f : new double[] {0.03 * top, 0.17 * top, 0.45 * top, 0.93 * top}) {
                x += 0.1 * Math.sin(2 * Math.PI * f * t);
            }
            x += 0.2 * Math.sin(2 * Math.PI * (50 * t + (top - 50) / 4 * t * t)); // 50 Hz to `top` in 2 s
            if (1.2 * outputRate / 2 < 0.95 * inputRate / 2) {
                x += 0.1 * Math.sin(2 * Math.PI * 1.2 * outputRate / 2 * t);
            }
            input[i] = (float) x;
        }
        Path in = tmp.resolve("in.wav");
        Path out = tmp.resolve("out.wav");
        Files.write(in, WavCodec.encode(new AudioClip(input, inputRate), 32));

        // when
        AudioTestSupport.run("sox", in.toString(), "-r", Integer.toString(outputRate), out.toString());
        float[] sox = WavCodec.decode(Files.readAllBytes(out)).samples();
        float[] ours = Resampler.resample(new AudioClip(input, inputRate), outputRate).samples();

        // then: compared away from the ends, where the two treat the missing signal differently
        assertThat(ours.length).isCloseTo(sox.length, org.assertj.core.data.Offset.offset(1));
        int edge = outputRate / 10;
        double snr = AudioTestSupport.snrDb(sox, ours, edge, Math.min(ours.length, sox.length) - edge);
        assertThat(snr).as("SNR against sox, dB").isGreaterThan(80);
    }

    @Test
    void should_pass_7_khz_with_less_than_0_1_db_loss_from_48_to_16_khz() {
        float[] input = AudioTestSupport.sine(7000, 48000, 2, 0.5);

        float[] output = Resampler.resample(new AudioClip(input, 48000), 16000).samples();

        double gainDb = 20 * Math.log10(AudioTestSupport.amplitude(output, 16000, 7000, 8000, 24000) / 0.5);
        assertThat(Math.abs(gainDb)).isLessThan(0.1);
    }

    @Test
    void should_attenuate_a_9_khz_tone_by_more_than_60_db_from_48_to_16_khz() {
        float[] input = AudioTestSupport.sine(9000, 48000, 2, 0.5);

        float[] output = Resampler.resample(new AudioClip(input, 48000), 16000).samples();

        double attenuationDb = 20 * Math.log10(AudioTestSupport.rms(output, 4000, 28000)
                / AudioTestSupport.rms(input, 12000, 84000));
        assertThat(attenuationDb).isLessThan(-60);
    }

    @ParameterizedTest
    @ValueSource(ints = {48000, 44100, 22050, 24000, 8000, 16001})
    void should_reproduce_a_sine_sampled_at_the_output_instants(int inputRate) {
        // given: 1234.5 Hz, in band for every rate, so the ideal output is the same sine at the output times
        double f = 1234.5;
        float[] input = AudioTestSupport.sine(f, inputRate, 1, 0.5);

        float[] output = Resampler.resample(new AudioClip(input, inputRate), 16000).samples();

        float[] ideal = AudioTestSupport.sine(f, 16000, output.length / 16000.0, 0.5);
        double snr = AudioTestSupport.snrDb(ideal, output, 1600, output.length - 1600);
        assertThat(snr).as("SNR against the ideal sine, dB").isGreaterThan(inputRate == 16001 ? 110 : 120);
    }

    @Test
    void should_upsample_without_images_from_8_to_16_khz() {
        float[] input = AudioTestSupport.sine(1000, 8000, 2, 0.5);

        float[] output = Resampler.resample(new AudioClip(input, 8000), 16000).samples();

        double image = AudioTestSupport.amplitude(output, 16000, 7000, 8000, 24000);
        assertThat(20 * Math.log10(image / 0.5)).as("image at 8 kHz - 1 kHz, dB").isLessThan(-90);
    }

    @Test
    void should_give_the_same_output_however_the_input_is_chunked() {
        float[] input = new float[48000];
        Random random = new Random(7);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) random.nextGaussian() * 0.2f;
        }
        float[] oneShot = Resampler.resample(new AudioClip(input, 44100), 16000).samples();

        Resampler streaming = new Resampler(44100, 16000);
        float[] streamed = new float[0];
        int[] sizes = {1, 7, 0, 1000, 3, 20000, 8191, 1};
        int position = 0;
        for (int k = 0; position < input.length; k++) {
            int n = Math.min(sizes[k % sizes.length], input.length - position);
            streamed = append(streamed, streaming.process(input, position, n));
            position += n;
        }
        streamed = append(streamed, streaming.flush());

        assertThat(streamed).isEqualTo(oneShot);
        assertThat(oneShot).hasSize((int) Math.ceil(48000 * 16000 / 44100.0));
    }

    @Test
    void should_produce_ceil_of_the_scaled_length_and_pass_through_the_same_rate() {
        AudioClip clip = new AudioClip(new float[1001], 48000);

        assertThat(Resampler.resample(clip, 16000).samples()).hasSize(334);
        assertThat(Resampler.resample(new AudioClip(new float[44100], 44100), 16000).samples()).hasSize(16000);
        assertThat(Resampler.resample(clip, 48000)).isSameAs(clip);
        assertThat(Resampler.resample(new AudioClip(new float[0], 48000), 16000).samples()).isEmpty();
    }

    @Test
    void should_refuse_input_after_flush() {
        Resampler resampler = new Resampler(48000, 16000);
        resampler.flush();

        assertThatThrownBy(() -> resampler.process(new float[1])).isInstanceOf(IllegalStateException.class);
    }

    private static float[] append(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
