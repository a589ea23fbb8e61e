package io.omnivox.audio;

import static io.omnivox.audio.AudioTestSupport.chunk;
import static io.omnivox.audio.AudioTestSupport.fmt;
import static io.omnivox.audio.AudioTestSupport.riff;
import static io.omnivox.audio.FfmpegCodecTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.omnivox.audio.AudioFormatException.Problem;

class AudioDecoderTest {

    /** WAV must never need ffmpeg: this decoder fails loudly if it tries. */
    private static final AudioDecoder WITHOUT_FFMPEG =
            new AudioDecoder(new FfmpegCodec("/nonexistent/ffmpeg", Duration.ofSeconds(5)));
    private static final DecodeLimits GENEROUS = new DecodeLimits(100_000_000, 3600);

    @TempDir
    Path tmp;

    @Test
    void should_decode_a_48_khz_stereo_wav_natively_to_16_khz_mono() {
        // given: the same 1 kHz tone in both channels, 16-bit
        float[] tone = AudioTestSupport.sine(1000, 48000, 1, 0.5);
        short[] interleaved = new short[tone.length * 2];
        for (int i = 0; i < tone.length; i++) {
            interleaved[2 * i] = (short) WavWriter.pcm16(tone[i]);
            interleaved[2 * i + 1] = (short) WavWriter.pcm16(tone[i]);
        }
        java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(interleaved.length * 2)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        data.asShortBuffer().put(interleaved);
        byte[] wav = riff(chunk("fmt ", fmt(1, 2, 48000, 16)), chunk("data", data.array()));

        // when
        AudioClip clip = WITHOUT_FFMPEG.decode(new ByteArrayInputStream(wav), GENEROUS, 16000);

        // then
        assertThat(clip.sampleRate()).isEqualTo(16000);
        assertThat(clip.samples()).hasSize(16000);
        assertThat(AudioTestSupport.amplitude(clip.samples(), 16000, 1000, 1600, 14400)).isCloseTo(0.5, within(1e-3));
    }

    @Test
    void should_decode_the_real_float32_prompt_to_16_khz() throws Exception {
        Path file = AudioTestSupport.SHARED_SPEECH.resolve("zh_zero_shot_prompt.wav");
        assumeTrue(Files.exists(file), "../shared/data/speech is not present in this checkout: skipping the "
                + "real float32 WAV test");

        AudioClip clip;
        try (InputStream in = Files.newInputStream(file)) {
            clip = WITHOUT_FFMPEG.decode(in, GENEROUS, 16000);
        }

        assertThat(clip.sampleRate()).isEqualTo(16000);
        assertThat(clip.samples()).hasSize(83520 * 2 / 3);
        assertThat(clip.durationSeconds()).isCloseTo(3.48, within(1e-9));
        assertThat(AudioTestSupport.rms(clip.samples(), 0, clip.samples().length)).isBetween(0.01, 0.5);
    }

    @Test
    void should_decode_pocketsphinx_speech_at_its_own_rate_unchanged() throws Exception {
        Path file = AudioTestSupport.POCKETSPHINX.resolve("cards/001.wav");
        assumeTrue(Files.exists(file), "pocketsphinx-testdata is not installed (Debian package; .ci/run installs it)");
        byte[] bytes = Files.readAllBytes(file);

        AudioClip clip = WITHOUT_FFMPEG.decode(new ByteArrayInputStream(bytes), GENEROUS, 16000);

        assertThat(clip.samples()).hasSize(17526).isEqualTo(WavCodec.decode(bytes).samples());
    }

    @Test
    void should_send_non_wav_audio_to_ffmpeg() {
        AudioTestSupport.assumeTool("ffmpeg");
        Path mp3 = tmp.resolve("tone.mp3");
        AudioTestSupport.ffmpeg("-f", "lavfi", "-i", "sine=f=700:d=1.5", "-c:a", "libmp3lame", mp3.toString());

        AudioClip clip = decodeFile(new AudioDecoder(), mp3);

        assertThat(clip.durationSeconds()).isCloseTo(1.5, within(0.030));
        assertThat(AudioTestSupport.dominantFrequency(clip.samples(), 16000)).isCloseTo(700, within(2.0));
    }

    @Test
    void should_fall_back_to_ffmpeg_for_adpcm_wav_and_report_the_codec_when_it_is_missing() {
        AudioTestSupport.assumeTool("ffmpeg");
        Path adpcm = tmp.resolve("adpcm.wav");
        AudioTestSupport.ffmpeg("-f", "lavfi", "-i", "sine=f=440:d=1:sample_rate=16000", "-c:a", "adpcm_ms",
                adpcm.toString());

        AudioClip clip = decodeFile(new AudioDecoder(), adpcm);

        assertThat(clip.durationSeconds()).isCloseTo(1.0, within(0.030));
        assertThat(AudioTestSupport.dominantFrequency(clip.samples(), 16000)).isCloseTo(440, within(2.0));
        assertProblem(() -> decodeFile(WITHOUT_FFMPEG, adpcm), Problem.UNSUPPORTED_CODEC);
    }

