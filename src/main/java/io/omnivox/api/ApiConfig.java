package io.omnivox.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits applied to every API request. */
@ConfigMapping(prefix = "omnivox.api")
public interface ApiConfig {

    /** Per-client request rate limit. */
    RateLimit rateLimit();

    interface RateLimit {

        /** Turn the limit off only behind a gateway that limits for you. */
        @WithDefault("true")
        boolean enabled();

        /** Requests a client (by remote address) may make per minute; short bursts up to this many are allowed. */
        @WithDefault("600")
        int requestsPerMinute();
    }
}
