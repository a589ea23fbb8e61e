package io.omnivox.studio;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * One segment of a job's plan: what to render (the runner's own JSON) and, once rendered, the file it went to, its
 * length, how many attempts it took and the quality-control report.
 */
@Entity
@Table(name = "job_segments")
@IdClass(JobSegment.Key.class)
public class JobSegment {

    /** The composite key: a job and a position in its plan. */
    public static class Key implements Serializable {
        private UUID jobId;
        private int position;

        public Key() {
        }

        public Key(UUID jobId, int position) {
            this.jobId = jobId;
            this.position = position;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.jobId.equals(jobId) && key.position == position;
        }

        @Override
        public int hashCode() {
            return Objects.hash(jobId, position);
        }
    }

    @Id
    @Column(name = "job_id")
    private UUID jobId;

    @Id
    private int position;

    @Column(nullable = false)
    private String spec;

    @Column(nullable = false, length = 16)
    private SegmentState state;

    @Column(name = "file_name")
    private String fileName;

    @Column(name = "duration_ms")
    private Long durationMs;

    @Column(nullable = false)
    private int attempts;

    @Column
    private String report;

    @Column(name = "rendered_at")
    private Instant renderedAt;

    protected JobSegment() {
        // for Hibernate
    }

    public JobSegment(UUID jobId, int position, String spec) {
        this.jobId = jobId;
        this.position = position;
        this.spec = spec;
        this.state = SegmentState.PENDING;
    }

    public UUID jobId() {
        return jobId;
    }

    public int position() {
        return position;
    }

    public String spec() {
        return spec;
    }

    public SegmentState state() {
        return state;
    }

    public String fileName() {
        return fileName;
    }

    public Long durationMs() {
        return durationMs;
    }

    public int attempts() {
        return attempts;
    }

    public String report() {
        return report;
    }

    public Instant renderedAt() {
        return renderedAt;
    }

    void rendered(SegmentState state, String fileName, long durationMs, int attempts, String report, Instant now) {
        this.state = state;
        this.fileName = fileName;
        this.durationMs = durationMs;
        this.attempts = this.attempts + attempts;
        this.report = report;
        this.renderedAt = now;
    }

    void renderAgain(String spec) {
        this.spec = spec == null ? this.spec : spec;
        this.state = SegmentState.PENDING;
    }
}
