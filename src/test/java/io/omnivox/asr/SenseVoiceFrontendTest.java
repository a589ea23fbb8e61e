package io.omnivox.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnivox.audio.Fbank;
import io.omnivox.audio.FbankOptions;
import io.omnivox.model.ModelException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * SenseVoice's front end. LFR expectations are worked by hand from FunASR's {@code apply_lfr}
 * (funasr/frontends/wav_frontend.py): with m = 7, n = 6 the fbank is padded with (7 − 1) / 2 = 3 copies of frame 0,
 * output frame i takes padded rows [6i, 6i + 7), ceil(T / 6) frames, the last window filled with copies of frame T − 1.
 */
class SenseVoiceFrontendTest {

    @Test
    void should_pad_with_frame_zero_when_there_is_a_single_frame() {
        // padded: f0 f0 f0 | f0, then 3 copies of the last frame (f0).
        float[][] out = SenseVoiceFrontend.lfr(frames(1), 7, 6);

        assertThat(out).hasNumberOfRows(1);
        assertThat(out[0]).containsExactly(0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void should_yield_one_full_window_when_there_are_six_frames() {
        // ceil(6 / 6) = 1; padded: f0 f0 f0 | f0 f1 f2 f3 f4 f5, window [0, 7).
        float[][] out = SenseVoiceFrontend.lfr(frames(6), 7, 6);

        assertThat(out).hasNumberOfRows(1);
        assertThat(out[0]).containsExactly(0, 0, 0, 0, 1, 2, 3);
    }

    @Test
    void should_repeat_the_last_frame_when_the_window_runs_past_the_end() {
        // ceil(7 / 6) = 2; padded length 10; window 1 = rows 6..9 = f3 f4 f5 f6, then 3 × f6.
        float[][] out = SenseVoiceFrontend.lfr(frames(7), 7, 6);

        assertThat(out).hasNumberOfRows(2);
        assertThat(out[0]).containsExactly(0, 0, 0, 0, 1, 2, 3);
        assertThat(out[1]).containsExactly(3, 4, 5, 6, 6, 6, 6);
    }

    @Test
    void should_yield_ceil_t_over_n_frames_when_there_are_thirteen_frames() {
        // ceil(13 / 6) = 3; padded length 16; windows start at rows 0, 6, 12 (= f0, f3, f9).
        float[][] out = SenseVoiceFrontend.lfr(frames(13), 7, 6);

        assertThat(out).hasNumberOfRows(3);
        assertThat(out[0]).containsExactly(0, 0, 0, 0, 1, 2, 3);
        assertThat(out[1]).containsExactly(3, 4, 5, 6, 7, 8, 9);
        assertThat(out[2]).containsExactly(9, 10, 11, 12, 12, 12, 12);
    }

    @Test
    void should_concatenate_whole_frames_when_frames_have_several_bins() {
        float[][] fbank = { { 0, 0.5f }, { 1, 1.5f }, { 2, 2.5f } };

        // m = 3, n = 2: one padding copy of f0; ceil(3 / 2) = 2 frames.
        float[][] out = SenseVoiceFrontend.lfr(fbank, 3, 2);

        assertThat(out).hasNumberOfRows(2);
        assertThat(out[0]).containsExactly(0, 0.5f, 0, 0.5f, 1, 1.5f);
        assertThat(out[1]).containsExactly(1, 1.5f, 2, 2.5f, 2, 2.5f);
    }

    @Test
    void should_yield_no_frames_when_there_is_no_fbank_frame() {
        assertThat(SenseVoiceFrontend.lfr(new float[0][], 7, 6)).isEmpty();
    }

    @Test
    void should_add_the_negative_mean_then_scale_when_applying_cmvn() {
        float[][] x = { { 1, 2 }, { 3, 4 } };

        SenseVoiceFrontend.applyCmvn(x, new float[] { -1, 0.5f }, new float[] { 2, 10 });

        // (1 - 1)·2, (2 + 0.5)·10; (3 - 1)·2, (4 + 0.5)·10
        assertThat(x[0]).containsExactly(0, 25);
        assertThat(x[1]).containsExactly(4, 45);
    }

    @Test
    void should_scale_to_int16_then_stack_fbank_frames_when_computing_features() {
        float[] samples = new float[16_000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.3 * Math.sin(2 * Math.PI * 523.25 * i / 16_000) + 0.01 * Math.cos(i * 0.37));
        }
        float[] int16 = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            int16[i] = samples[i] * 32768f;
        }
        float[][] fbank = new Fbank(FbankOptions.senseVoice()).compute(int16);
        float[] negMean = new float[560];
        float[] invStddev = new float[560];
        Arrays.fill(negMean, -10f);
        Arrays.fill(invStddev, 0.5f);

        float[][] out = new SenseVoiceFrontend(7, 6, negMean, invStddev).features(samples);

        // 1 s: 1 + (16000 - 400) / 160 = 98 fbank frames → ceil(98 / 6) = 17 model frames of 7 × 80.
        assertThat(fbank).hasNumberOfRows(98);
        assertThat(out).hasNumberOfRows(17);
        assertThat(out[0]).hasSize(560);
        // Output frame 1, block 0 is fbank frame 6 - 3 = 3; the last frame's last block repeats fbank frame 97.
        for (int b = 0; b < 80; b++) {
            assertThat(out[1][b]).isEqualTo((fbank[3][b] - 10f) * 0.5f);
            assertThat(out[16][6 * 80 + b]).isEqualTo((fbank[97][b] - 10f) * 0.5f);
        }
    }

