package io.omnivox.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void should_allow_a_burst_up_to_the_limit_then_ask_to_wait() {
        RateLimiter limiter = new RateLimiter(3);

        assertThat(limiter.acquire("a", 0)).isZero();
        assertThat(limiter.acquire("a", 0)).isZero();
        assertThat(limiter.acquire("a", 0)).isZero();
        assertThat(limiter.acquire("a", 0)).as("3 a minute: one token every 20 s").isEqualTo(20);
    }

    @Test
    void should_refill_over_time() {
        RateLimiter limiter = new RateLimiter(60);
        for (int i = 0; i < 60; i++) {
            limiter.acquire("a", 0);
        }

        assertThat(limiter.acquire("a", 0)).isPositive();
        assertThat(limiter.acquire("a", SECOND)).isZero();
    }

    @Test
    void should_count_clients_separately() {
        RateLimiter limiter = new RateLimiter(1);

        assertThat(limiter.acquire("a", 0)).isZero();
        assertThat(limiter.acquire("b", 0)).isZero();
        assertThat(limiter.acquire("a", 0)).isPositive();
    }
}
