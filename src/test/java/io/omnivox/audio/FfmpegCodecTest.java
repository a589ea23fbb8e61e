package io.omnivox.audio;

import static io.omnivox.audio.AudioTestSupport.ffmpeg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import io.omnivox.audio.AudioFormatException.Problem;

/**
 * ffmpeg decoding and encoding. Durations must come back within 30 ms of the 2 s source: ffmpeg trims each codec's
 * padding using the container's metadata (Opus in Ogg and WebM: pre-skip and the final granule position; AAC in M4A:
 * the edit list, measured +5 ms; FLAC and Vorbis exact). MP3 keeps part of its end padding (measured +18 ms with
 * ffmpeg 5.1's LAME/Info tag handling). AAC in bare ADTS has nowhere to record its 1024-sample priming (measured
 * +48 ms), so it gets 30 ms plus 2048 samples.
 */
class FfmpegCodecTest {

    private static final int TONE_RATE = 24000;
    private static final double TONE_HZ = 1234;
    private static final double TONE_SECONDS = 2.0;
    private static final FfmpegCodec MISSING = new FfmpegCodec("/nonexistent/ffmpeg", Duration.ofSeconds(5));

    @TempDir
    Path tmp;

    private final FfmpegCodec codec = new FfmpegCodec();

    @BeforeAll
    static void requireFfmpeg() {
        AudioTestSupport.assumeTool("ffmpeg");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "mp3, -c:a libmp3lame -b:a 64k -f mp3",
            "ogg-opus, -c:a libopus -f ogg",
            "flac, -c:a flac -f flac",
            "webm-opus, -c:a libopus -f webm",
            "m4a, -c:a aac -f ipod",
            "ogg-vorbis, -c:a libvorbis -f ogg",
    })
    void should_decode_a_tone_encoded_by_ffmpeg_with_its_duration_and_pitch(String name, String arguments)
            throws Exception {
        // given
        Path source = toneWav();
        Path encoded = tmp.resolve("tone." + name);
        List<String> command = new ArrayList<>(List.of("-i", source.toString()));
        command.addAll(List.of(arguments.split(" ")));
        command.add(encoded.toString());
        ffmpeg(command.toArray(String[]::new));

        // when
        AudioClip clip = decodeFile(encoded);

        // then
        assertThat(clip.sampleRate()).isEqualTo(16000);
        assertThat(clip.durationSeconds()).isCloseTo(TONE_SECONDS, within(0.030));
        assertThat(AudioTestSupport.dominantFrequency(clip.samples(), 16000)).isCloseTo(TONE_HZ, within(2.0));
    }

    @ParameterizedTest
    @EnumSource(value = OutputFormat.class, names = {"MP3", "OPUS", "FLAC", "AAC"})
    void should_encode_a_tone_that_decodes_back_to_its_duration_and_pitch(OutputFormat format) {
        // given
        AudioClip tone = new AudioClip(AudioTestSupport.sine(TONE_HZ, TONE_RATE, TONE_SECONDS, 0.5), TONE_RATE);

        // when
        byte[] encoded = codec.encode(tone, format);
        AudioClip back = codec.decode(new ByteArrayInputStream(encoded), DecodeLimits.none(), 16000);

        // then
        AudioContainer expected = switch (format) {
            case MP3 -> AudioContainer.MP3;
            case OPUS -> AudioContainer.OGG;
            case FLAC -> AudioContainer.FLAC;
            default -> AudioContainer.AAC;
        };
        assertThat(AudioContainer.probe(encoded)).isEqualTo(expected);
        // ADTS keeps AAC's 1024 priming samples (43 ms at 24 kHz) plus frame padding.
        double tolerance = format == OutputFormat.AAC ? 0.030 + 2048.0 / TONE_RATE : 0.030;
        assertThat(back.durationSeconds()).isCloseTo(TONE_SECONDS, within(tolerance));
        assertThat(AudioTestSupport.dominantFrequency(back.samples(), 16000)).isCloseTo(TONE_HZ, within(2.0));
    }

    @Test
    void should_encode_wav_and_pcm_in_java_without_ffmpeg() {
        AudioClip clip = new AudioClip(new float[] {0.5f, -0.25f}, 24000);

        byte[] wav = MISSING.encode(clip, OutputFormat.WAV);
        byte[] pcm = MISSING.encode(clip, OutputFormat.PCM);

        assertThat(WavCodec.decode(wav).samples()).containsExactly(0.5f, -0.25f);
        assertThat(pcm).containsExactly(0x00, 0x40, 0x00, 0xE0);
    }

    @Test
    void should_average_stereo_channels_like_the_wav_decoder() {
        Path stereo = tmp.resolve("stereo.flac");
        ffmpeg("-f", "lavfi", "-i", "sine=f=500:d=1:sample_rate=16000", "-f", "lavfi", "-i",
                "sine=f=1500:d=1:sample_rate=16000", "-filter_complex", "[0][1]amerge=inputs=2", "-c:a", "flac",
                stereo.toString());

        AudioClip clip = decodeFile(stereo);

        assertThat(AudioTestSupport.amplitude(clip.samples(), 16000, 500, 0, 16000)).isCloseTo(0.0625, within(0.002));
        assertThat(AudioTestSupport.amplitude(clip.samples(), 16000, 1500, 0, 16000)).isCloseTo(0.0625, within(0.002));
    }

    @Test
    void should_decode_real_speech_sent_as_webm_opus_like_a_browser_recording() throws Exception {
        Path wav = AudioTestSupport.POCKETSPHINX.resolve("librivox/sense_and_sensibility_01_austen_64kb-0880.wav");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(wav),
                "pocketsphinx-testdata is not installed (Debian package; .ci/run installs it)");
        Path webm = tmp.resolve("speech.webm");
        ffmpeg("-i", wav.toString(), "-c:a", "libopus", "-b:a", "32k", "-f", "webm", webm.toString());
        float[] original = WavCodec.decode(Files.readAllBytes(wav)).samples();

        AudioClip clip = decodeFile(webm);

        assertThat(clip.durationSeconds()).isCloseTo(original.length / 16000.0, within(0.030));
        // A perceptual codec does not keep the waveform, but it keeps where the speech is: compare 20 ms energies.
        assertThat(envelopeCorrelation(original, clip.samples())).isGreaterThan(0.95);
    }

    // ---- bad input ------------------------------------------------------------------------------------------------

    @Test
    void should_reject_non_audio_and_empty_input_without_starting_ffmpeg() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
        byte[] text = "{\"hello\": \"world\"}".getBytes();
        byte[] random = new byte[10_000];
        new Random(1).nextBytes(random);

        for (byte[] input : List.of(png, text, random)) {
            assertProblem(() -> MISSING.decode(new ByteArrayInputStream(input), DecodeLimits.none(), 16000),
                    Problem.NOT_AUDIO);
        }
        assertProblem(() -> MISSING.decode(new ByteArrayInputStream(new byte[0]), DecodeLimits.none(), 16000),
                Problem.EMPTY);
    }

    @Test
    void should_name_the_debian_package_when_ffmpeg_is_missing() {
        byte[] mp3 = AudioTestSupport.concat(AudioTestSupport.ascii("ID3"), new byte[100]);

        assertThat(MISSING.isAvailable()).isFalse();
        assertThatThrownBy(() -> MISSING.decode(new ByteArrayInputStream(mp3), DecodeLimits.none(), 16000))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apt-get install ffmpeg");
        assertThatThrownBy(() -> MISSING.encode(new AudioClip(new float[10], 16000), OutputFormat.MP3))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Debian package ffmpeg");
    }

    @Test
    void should_map_ffmpeg_errors_to_problems() throws Exception {
        // given: garbage behind an Ogg magic, an M4A cut before its index, and a video without audio
        byte[] garbageOgg = AudioTestSupport.concat(AudioTestSupport.ascii("OggS"), randomBytes(3000));
        Path m4a = tmp.resolve("long.m4a");
        ffmpeg("-f", "lavfi", "-i", "sine=f=440:d=5", "-c:a", "aac", "-f", "ipod", m4a.toString());
        byte[] cutM4a = Arrays.copyOf(Files.readAllBytes(m4a), 20_000);
        Path video = tmp.resolve("video.mp4");
        ffmpeg("-f", "lavfi", "-i", "testsrc=d=0.5:s=64x64", "-c:v", "mpeg4", "-f", "mp4", video.toString());

        // then
        assertProblem(() -> decodeBytes(garbageOgg), Problem.NOT_AUDIO);
        assertProblem(() -> decodeBytes(cutM4a), Problem.TRUNCATED);
        assertProblem(() -> decodeBytes(Files.readAllBytes(video)), Problem.NOT_AUDIO);
    }

    @Test
    void should_map_ffmpeg_codec_complaints_to_unsupported_codec() {
        assertThat(FfmpegCodec.decodeFailure("Decoder (codec atrac9) not found for input stream #0:0", null, 1)
                .problem()).isEqualTo(Problem.UNSUPPORTED_CODEC);
        assertThat(FfmpegCodec.decodeFailure("pipe:0: Invalid data found when processing input", null, 1)
                .getMessage()).isEqualTo("The audio could not be decoded: Invalid data found when processing input");
    }

    // ---- limits and streaming -------------------------------------------------------------------------------------

    @Test
    void should_stop_with_too_long_as_soon_as_the_decoded_audio_passes_the_limit() {
        Path flac = tmp.resolve("ten-seconds.flac");
        ffmpeg("-f", "lavfi", "-i", "sine=f=440:d=10:sample_rate=16000", "-c:a", "flac", flac.toString());
        AtomicLong delivered = new AtomicLong();

        assertProblem(() -> codec.stream(Files.newInputStream(flac), new DecodeLimits(Long.MAX_VALUE, 2.0), 16000,
                1600, chunk -> delivered.addAndGet(chunk.length)), Problem.TOO_LONG);
        assertThat(delivered.get()).isLessThanOrEqualTo(2 * 16000);
    }

    @Test
    void should_stop_with_too_large_when_the_input_passes_the_byte_limit() throws Exception {
        Path mp3 = tmp.resolve("tone.mp3");
        ffmpeg("-f", "lavfi", "-i", "sine=f=440:d=5", "-c:a", "libmp3lame", mp3.toString());
        Path m4a = tmp.resolve("tone.m4a");
        ffmpeg("-f", "lavfi", "-i", "sine=f=440:d=5", "-c:a", "aac", "-f", "ipod", m4a.toString());

        for (Path file : List.of(mp3, m4a)) {
            long size = Files.size(file);
            DecodeLimits limits = new DecodeLimits(size - 1, Double.POSITIVE_INFINITY);

            assertProblem(() -> codec.decode(Files.newInputStream(file), limits, 16000), Problem.TOO_LARGE);
            assertThat(codec.decode(Files.newInputStream(file), new DecodeLimits(size, 60), 16000).samples())
                    .isNotEmpty();
        }
    }

    @Test
    void should_stop_a_stalled_ffmpeg_after_the_timeout() throws Exception {
        Path fake = tmp.resolve("stalling-ffmpeg");
        Files.writeString(fake, "#!/bin/sh\nexec sleep 30\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        FfmpegCodec stalling = new FfmpegCodec(fake.toString(), Duration.ofMillis(300));
        byte[] mp3 = AudioTestSupport.concat(AudioTestSupport.ascii("ID3"), new byte[100]);
        long start = System.nanoTime();

        assertThatThrownBy(() -> stalling.decode(new ByteArrayInputStream(mp3), DecodeLimits.none(), 16000))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(InterruptedIOException.class)
                .hasMessageContaining("300 ms");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
    }

    @Test
    void should_stream_ten_minutes_in_bounded_chunks_without_holding_the_input() {
        // given: 10 minutes of 16 kHz WAV generated as it is read (19 MB never materialised)
        long frames = 10 * 60 * 16000L;
        InputStream wav = AudioTestSupport.patternWav(16000, frames);
        AtomicLong total = new AtomicLong();
        AtomicLong wrongSize = new AtomicLong();
        AtomicLong mismatches = new AtomicLong();

        // when
        codec.stream(wav, DecodeLimits.none(), 16000, 16000, chunk -> {
            if (chunk.length != 16000) {
                wrongSize.incrementAndGet();
            }
            for (int i = 0; i < chunk.length; i += 997) {
                if (chunk[i] != AudioTestSupport.patternSample(total.get() + i) / 32768f) {
                    mismatches.incrementAndGet();
                }
            }
            total.addAndGet(chunk.length);
        });

        // then
        assertThat(total.get()).isEqualTo(frames);
        assertThat(wrongSize.get()).isZero();
        assertThat(mismatches.get()).isZero();
    }

    private AudioClip decodeFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return codec.decode(in, new DecodeLimits(50_000_000, 600), 16000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private AudioClip decodeBytes(byte[] bytes) {
        return codec.decode(new ByteArrayInputStream(bytes), new DecodeLimits(50_000_000, 600), 16000);
    }

    private Path toneWav() throws IOException {
        Path source = tmp.resolve("tone.wav");
        Files.write(source, WavCodec.encode(new AudioClip(AudioTestSupport.sine(TONE_HZ, TONE_RATE, TONE_SECONDS, 0.5),
                TONE_RATE), 16));
        return source;
    }

    /** Pearson correlation of the 20 ms log-energies (16 kHz) of two signals. */
    static double envelopeCorrelation(float[] a, float[] b) {
        int frames = Math.min(a.length, b.length) / 320;
        double[] x = new double[frames];
        double[] y = new double[frames];
        for (int f = 0; f < frames; f++) {
            x[f] = Math.log10(1e-6 + AudioTestSupport.rms(a, f * 320, f * 320 + 320));
            y[f] = Math.log10(1e-6 + AudioTestSupport.rms(b, f * 320, f * 320 + 320));
        }
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int f = 0; f < frames; f++) {
            sxy += (x[f] - mx) * (y[f] - my);
            sxx += (x[f] - mx) * (x[f] - mx);
            syy += (y[f] - my) * (y[f] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(3).nextBytes(b);
        return b;
    }

    interface Action {
        void run() throws Exception;
    }

    static void assertProblem(Action action, Problem problem) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(AudioFormatException.class,
                e -> assertThat(e.problem()).as(e.getMessage()).isEqualTo(problem));
    }
}
