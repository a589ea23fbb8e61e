package io.omnivox.tts.cosyvoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxModel;
import io.omnivox.model.OnnxSessionFactory;

/**
 * {@link HiftVocoder}'s glue on fixtures with the recipe's exact graph names, I/O names and metadata
 * ({@link CosyVoiceFixtures}): the test recomputes what the glue must do (F0 → source → STFT → decoder → clipped
 * magnitude → iSTFT → ±0.99) from the fixtures' formulas, with {@link Stft} and {@link InverseStft}, which
 * {@link StftTest} and {@link InverseStftTest} check against numpy.
 */
class HiftVocoderTest {

    private static final int BINS = HiftVocoder.MEL_BINS;
    private static final int OVERLAP = HiftVocoder.CACHE_MEL_FRAMES * 480;
    private static OnnxSessionFactory factory;

    @BeforeAll
    static void openFactory() {
        factory = new OnnxSessionFactory(OnnxSessionFactory.Threads.DEFAULT, List.of());
    }

    @AfterAll
    static void closeFactory() {
        factory.close();
    }

    /** A vocoder owning fixture sessions: F0 and source as in {@link CosyVoiceFixtures}, the given decoder. */
    private static HiftVocoder vocoder(byte[] decoder) {
        return new HiftVocoder(factory.load("hift_f0", CosyVoiceFixtures.f0()),
                factory.load("hift_source", CosyVoiceFixtures.source()), factory.load("hift_decoder", decoder));
    }

    /** mel[c][f] = base[f] + (c − 39.5)/100: frame f's mean over the bins (the fixture's F0) is base[f]. */
    private static float[] mel(double... base) {
        int frames = base.length;
        float[] mel = new float[BINS * frames];
        for (int c = 0; c < BINS; c++) {
            for (int f = 0; f < frames; f++) {
                mel[c * frames + f] = (float) (base[f] + (c - 39.5) / 100);
            }
        }
        return mel;
    }

