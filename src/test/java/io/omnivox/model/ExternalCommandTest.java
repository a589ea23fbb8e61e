package io.omnivox.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The time limit holds even for programs that hang or ignore their input. */
class ExternalCommandTest {

    @Test
    void should_return_standard_output_of_a_program_fed_on_standard_input() {
        byte[] out = ExternalCommand.run("cat", List.of("cat"), "hello".getBytes(StandardCharsets.UTF_8), null,
                Map.of(), Duration.ofSeconds(10), "");

        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void should_stop_a_program_that_hangs_within_the_time_limit() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> ExternalCommand.run("sleep", List.of("sleep", "30"), null, null, Map.of(),
                Duration.ofMillis(300), "")).isInstanceOf(ModelException.class).hasMessageContaining("longer than");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
    }

    @Test
    void should_not_block_on_input_the_program_never_reads() {
        byte[] big = new byte[8 << 20]; // far beyond a pipe buffer

        assertThatThrownBy(() -> ExternalCommand.run("sleep", List.of("sleep", "30"), big, null, Map.of(),
                Duration.ofMillis(300), "")).isInstanceOf(ModelException.class);
    }

    @Test
    void should_name_the_program_and_the_hint_when_it_fails() {
        assertThatThrownBy(() -> ExternalCommand.run("Tool", List.of("false"), null, null, Map.of(),
                Duration.ofSeconds(10), " (install it)"))
                .isInstanceOf(ModelException.class).hasMessage("Tool exited with code 1 (install it)");
    }

    @Test
    void should_pass_extra_environment_variables() {
        byte[] out = ExternalCommand.run("sh", List.of("sh", "-c", "printf %s \"$OMNIVOX_PROBE\""), null, null,
                Map.of("OMNIVOX_PROBE", "seen"), Duration.ofSeconds(10), "");

        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("seen");
    }
}
