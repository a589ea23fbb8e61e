package io.omnivox.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;

/** Answers 429 problem+json with {@code Retry-After} when a client exceeds the API rate limit. */
public class RateLimitFilter {

    private final ApiConfig config;
    private final RateLimiter limiter;

    public RateLimitFilter(ApiConfig config) {
        this.config = config;
        this.limiter = new RateLimiter(config.rateLimit().requestsPerMinute());
    }

    @ServerRequestFilter(preMatching = true)
    public Response limit(HttpServerRequest request, UriInfo uri) {
        if (!config.rateLimit().enabled()) {
            return null;
        }
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        long wait = limiter.acquire(client, System.nanoTime());
        if (wait == 0) {
            return null;
        }
        ProblemDetail problem = ProblemDetail.of(429, "rate-limited", "Too Many Requests",
                "More than " + config.rateLimit().requestsPerMinute() + " requests a minute from " + client
                        + "; retry in " + wait + " s.",
                uri.getPath());
        return Response.status(429).type(ProblemDetail.MEDIA_TYPE).header("Retry-After", wait).entity(problem).build();
    }
}
