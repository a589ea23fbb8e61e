package io.omnivox.audio;

import static io.omnivox.audio.FfmpegCodecTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

import io.omnivox.audio.AudioFormatException.Problem;

class LimitedInputStreamTest {

    @Test
    void should_read_whole_blocks_when_there_is_no_limit() throws Exception {
        InputStream in = new LimitedInputStream(new ByteArrayInputStream(new byte[100_000]), DecodeLimits.none());

        assertThat(in.read(new byte[65536], 0, 65536)).isEqualTo(65536);
    }

    @Test
    void should_allow_exactly_the_limit_and_fail_on_the_first_byte_past_it() throws Exception {
        DecodeLimits limits = new DecodeLimits(1000, 1);
        InputStream exact = new LimitedInputStream(new ByteArrayInputStream(new byte[1000]), limits);
        InputStream over = new LimitedInputStream(new ByteArrayInputStream(new byte[1001]), limits);

        assertThat(exact.readAllBytes()).hasSize(1000);
        assertThat(over.read(new byte[1000])).isEqualTo(1000);
        assertProblem(() -> over.read(new byte[1000]), Problem.TOO_LARGE);
        assertProblem(() -> new LimitedInputStream(new ByteArrayInputStream(new byte[2000]), limits).skip(1500),
                Problem.TOO_LARGE);
    }
}
