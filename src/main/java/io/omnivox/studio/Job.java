package io.omnivox.studio;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A studio job: its owner, its kind (which {@link JobRunner} renders it), the request as JSON, where it is and how far
 * it got. Progress is counted in segments; the segments themselves are {@link JobSegment} rows.
 */
@org.hibernate.annotations.DynamicUpdate // only changed columns: several places change a row at once
@Entity
@Table(name = "jobs")
public class Job {

    @Id
    private UUID id;

    @Column(name = "owner_id", nullable = false)
    private UUID ownerId;

    @Column(nullable = false, length = 16)
    private String kind;

    @Column(nullable = false, length = 16)
    private JobState state;

    @Column(nullable = false)
    private String input;

    @Column(length = 64)
    private String stage;

    @Column(nullable = false)
    private int segments;

    @Column(name = "done_segments", nullable = false)
    private int doneSegments;

    @Column
    private String error;

    @Column(name = "cancel_requested", nullable = false)
    private boolean cancelRequested;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "approved_at")
    private Instant approvedAt;

    /** The replica that claimed the job last ({@code omnivox.replica-id}); kept after the job ends, for the record. */
    @Column(name = "claimed_by", length = 128)
    private String claimedBy;

    /** Until when the claim holds unless renewed; null when nobody holds the job (see {@link JobRepository#claim}). */
    @Column(name = "lease_until")
    private Instant leaseUntil;

    protected Job() {
        // for Hibernate
    }

    public Job(UUID ownerId, String kind, String input, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.ownerId = ownerId;
        this.kind = kind;
        this.input = input;
        this.state = JobState.QUEUED;
        this.stage = "queued";
        this.createdAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public UUID ownerId() {
        return ownerId;
    }

    public String kind() {
        return kind;
    }

    public JobState state() {
        return state;
    }

    public String input() {
        return input;
    }

    public String stage() {
        return stage;
    }

    public int segments() {
        return segments;
    }

    public int doneSegments() {
        return doneSegments;
    }

    public String error() {
        return error;
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    /** When the owner approved the reviewed plan; null for a job not (yet) approved. */
    public Instant approvedAt() {
        return approvedAt;
    }

    /** The replica that claimed the job last, or null for a job never claimed. */
    public String claimedBy() {
        return claimedBy;
    }

    /** Until when the current claim holds; null when no replica holds the job. */
    public Instant leaseUntil() {
        return leaseUntil;
    }

    void start(Instant now) {
        state = JobState.RUNNING;
        error = null;
        if (startedAt == null) {
            startedAt = now;
        }
    }

    void stage(String stage) {
        this.stage = stage;
    }

    void progress(int done, int total) {
        this.doneSegments = done;
        this.segments = total;
    }

    void requestCancel() {
        cancelRequested = true;
    }

    void queueAgain() {
        state = JobState.QUEUED;
        stage = "queued";
        error = null;
        cancelRequested = false;
        finishedAt = null;
        leaseUntil = null;
    }

    void awaitReview() {
        state = JobState.AWAITING_REVIEW;
        stage = "waiting for review";
        leaseUntil = null;
    }

    void approve(Instant now) {
        approvedAt = now;
        queueAgain();
    }

    void end(JobState state, String error, Instant now) {
        this.state = state;
        this.error = error;
        this.stage = state.name().toLowerCase(java.util.Locale.ROOT);
        this.finishedAt = now;
        this.leaseUntil = null; // nothing runs it any more
    }
}
