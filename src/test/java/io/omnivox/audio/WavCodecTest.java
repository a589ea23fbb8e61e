package io.omnivox.audio;

import static io.omnivox.audio.AudioTestSupport.ascii;
import static io.omnivox.audio.AudioTestSupport.chunk;
import static io.omnivox.audio.AudioTestSupport.chunkClaiming;
import static io.omnivox.audio.AudioTestSupport.concat;
import static io.omnivox.audio.AudioTestSupport.fmt;
import static io.omnivox.audio.AudioTestSupport.fmtExtensible;
import static io.omnivox.audio.AudioTestSupport.le;
import static io.omnivox.audio.AudioTestSupport.pcm16;
import static io.omnivox.audio.AudioTestSupport.riff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.omnivox.audio.AudioFormatException.Problem;

class WavCodecTest {

    @TempDir
    Path tmp;

    // ---- sample formats -------------------------------------------------------------------------------------------

    @Test
    void should_decode_8_bit_unsigned_pcm_exactly() {
        byte[] wav = riff(chunk("fmt ", fmt(1, 1, 8000, 8)), chunk("data", new byte[] {0, 64, (byte) 128,
                (byte) 192, (byte) 255}));

        AudioClip clip = WavCodec.decode(wav);

        assertThat(clip.sampleRate()).isEqualTo(8000);
        assertThat(clip.samples()).containsExactly(-1f, -0.5f, 0f, 0.5f, 127 / 128f);
    }

    @Test
    void should_decode_16_bit_pcm_exactly() {
        byte[] wav = riff(chunk("fmt ", fmt(1, 1, 16000, 16)), chunk("data", pcm16(-32768, -1, 0, 1, 32767)));

        AudioClip clip = WavCodec.decode(wav);

        assertThat(clip.samples()).containsExactly(-1f, -1 / 32768f, 0f, 1 / 32768f, 32767 / 32768f);
    }

    @Test
    void should_decode_24_bit_pcm_exactly() {
        int[] values = {-8388608, -1, 0, 123456, 8388607};
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int v : values) {
            data.writeBytes(le(v, 3));
        }

        AudioClip clip = WavCodec.decode(riff(chunk("fmt ", fmt(1, 1, 48000, 24)), chunk("data", data.toByteArray())));