    @Test
    void should_return_no_frames_when_audio_is_shorter_than_a_frame() {
        SenseVoiceFrontend frontend = new SenseVoiceFrontend(7, 6, new float[560], new float[560]);

        assertThat(frontend.features(new float[399])).isEmpty();
    }

    @Test
    void should_reject_cmvn_vectors_when_lengths_are_not_bins_times_m() {
        assertThatThrownBy(() -> new SenseVoiceFrontend(7, 6, new float[559], new float[560]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("560")
                .hasMessageContaining("neg_mean 559");
    }

    @Test
    void should_read_lfr_and_cmvn_when_metadata_is_complete() {
        SenseVoiceFrontend frontend = SenseVoiceFrontend.fromMetadata(metadata(560));

        assertThat(frontend.lfrM()).isEqualTo(7);
        assertThat(frontend.lfrN()).isEqualTo(6);
        assertThat(frontend.featureDim()).isEqualTo(560);
    }

    @Test
    void should_name_the_key_when_metadata_lacks_it() {
        Map<String, String> metadata = metadata(560);
        metadata.remove("inv_stddev");

        assertThatThrownBy(() -> SenseVoiceFrontend.fromMetadata(metadata))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("'inv_stddev'");
    }

    @Test
    void should_report_counts_when_metadata_vector_has_the_wrong_length() {
        Map<String, String> metadata = metadata(560);
        metadata.put("neg_mean", join(559));

        assertThatThrownBy(() -> SenseVoiceFrontend.fromMetadata(metadata))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("'neg_mean' has 559 values; expected 560");
    }

    @Test
    void should_name_the_value_when_metadata_is_not_numeric() {
        Map<String, String> metadata = metadata(560);
        metadata.put("lfr_window_size", "seven");

        assertThatThrownBy(() -> SenseVoiceFrontend.fromMetadata(metadata))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("'lfr_window_size' is not an integer: 'seven'");
    }

    /** T frames of one bin each, frame t holding the value t. */
    private static float[][] frames(int t) {
        float[][] fbank = new float[t][1];
        for (int i = 0; i < t; i++) {
            fbank[i][0] = i;
        }
        return fbank;
    }

    private static Map<String, String> metadata(int dim) {
        Map<String, String> metadata = new HashMap<>();
        metadata.put("lfr_window_size", "7");
        metadata.put("lfr_window_shift", "6");
        metadata.put("neg_mean", join(dim));
        metadata.put("inv_stddev", join(dim));
        metadata.put("model_type", "sense_voice_ctc");
        return metadata;
    }

    /** dim comma-separated numbers, formatted as the sherpa-onnx export writes them. */
    private static String join(int dim) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dim; i++) {
            sb.append(i == 0 ? "" : ",").append(-8.311 + i * 0.001);
        }
        return sb.toString();
    }
}