    /** What the vocoder must output for {@code mel} with {@link CosyVoiceFixtures#passThroughDecoder()}. */
    private static float[] expectedPassThrough(float[] mel, int frames) {
        float[] f0 = new float[frames];
        double melSum = 0;
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int c = 0; c < BINS; c++) {
                sum += mel[c * frames + f];
            }
            f0[f] = (float) (sum / BINS);
            melSum += sum;
        }
        double melMean = melSum / mel.length;
        Stft.Spectrum spectrum = new Stft(16, 4).forward(CosyVoiceFixtures.sourceReference(f0));
        float[] magnitude = new float[spectrum.real().length];
        for (int i = 0; i < magnitude.length; i++) {
            magnitude[i] = (float) Math.min(0.1 * Math.abs(spectrum.real()[i]) + 0.01 * melMean, 100);
        }
        float[] speech = new InverseStft(16, 4).fromPolar(magnitude, spectrum.imag(), spectrum.frames());
        for (int i = 0; i < speech.length; i++) {
            speech[i] = Math.max(-0.99f, Math.min(0.99f, speech[i]));
        }
        return speech;
    }

    @Test
    void should_turn_a_mel_of_t_frames_into_t_times_480_samples_clipped_to_099(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve(HiftVocoder.F0_FILE), CosyVoiceFixtures.f0());
        Files.write(dir.resolve(HiftVocoder.SOURCE_FILE), CosyVoiceFixtures.source());
        Files.write(dir.resolve(HiftVocoder.DECODER_FILE), CosyVoiceFixtures.passThroughDecoder());
        // Frame 3's F0 of 60 drives the output far past ±0.99; the others stay well inside.
        float[] mel = mel(0.3, -0.6, 1.2, 60, -0.2);

        float[] speech;
        try (HiftVocoder vocoder = HiftVocoder.open(factory, dir)) {
            assertThat(vocoder.sampleRate()).isEqualTo(24_000);
            assertThat(vocoder.samplesPerFrame()).isEqualTo(480);
            speech = vocoder.vocode(mel, 5);
        }

        assertThat(speech).hasSize(5 * 480);
        // ONNX Runtime averages the 80 bins and builds the source in float32, the expectation in double; with F0 up to
        // 60 that is a few 1e-6 (measured 7.8e-6 at most).
        assertThat(speech).containsExactly(expectedPassThrough(mel, 5), within(3e-5f));
        long clipped = 0;
        long inside = 0;
        for (float s : speech) {
            assertThat(Math.abs(s)).isLessThanOrEqualTo(0.99f);
            clipped += Math.abs(s) == 0.99f ? 1 : 0;
            inside += Math.abs(s) < 0.5f ? 1 : 0;
        }
        assertThat(clipped).isPositive();
        assertThat(inside).isPositive();
    }

    @Test
    void should_clip_magnitudes_at_100_when_the_decoder_predicts_more() {
        // Bin 0 only, magnitude 150, phase acos(0.1): Re X₀ = min(150, 100)·0.1 = 10 in every frame. Each inverse
        // frame is then 10/16 = 0.625, and where 4 frames overlap the window-weighted sum over the squared-window sum
        // is 0.625·Σw/Σw² = 0.625·2/1.5 = 0.8333 (periodic Hann, hop n_fft/4); unclipped it would be 1.25 → 0.99.
        float[] magnitude = new float[9];
        magnitude[0] = 150f;
        float[] speech;
        try (HiftVocoder vocoder = vocoder(CosyVoiceFixtures.constantDecoder(magnitude, (float) Math.acos(0.1)))) {
            speech = vocoder.vocode(mel(0.1, 0.2, 0.3), 3);
        }

        int stftFrames = 3 * 120 + 1;
        float[] real = new float[9 * stftFrames];
        Arrays.fill(real, 0, stftFrames, 10f);
        float[] expected = new InverseStft(16, 4).inverse(real, new float[real.length], stftFrames);
        assertThat(speech).hasSize(3 * 480).containsExactly(expected, within(1e-5f));
        float[] interior = Arrays.copyOfRange(speech, 8, speech.length - 8);
        float[] fiveSixths = new float[interior.length];
        Arrays.fill(fiveSixths, 5f / 6);
        assertThat(interior).containsExactly(fiveSixths, within(1e-5f));
    }

    @Test
    void should_join_chunks_with_upstreams_cache_and_cross_fade_when_streaming() {
        float[] mel1 = mel(0.4, -0.3, 0.8, 0.1, -0.9, 0.6, 0.2, -0.5, 0.7, 0.0, -0.2, 0.5);
        float[] mel2 = mel(0.9, -0.8, 0.3, 0.2, -0.1, 0.4, -0.6, 0.1, 0.6, -0.4);

        try (HiftVocoder vocoder = vocoder(CosyVoiceFixtures.passThroughDecoder())) {
            HiftVocoder.Chunk first = vocoder.vocode(mel1, 12, null, false);
            HiftVocoder.Chunk second = vocoder.vocode(mel2, 10, first.cache(), true);

            // Chunk 1: the whole decode less the 8-frame tail, which is cached with the mel and source under it.
            float[] source1 = vocoder.source(mel1, 12);
            float[] speech1 = vocoder.decode(mel1, 12, source1);
            assertThat(first.samples()).containsExactly(Arrays.copyOf(speech1, 12 * 480 - OVERLAP));
            assertThat(first.cache().mel()).containsExactly(HiftVocoder.lastFrames(mel1, 12, 8));
            assertThat(first.cache().source()).containsExactly(Arrays.copyOfRange(source1, 4 * 480, 12 * 480));
            assertThat(first.cache().speech()).containsExactly(Arrays.copyOfRange(speech1, 4 * 480, 12 * 480));

            // Chunk 2: cached mel + new mel; its source's head replaced by the cached source (which differs from
            // what the source graph gives for the joined mel); its first 3840 samples faded with the cached speech.
            float[] joined = HiftVocoder.concatFrames(first.cache().mel(), 8, mel2, 10);
            float[] source2 = vocoder.source(joined, 18);
            assertThat(Arrays.copyOf(source2, OVERLAP)).isNotEqualTo(first.cache().source());
            System.arraycopy(first.cache().source(), 0, source2, 0, OVERLAP);
            float[] expected = vocoder.decode(joined, 18, source2);
            for (int i = 0; i < OVERLAP; i++) {
                double rising = 0.54 - 0.46 * Math.cos(2 * Math.PI * i / (2 * OVERLAP - 1));
                double falling = 0.54 - 0.46 * Math.cos(2 * Math.PI * (OVERLAP + i) / (2 * OVERLAP - 1));
                expected[i] = (float) Math.max(-0.99, Math.min(0.99,
                        expected[i] * rising + first.cache().speech()[i] * falling));
            }
            assertThat(second.samples()).containsExactly(expected, within(1e-6f));
            assertThat(second.cache()).isNull();
            assertThat(first.samples().length + second.samples().length).isEqualTo(22 * 480);
        }
    }

    @Test
    void should_equal_the_one_shot_output_when_a_single_chunk_is_the_last() {
        float[] mel = mel(0.2, -0.4, 0.9, 0.3);
        try (HiftVocoder vocoder = vocoder(CosyVoiceFixtures.passThroughDecoder())) {
            HiftVocoder.Chunk only = vocoder.vocode(mel, 4, null, true);

            assertThat(only.samples()).containsExactly(vocoder.vocode(mel, 4));
            assertThat(only.cache()).isNull();
        }
    }

    @Test
    void should_refuse_a_first_chunk_shorter_than_the_cache_when_more_chunks_follow() {
        try (HiftVocoder vocoder = vocoder(CosyVoiceFixtures.passThroughDecoder())) {
            assertThatThrownBy(() -> vocoder.vocode(mel(0.1, 0.2, 0.3), 3, null, false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 8");
        }
    }

    @Test
    void should_name_the_missing_metadata_when_the_decoder_lacks_n_fft() {
        OnnxModel f0 = factory.load("hift_f0", CosyVoiceFixtures.f0());
        OnnxModel source = factory.load("hift_source", CosyVoiceFixtures.source());
        OnnxModel decoder = factory.load("hift_decoder", CosyVoiceFixtures.decoderWithoutNfft());
        try {
            assertThatThrownBy(() -> new HiftVocoder(f0, source, decoder))
                    .isInstanceOf(ModelException.class).hasMessageContaining("n_fft");
        } finally {
            f0.close();
            source.close();
            decoder.close();
        }
    }
}