        assertThat(clip.samples()).containsExactly(-1f, -1 / 8388608f, 0f, 123456 / 8388608f, 8388607 / 8388608f);
    }

    @Test
    void should_decode_32_bit_integer_pcm_within_float_precision() {
        int[] values = {Integer.MIN_VALUE, -1, 0, 1 << 20, Integer.MAX_VALUE};
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int v : values) {
            data.writeBytes(le(v, 4));
        }

        AudioClip clip = WavCodec.decode(riff(chunk("fmt ", fmt(1, 1, 44100, 32)), chunk("data", data.toByteArray())));

        for (int i = 0; i < values.length; i++) {
            assertThat(clip.samples()[i]).isCloseTo((float) (values[i] / 2147483648.0), within(1e-9f));
        }
        assertThat(clip.samples()[0]).isEqualTo(-1f);
    }

    @Test
    void should_decode_32_bit_float_exactly_and_replace_non_finite_values_with_silence() {
        float[] values = {-1f, 0.25f, 1.5f, Float.NaN, Float.POSITIVE_INFINITY, 1e-20f};

        AudioClip clip = WavCodec.decode(riff(chunk("fmt ", fmt(3, 1, 24000, 32)),
                chunk("data", AudioTestSupport.floatsLe(values))));

        assertThat(clip.samples()).containsExactly(-1f, 0.25f, 1.5f, 0f, 0f, 1e-20f);
    }

    @Test
    void should_decode_64_bit_float_rounded_to_float() {
        double[] values = {-0.5, 0.1, 0.999999999};
        ByteBuffer data = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            data.putDouble(v);
        }

        AudioClip clip = WavCodec.decode(riff(chunk("fmt ", fmt(3, 1, 22050, 64)), chunk("data", data.array())));

        assertThat(clip.samples()).containsExactly(-0.5f, 0.1f, (float) 0.999999999);
    }

    @Test
    void should_decode_g711_mu_law_and_a_law_to_the_itu_values() {
        byte[] muCodes = {(byte) 0xFF, 0x7F, (byte) 0x80, 0x00, (byte) 0xF0};
        byte[] aCodes = {(byte) 0xD5, 0x55, (byte) 0xAA, 0x2A};

        AudioClip mu = WavCodec.decode(riff(chunk("fmt ", fmt(7, 1, 8000, 8)), chunk("data", muCodes)));
        AudioClip a = WavCodec.decode(riff(chunk("fmt ", fmt(6, 1, 8000, 8)), chunk("data", aCodes)));

        assertThat(mu.samples()).containsExactly(0f, 0f, 32124 / 32768f, -32124 / 32768f, 120 / 32768f);
        assertThat(a.samples()).containsExactly(8 / 32768f, -8 / 32768f, 32256 / 32768f, -32256 / 32768f);
    }

    @Test
    void should_decode_every_g711_code_as_sox_does() throws Exception {
        AudioTestSupport.assumeTool("sox");
        byte[] allCodes = new byte[256];
        for (int i = 0; i < 256; i++) {
            allCodes[i] = (byte) i;
        }
        for (int tag : new int[] {6, 7}) {
            Path in = tmp.resolve("g711-" + tag + ".wav");
            Files.write(in, riff(chunk("fmt ", fmt(tag, 1, 8000, 8)), chunk("data", allCodes)));

            float[] sox = AudioTestSupport.readFloatsLe(AudioTestSupport.run("sox", in.toString(), "-t", "f32", "-"));
            float[] ours = WavCodec.decode(Files.readAllBytes(in)).samples();

            assertThat(ours).as("tag %d", tag).isEqualTo(sox);
        }
    }

    @Test
    void should_decode_wave_format_extensible_pcm_and_float() {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        for (int v : new int[] {0x20000 << 4, -(0x20000 << 4)}) { // 20 valid bits, left-justified in 24
            pcm.writeBytes(le(v, 3));
        }
        byte[] pcmWav = riff(chunk("fmt ", fmtExtensible(1, 1, 96000, 24, 20, 0x4)), chunk("data", pcm.toByteArray()));
        byte[] floatWav = riff(chunk("fmt ", fmtExtensible(3, 2, 48000, 32, 32, 0x3)),
                chunk("data", AudioTestSupport.floatsLe(new float[] {0.5f, 0.25f, -1f, 1f})));

        AudioClip pcmClip = WavCodec.decode(pcmWav);
        AudioClip floatClip = WavCodec.decode(floatWav);

        assertThat(pcmClip.sampleRate()).isEqualTo(96000);
        assertThat(pcmClip.samples()).containsExactly(0.25f, -0.25f);
        assertThat(floatClip.samples()).containsExactly(0.375f, 0f);
    }

    @Test
    void should_average_all_channels_to_mono() {
        byte[] stereo = riff(chunk("fmt ", fmt(1, 2, 16000, 16)), chunk("data", pcm16(16384, -8192, 0, 32767)));
        int[] six = {6000, 6000, 6000, 6000, 0, 12000};
        byte[] surround = riff(chunk("fmt ", fmtExtensible(1, 6, 48000, 16, 16, 0x3F)), chunk("data", pcm16(six)));

        AudioClip two = WavCodec.decode(stereo);
        AudioClip sixToOne = WavCodec.decode(surround);

        assertThat(two.samples()).containsExactly(0.125f, 32767 / 65536f);
        assertThat(sixToOne.samples()[0]).isCloseTo(6000 / 32768f, within(1e-7f));
    }

    // ---- chunk layout ---------------------------------------------------------------------------------------------

    @Test
    void should_skip_odd_sized_chunks_with_their_pad_byte_and_a_list_chunk_before_the_data() {
        byte[] info = concat(ascii("INFO"), ascii("INAM"), le(5, 4), ascii("odd!\0"), new byte[1]);
        byte[] wav = riff(chunk("junk", new byte[] {1, 2, 3}), chunk("fmt ", fmt(1, 1, 8000, 8)),
                chunk("LIST", info), chunk("data", new byte[] {(byte) 128, (byte) 192, 64}),
                chunk("LIST", info));

        AudioClip clip = WavCodec.decode(wav);

        assertThat(clip.samples()).as("odd data chunk, then its pad and a trailing chunk that is not audio")
                .containsExactly(0f, 0.5f, -0.5f);
    }

    @Test
    void should_read_the_zh_prompt_header_with_its_18_byte_fmt_and_fact_chunk() throws Exception {
        Path file = AudioTestSupport.SHARED_SPEECH.resolve("zh_zero_shot_prompt.wav");
        assumeTrue(Files.exists(file), "../shared/data/speech is not present in this checkout: skipping the "
                + "real float32 WAV test");

        AudioClip clip = WavCodec.decode(Files.readAllBytes(file));

        assertThat(clip.sampleRate()).isEqualTo(24000);
        assertThat(clip.samples()).hasSize(83520);
        assertThat(clip.durationSeconds()).isCloseTo(3.48, within(1e-9));
        assertThat(AudioTestSupport.rms(clip.samples(), 0, clip.samples().length)).isBetween(0.01, 0.5);
        if (AudioTestSupport.toolAvailable("sox")) {
            float[] sox = AudioTestSupport.readFloatsLe(AudioTestSupport.run("sox", file.toString(), "-t", "f32", "-"));
            assertThat(clip.samples()).isEqualTo(sox);
        }
    }

    @Test
    void should_decode_pocketsphinx_speech_as_sox_does() throws Exception {
        Path file = AudioTestSupport.POCKETSPHINX.resolve("librivox/sense_and_sensibility_01_austen_64kb-0870.wav");
        assumeTrue(Files.exists(file), "pocketsphinx-testdata is not installed (Debian package; .ci/run installs it)");

        AudioClip clip = WavCodec.decode(Files.readAllBytes(file));

        assertThat(clip.sampleRate()).isEqualTo(16000);
        assertThat(clip.samples()).hasSize(113600);
        if (AudioTestSupport.toolAvailable("sox")) {
            float[] sox = AudioTestSupport.readFloatsLe(AudioTestSupport.run("sox", file.toString(), "-t", "f32", "-"));
            assertThat(clip.samples()).isEqualTo(sox);
        }
    }

    // ---- bad input ------------------------------------------------------------------------------------------------

    @Test
    void should_report_empty_when_there_are_no_bytes() {
        assertThatThrownBy(() -> WavCodec.decode(new byte[0]))
                .isInstanceOfSatisfying(AudioFormatException.class, e -> assertThat(e.problem()).isEqualTo(Problem.EMPTY));
    }

    @Test
    void should_report_not_audio_for_random_bytes_and_other_riff_types() {
        byte[] random = new byte[1000];
        new Random(42).nextBytes(random);
        byte[] avi = concat(ascii("RIFF"), le(100, 4), ascii("AVI "), new byte[100]);

        assertProblem(random, Problem.NOT_AUDIO);
        assertProblem(avi, Problem.NOT_AUDIO);
        assertProblem(ascii("hello"), Problem.NOT_AUDIO);
    }

    @Test
    void should_report_truncated_when_the_header_is_cut_short() {
        byte[] wav = riff(chunk("fmt ", fmt(1, 1, 16000, 16)), chunk("data", pcm16(1, 2, 3)));

        assertProblem(Arrays.copyOf(wav, 2), Problem.TRUNCATED);
        assertProblem(Arrays.copyOf(wav, 8), Problem.TRUNCATED);
        assertProblem(Arrays.copyOf(wav, 30), Problem.TRUNCATED);
        assertProblem(Arrays.copyOf(wav, 40), Problem.TRUNCATED);
        assertProblem(riff(chunk("fmt ", fmt(1, 1, 16000, 16))), Problem.TRUNCATED);
    }

    @Test
    void should_decode_what_is_there_when_the_data_chunk_claims_4_gb() {
        short[] oneSecond = new short[16000];
        for (int i = 0; i < oneSecond.length; i++) {
            oneSecond[i] = (short) (i * 3);
        }
        ByteBuffer data = ByteBuffer.allocate(oneSecond.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        data.asShortBuffer().put(oneSecond);

        for (long claim : new long[] {0xFFFFFFF0L, 0xFFFFFFFFL, 0L, 64_000L}) {
            byte[] wav = riff(chunk("fmt ", fmt(1, 1, 16000, 16)), chunkClaiming("data", claim, data.array()));

            AudioClip clip = WavCodec.decode(wav);

            assertThat(clip.samples()).as("claim %d", claim).hasSize(16000);
            assertThat(clip.samples()[15999]).isEqualTo((short) (15999 * 3) / 32768f);
        }
    }

    @Test
    void should_drop_a_partial_last_frame_and_report_truncated_when_no_frame_follows_a_claim() {
        byte[] partial = riff(chunk("fmt ", fmt(1, 2, 16000, 16)), chunkClaiming("data", 1000,
                concat(pcm16(100, 300, 5), new byte[1])));
        byte[] none = riff(chunk("fmt ", fmt(1, 1, 16000, 16)), chunkClaiming("data", 1000, new byte[1]));
        byte[] emptyData = riff(chunk("fmt ", fmt(1, 1, 16000, 16)), chunkClaiming("data", 0, new byte[0]));

        assertThat(WavCodec.decode(partial).samples()).containsExactly(200 / 32768f);
        assertProblem(none, Problem.TRUNCATED);
        assertProblem(emptyData, Problem.EMPTY);
    }

    @Test
    void should_report_unsupported_codec_for_adpcm_and_other_wav_codecs() {
        byte[] adpcmFmt = concat(fmt(2, 1, 8000, 4), le(32, 2), new byte[32]);
        byte[] adpcm = riff(chunk("fmt ", adpcmFmt), chunk("data", new byte[256]));
        byte[] extensibleUnknown = riff(chunk("fmt ", Arrays.copyOf(fmtExtensible(1, 1, 8000, 16, 16, 4), 40)),
                chunk("data", new byte[4]));
        extensibleUnknown[12 + 8 + 39] = 0x42; // last byte of the sub-format GUID
        byte[] float16 = riff(chunk("fmt ", fmt(3, 1, 8000, 16)), chunk("data", new byte[4]));

        assertThatThrownBy(() -> WavCodec.decode(adpcm))
                .isInstanceOfSatisfying(AudioFormatException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.UNSUPPORTED_CODEC);
                    assertThat(e.getMessage()).contains("ADPCM");
                });
        assertProblem(extensibleUnknown, Problem.UNSUPPORTED_CODEC);
        assertProblem(float16, Problem.UNSUPPORTED_CODEC);
    }

    @Test
    void should_report_not_audio_for_impossible_headers() {
        assertProblem(riff(chunk("data", pcm16(1)), chunk("fmt ", fmt(1, 1, 8000, 16))), Problem.NOT_AUDIO);
        assertProblem(riff(chunk("fmt ", fmt(1, 0, 8000, 16)), chunk("data", pcm16(1))), Problem.NOT_AUDIO);
        assertProblem(riff(chunk("fmt ", new byte[8]), chunk("data", pcm16(1))), Problem.NOT_AUDIO);
        assertProblem(riff(chunk("fmt ", fmt(1, 1, 0, 16)), chunk("data", pcm16(1))), Problem.UNSUPPORTED_CODEC);
    }

    // ---- encoding -------------------------------------------------------------------------------------------------

    @Test
    void should_round_trip_16_bit_pcm_exactly_and_clip_out_of_range_samples() {
        float[] samples = {0f, 1 / 32768f, -1f, 12345 / 32768f, 1.5f, -3f, Float.NaN};

        byte[] wav = WavCodec.encode(new AudioClip(samples, 22050), 16);
        AudioClip back = WavCodec.decode(wav);

        assertThat(wav).hasSize(44 + 14);
        assertThat(Arrays.copyOf(wav, 4)).isEqualTo(ascii("RIFF"));
        assertThat(ByteBuffer.wrap(wav, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(36 + 14);
        assertThat(back.sampleRate()).isEqualTo(22050);
        assertThat(back.samples()).containsExactly(0f, 1 / 32768f, -1f, 12345 / 32768f, 32767 / 32768f, -1f, 0f);
    }

    @Test
    void should_round_trip_32_bit_float_losslessly() {
        float[] samples = AudioTestSupport.sine(440, 24000, 0.1, 0.8);

        AudioClip back = WavCodec.decode(WavCodec.encode(new AudioClip(samples, 24000), 32));

        assertThat(back.samples()).containsExactly(samples);
    }

    @Test
    void should_stream_a_wav_of_unknown_length_with_streaming_sizes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (WavWriter writer = WavCodec.writer(out, 16000, 16, -1)) {
            writer.write(new float[] {0.5f, -0.5f});
            writer.write(new float[] {0.25f}, 0, 1);
        }
        byte[] wav = out.toByteArray();

        assertThat(ByteBuffer.wrap(wav, 40, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(-1);
        assertThat(WavCodec.decode(wav).samples()).containsExactly(0.5f, -0.5f, 0.25f);
    }

    @Test
    void should_refuse_to_write_more_or_fewer_samples_than_the_header_promised() {
        WavWriter tooMany = WavCodec.writer(new ByteArrayOutputStream(), 16000, 16, 1);
        WavWriter tooFew = WavCodec.writer(new ByteArrayOutputStream(), 16000, 16, 3);
        tooFew.write(new float[1]);

        assertThatThrownBy(() -> tooMany.write(new float[2])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(tooFew::close).isInstanceOf(IllegalStateException.class);
    }

    private static void assertProblem(byte[] wav, Problem problem) {
        assertThatThrownBy(() -> WavCodec.decode(wav))
                .isInstanceOfSatisfying(AudioFormatException.class, e -> assertThat(e.problem())
                        .as(e.getMessage()).isEqualTo(problem));
    }
}
