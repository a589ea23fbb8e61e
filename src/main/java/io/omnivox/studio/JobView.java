package io.omnivox.studio;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A job as the API shows it: state ({@code queued}, {@code running}, {@code awaiting_review}, {@code succeeded},
 * {@code failed} or {@code cancelled}), progress and downloads.
 */
public record JobView(UUID id, String kind, String state, String stage,
        @JsonProperty("segments_done") int segmentsDone, @JsonProperty("segments_total") int segmentsTotal,
        @JsonProperty("segments_flagged") int segmentsFlagged, double progress, String error,
        @JsonProperty("created_at") Instant createdAt, @JsonProperty("finished_at") Instant finishedAt,
        List<ArtifactView> artifacts) {

    /** A download: its name, media type, size and where to fetch it. */
    public record ArtifactView(String name, @JsonProperty("content_type") String contentType, long bytes,
            String url) {
    }

    static JobView of(Job job, int flagged, List<JobArtifact> artifacts) {
        double progress = job.state() == JobState.SUCCEEDED ? 1.0
                : job.segments() == 0 ? 0.0 : (double) job.doneSegments() / job.segments();
        return new JobView(job.id(), job.kind(), job.state().name().toLowerCase(java.util.Locale.ROOT), job.stage(),
                job.doneSegments(), job.segments(), flagged, progress, job.error(), job.createdAt(),
                job.finishedAt(), artifacts.stream().map(a -> new ArtifactView(a.name(), a.contentType(), a.bytes(),
                        "/api/jobs/" + job.id() + "/artifacts/" + a.name())).toList());
    }

    /** Whether the job waits for its owner to approve its plan: an edit then changes the plan and renders nothing. */
    public boolean awaitingReview() {
        return JobState.valueOf(state.toUpperCase(java.util.Locale.ROOT)) == JobState.AWAITING_REVIEW;
    }

    public boolean ended() {
        return JobState.valueOf(state.toUpperCase(java.util.Locale.ROOT)).ended();
    }
}
