package io.omnivox.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client: {@code capacity} tokens, refilled continuously at {@code capacity} per minute. Buckets
 * idle for long are dropped so a stream of one-off clients cannot grow memory without bound.
 */
final class RateLimiter {

    private static final long NANOS_PER_MINUTE = 60_000_000_000L;
    private static final int MAX_CLIENTS = 100_000;

    private final int capacity;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    RateLimiter(int requestsPerMinute) {
        this.capacity = requestsPerMinute;
    }

    /** Takes one token for {@code client}; returns 0 when allowed, else the seconds to wait before retrying. */
    long acquire(String client, long nowNanos) {
        if (buckets.size() > MAX_CLIENTS) {
            buckets.values().removeIf(b -> nowNanos - b.updated > NANOS_PER_MINUTE);
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(capacity, nowNanos));
        synchronized (bucket) {
            double refill = (nowNanos - bucket.updated) * (double) capacity / NANOS_PER_MINUTE;
            bucket.tokens = Math.min(capacity, bucket.tokens + refill);
            bucket.updated = nowNanos;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            double missing = 1 - bucket.tokens;
            return (long) Math.ceil(missing * 60.0 / capacity);
        }
    }
}
