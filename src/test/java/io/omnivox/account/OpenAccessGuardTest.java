package io.omnivox.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenAccessGuardTest {

    @Test
    void should_count_only_this_machine_as_loopback() {
        assertThat(OpenAccessGuard.isLoopback("127.0.0.1")).isTrue();
        assertThat(OpenAccessGuard.isLoopback("::1")).isTrue();
        assertThat(OpenAccessGuard.isLoopback("localhost")).isTrue();
        assertThat(OpenAccessGuard.isLoopback("0.0.0.0")).as("every interface").isFalse();
        assertThat(OpenAccessGuard.isLoopback("::")).as("every interface").isFalse();
        assertThat(OpenAccessGuard.isLoopback("10.1.2.3")).isFalse();
        assertThat(OpenAccessGuard.isLoopback("")).isFalse();
    }
}
