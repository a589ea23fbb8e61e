package io.omnivox.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Compressed replies are encoded while the speech is still being produced. */
class FfmpegStreamEncoderTest {

    private static float[] tone(int samples, int rate) {
        float[] pcm = new float[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (float) (0.4 * Math.sin(2 * Math.PI * 440 * i / rate));
        }
        return pcm;
    }

    @ParameterizedTest
    @EnumSource(value = OutputFormat.class, names = { "MP3", "OPUS", "AAC", "FLAC" })
    void should_encode_chunks_as_they_arrive_into_a_decodable_stream(OutputFormat format) throws Exception {
        assumeTrue(new FfmpegCodec().isAvailable(), "needs Debian's ffmpeg (installed by .ci/run)");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        int rate = 24_000;
        long bytesBeforeLastChunk;

        try (FfmpegStreamEncoder encoder = FfmpegStreamEncoder.start("ffmpeg", format, rate, sink)) {
            for (int i = 0; i < 3; i++) {
                assertThat(encoder.write(tone(rate, rate))).isTrue();
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            synchronized (sink) {
                while (sink.size() == 0 && System.nanoTime() < deadline) {
                    sink.wait(20);
                }
            }
            bytesBeforeLastChunk = sink.size();
            encoder.write(tone(rate, rate));
        }

        assertThat(bytesBeforeLastChunk).as("encoded bytes reached the client before the input ended").isPositive();
        AudioClip decoded = new AudioDecoder().decode(new ByteArrayInputStream(sink.toByteArray()),
                DecodeLimits.none(), 16_000);
        // 4 s in; codecs add priming/padding (AAC in ADTS keeps ~43 ms of priming)
        assertThat(decoded.durationSeconds()).isCloseTo(4.0, within(0.12));
    }
}
