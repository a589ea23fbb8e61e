package io.omnivox.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.omnivox.account.AccountPrincipal;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers 429 problem+json with {@code Retry-After} when a client exceeds the API rate limit. Authenticated requests
 * are counted per user, so that people behind one address (a NAT, a reverse proxy) do not share a limit and one user
 * cannot multiply the limit by creating keys; requests without a key are counted per client address.
 */
public class RateLimitFilter {

    private final ApiConfig config;
    private final RateLimiter limiter;

    public RateLimitFilter(ApiConfig config) {
        this.config = config;
        this.limiter = new RateLimiter(config.rateLimit().requestsPerMinute());
    }

    @ServerRequestFilter(preMatching = true)
    public Response limit(RoutingContext context, UriInfo uri) {
        if (!config.rateLimit().enabled()) {
            return null;
        }
        String client = client(context);
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

    /**
     * The user when the request carries a valid key (authentication runs before this filter), else the remote address.
     */
    static String client(RoutingContext context) {
        if (context.user() instanceof QuarkusHttpUser user) {
            var account = AccountPrincipal.of(user.getSecurityIdentity());
            if (account.isPresent()) {
                return "user " + account.get().name();
            }
        }
        var address = context.request().remoteAddress();
        return address == null ? "unknown" : address.hostAddress();
    }
}
