package io.omnivox.api;

import java.util.Optional;

import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.runtime.BlockingOperationControl;
import io.vertx.ext.web.RoutingContext;

/**
 * Holds a {@link WorkLimits} permit around every {@link ModelWork} method, or answers 429 problem+json with
 * {@code Retry-After} when its kind is at capacity and its queue full. The permit is given back when the response has
 * ended or the connection closed: for a streamed answer that is when the stream ends or the client goes away, not
 * when the method returns.
 *
 * <p>Not pre-matching: it needs the matched method. For a blocking method it runs on the worker thread, so waiting in
 * the queue blocks that thread and never the event loop.
 */
public class WorkLimitFilter {

    private final WorkLimits limits;
    private final long retryAfterSeconds;

    public WorkLimitFilter(WorkLimits limits, ApiConfig config) {
        this.limits = limits;
        this.retryAfterSeconds = Math.max(1, (config.capacity().retryAfter().toMillis() + 999) / 1000);
    }

    @ServerRequestFilter
    public Response limit(ResourceInfo resource, RoutingContext context, UriInfo uri) {
        ModelWork work = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(ModelWork.class);
        if (work == null) {
            return null;
        }
        WorkLimiter limiter = limits.of(work.value());
        Optional<WorkLimiter.Permit> permit = limiter.acquire(BlockingOperationControl.isBlockingAllowed());
        if (permit.isPresent()) {
            // called once the response is written or the connection is gone, whichever comes first
            context.addEndHandler(ended -> permit.get().close());
            return null;
        }
        limits.shed(work.value());
        ProblemDetail problem = ProblemDetail.of(429, "at-capacity", "Too Many Requests",
                "The server is at capacity for " + work.value().key() + " (" + limiter.capacity() + " at once, "
                        + limiter.queue() + " waiting); retry in " + retryAfterSeconds + " s.",
                uri.getPath());
        return Response.status(429).type(ProblemDetail.MEDIA_TYPE).header("Retry-After", retryAfterSeconds)
                .entity(problem).build();
    }
}
