package io.omnivox.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The bulkhead alone: places, the bounded queue, refusals and idempotent release. */
class WorkLimiterTest {

    @Test
    void should_refuse_at_once_when_full_and_no_queue() {
        WorkLimiter limiter = new WorkLimiter(1, 0, Duration.ofSeconds(5));
        Optional<WorkLimiter.Permit> first = limiter.acquire(true);

        assertThat(first).isPresent();
        assertThat(limiter.acquire(true)).isEmpty();
        assertThat(limiter.inFlight()).isEqualTo(1);

        first.get().close();
        first.get().close(); // twice: still one place given back
        assertThat(limiter.inFlight()).isZero();
        assertThat(limiter.acquire(true)).isPresent();
        assertThat(limiter.acquire(true)).isEmpty();
    }

    @Test
    void should_let_one_wait_and_refuse_the_next_when_the_queue_is_full() throws Exception {
        WorkLimiter limiter = new WorkLimiter(1, 1, Duration.ofSeconds(10));
        WorkLimiter.Permit first = limiter.acquire(true).orElseThrow();

        CompletableFuture<Optional<WorkLimiter.Permit>> waiter = CompletableFuture.supplyAsync(() -> limiter.acquire(true));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (limiter.queued() == 0 && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(limiter.queued()).isEqualTo(1);
        assertThat(limiter.acquire(true)).isEmpty(); // the queue holds one
        assertThat(limiter.acquire(false)).isEmpty(); // an event-loop caller never waits

        first.close();
        assertThat(waiter.get(5, TimeUnit.SECONDS)).isPresent();
        assertThat(limiter.queued()).isZero();
        assertThat(limiter.inFlight()).isEqualTo(1);
    }

    @Test
    void should_refuse_a_queued_request_after_the_longest_wait() {
        WorkLimiter limiter = new WorkLimiter(1, 4, Duration.ofMillis(50));
        limiter.acquire(true).orElseThrow();

        long start = System.nanoTime();
        assertThat(limiter.acquire(true)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(40));
        assertThat(limiter.queued()).isZero();
    }
}
