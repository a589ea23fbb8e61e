package io.omnivox.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.omnivox.account.CurrentUser;
import io.omnivox.studio.JobSegment;
import io.omnivox.studio.JobView;
import io.omnivox.studio.StudioJobs;
import io.smallrye.mutiny.Multi;

/**
 * {@code /api/jobs}: the caller's studio jobs (podcasts, audiobooks): state and progress (polled, or followed as
 * server-sent events), approving a job awaiting review, cancel, retry, rendering one segment again, and downloads with
 * HTTP Range. Another user's job
 * is answered 404, exactly like one that does not exist.
 */
@Path("/api/jobs")
@Tag(name = "Studio")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    /** One segment of a job's plan, as listed. */
    public record SegmentView(int position, String state, @JsonProperty("duration_ms") Long durationMs, int attempts,
            String report, @JsonProperty("rendered_at") java.time.Instant renderedAt) {
        static SegmentView of(JobSegment s) {
            return new SegmentView(s.position(), s.state().name().toLowerCase(java.util.Locale.ROOT), s.durationMs(),
                    s.attempts(), s.report(), s.renderedAt());
        }
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    private final StudioJobs jobs;
    private final CurrentUser user;

    public JobsResource(StudioJobs jobs, CurrentUser user) {
        this.jobs = jobs;
        this.user = user;
    }

    @GET
    @Operation(summary = "The caller's studio jobs, newest first")
    public List<JobView> list() {
        return jobs.list(user.id());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One job: state, progress and downloads")
    public JobView get(@PathParam("id") UUID id) {
        return jobs.get(user.id(), id);
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @io.smallrye.common.annotation.Blocking
    @Operation(summary = "The job's state now, then each change, as server-sent events; the stream ends with the job")
    public Multi<JobView> events(@PathParam("id") UUID id) {
        return jobs.follow(user.id(), id);
    }

    @GET
    @Path("/{id}/segments")
    @Operation(summary = "The job's plan: each segment's state, length, attempts and quality-control report")
    public List<SegmentView> segments(@PathParam("id") UUID id) {
        return jobs.segments(user.id(), id).stream().map(SegmentView::of).toList();
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a queued or running job (a running one stops before its next segment)")
    public JobView cancel(@PathParam("id") UUID id) {
        return jobs.cancel(user.id(), id);
    }

    @POST
    @Path("/{id}/approve")
    @Operation(summary = "Approve a job awaiting review: its plan, as edited, is rendered",
            description = "For a job made with 'review': true, which stops after planning in the state "
                    + "'awaiting_review'. 409 for a job in any other state.")
    public JobView approve(@PathParam("id") UUID id) {
        return jobs.approve(user.id(), id);
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Run a failed or cancelled job again from where it stopped")
    public JobView retry(@PathParam("id") UUID id) {
        return jobs.retry(user.id(), id);
    }

    @POST
    @Path("/{id}/segments/{position}/render")
    @Operation(summary = "Render one segment again and rebuild the downloads, keeping every other segment")
    public Response rerender(@PathParam("id") UUID id, @PathParam("position") int position) {
        return Response.accepted(jobs.rerender(user.id(), id, position, null)).build();
    }

    @GET
    @Path("/{id}/artifacts/{name}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Download one of the job's files; a Range header gets that part (206)")
    public Response artifact(@PathParam("id") UUID id, @PathParam("name") String name,
            @HeaderParam("Range") String range) throws IOException {
        StudioJobs.Download download = jobs.artifact(user.id(), id, name);
        if (!Files.isRegularFile(download.file())) {
            throw new NotFoundException("The job's file '" + name + "' is missing on the server.");
        }
        long size = Files.size(download.file());
        Response.ResponseBuilder response;
        long start = 0;
        long length = size;
        Matcher matcher = range == null ? null : RANGE.matcher(range.strip());
        if (matcher != null && matcher.matches() && !(matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            long[] span = span(matcher, size);
            if (span == null) {
                throw new jakarta.ws.rs.ClientErrorException(Response.status(416)
                        .header("Content-Range", "bytes */" + size).build());
            }
            start = span[0];
            length = span[1] - span[0] + 1;
            response = Response.status(206).header("Content-Range", "bytes " + span[0] + "-" + span[1] + "/" + size);
        } else {
            response = Response.ok();
        }
        long from = start;
        long count = length;
        StreamingOutput body = out -> copy(download.file(), from, count, out);
        return response.entity(body).type(download.contentType()).header("Accept-Ranges", "bytes")
                .header("Content-Length", count)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    /** The first and last byte a single range asks for, or null when it lies outside the file. */
    private static long[] span(Matcher matcher, long size) {
        String first = matcher.group(1);
        String last = matcher.group(2);
        if (first.isEmpty()) { // the last N bytes
            long suffix = Long.parseLong(last);
            return suffix == 0 || size == 0 ? null : new long[] { Math.max(0, size - suffix), size - 1 };
        }
        long start = Long.parseLong(first);
        long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
        return start >= size || end < start ? null : new long[] { start, end };
    }

    private static void copy(java.nio.file.Path file, long from, long count, OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(from);
            byte[] buffer = new byte[64 * 1024];
            long left = count;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    break;
                }
                out.write(buffer, 0, read);
                left -= read;
            }
        }
    }
}