    // ---- bad input and limits -------------------------------------------------------------------------------------

    @Test
    void should_report_empty_not_audio_and_truncated_input_without_ffmpeg() {
        byte[] random = new byte[5000];
        new Random(9).nextBytes(random);
        byte[] wav = WavCodec.encode(new AudioClip(new float[100], 16000), 16);

        assertProblem(() -> decode(new byte[0]), Problem.EMPTY);
        assertProblem(() -> decode(random), Problem.NOT_AUDIO);
        assertProblem(() -> decode(Arrays.copyOf(wav, 30)), Problem.TRUNCATED);
        assertProblem(() -> decode(Arrays.copyOf(wav, 44)), Problem.TRUNCATED);
    }

    @Test
    void should_stop_reading_at_the_byte_limit_when_the_upload_never_ends() {
        // given: a streaming-style WAV that never ends, whatever a Content-Length said
        CountingStream endless = new CountingStream(AudioTestSupport.patternWav(16000, -1));

        assertProblem(() -> WITHOUT_FFMPEG.decode(endless, new DecodeLimits(1_000_000, 3600), 16000),
                Problem.TOO_LARGE);
        assertThat(endless.count).isBetween(1_000_000L, 1_000_001L);
    }

    @Test
    void should_stop_with_too_long_as_soon_as_the_limit_is_passed() {
        AtomicLong delivered = new AtomicLong();

        assertProblem(() -> WITHOUT_FFMPEG.stream(AudioTestSupport.patternWav(48000, -1),
                new DecodeLimits(Long.MAX_VALUE, 2.0), 16000, 1000, chunk -> delivered.addAndGet(chunk.length)),
                Problem.TOO_LONG);
        assertThat(delivered.get()).isLessThanOrEqualTo(2 * 16000);
    }

    @Test
    void should_accept_audio_exactly_at_the_limits() {
        byte[] wav = WavCodec.encode(new AudioClip(new float[32000], 16000), 16);

        AudioClip clip = WITHOUT_FFMPEG.decode(new ByteArrayInputStream(wav), new DecodeLimits(wav.length, 2.0), 16000);

        assertThat(clip.samples()).hasSize(32000);
    }

    @Test
    void should_reject_invalid_limits_and_arguments() {
        assertThatThrownBy(() -> new DecodeLimits(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecodeLimits(1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WITHOUT_FFMPEG.stream(new ByteArrayInputStream(new byte[1]), GENEROUS, 16000, 0,
                chunk -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- streaming ------------------------------------------------------------------------------------------------

    @Test
    void should_stream_an_hour_of_wav_in_exact_chunks_with_every_sample_in_place() {
        // given: one hour at 16 kHz (115 MB of WAV) generated as it is read, never held
        long frames = 3600 * 16000L;
        AtomicLong total = new AtomicLong();
        AtomicLong wrongSize = new AtomicLong();
        AtomicLong mismatches = new AtomicLong();

        // when
        WITHOUT_FFMPEG.stream(AudioTestSupport.patternWav(16000, frames), new DecodeLimits(200_000_000, 3600), 16000,
                4000, chunk -> {
                    if (chunk.length != 4000) {
                        wrongSize.incrementAndGet();
                    }
                    long base = total.getAndAdd(chunk.length);
                    for (int i = 0; i < chunk.length; i++) {
                        if (chunk[i] != AudioTestSupport.patternSample(base + i) / 32768f) {
                            mismatches.incrementAndGet();
                        }
                    }
                });

        // then
        assertThat(total.get()).isEqualTo(frames);
        assertThat(wrongSize.get()).isZero();
        assertThat(mismatches.get()).isZero();
    }

    @Test
    void should_stream_resampled_audio_in_exact_chunks_with_a_short_last_one() {
        long frames = 60 * 48000L + 7;
        AtomicLong total = new AtomicLong();
        AtomicLong full = new AtomicLong();
        long[] last = new long[1];

        WITHOUT_FFMPEG.stream(AudioTestSupport.patternWav(48000, frames), GENEROUS, 16000, 1600, chunk -> {
            total.addAndGet(chunk.length);
            full.addAndGet(chunk.length == 1600 ? 1 : 0);
            last[0] = chunk.length;
        });

        assertThat(total.get()).isEqualTo(new Resampler(48000, 16000).outputLength(frames)).isEqualTo(960003);
        assertThat(full.get()).isEqualTo(600);
        assertThat(last[0]).isEqualTo(3);
    }

    private static AudioClip decode(byte[] bytes) {
        return WITHOUT_FFMPEG.decode(new ByteArrayInputStream(bytes), GENEROUS, 16000);
    }

    private static AudioClip decodeFile(AudioDecoder decoder, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return decoder.decode(in, GENEROUS, 16000);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Counts the bytes the decoder actually pulled. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(0, n);
            return n;
        }
    }
}
