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

/** A file a finished job offers for download (an MP3, an M4B, a transcript), stored in the job's directory. */
@Entity
@Table(name = "job_artifacts")
@IdClass(JobArtifact.Key.class)
public class JobArtifact {

    /** The composite key: a job and a file name. */
    public static class Key implements Serializable {
        private UUID jobId;
        private String name;

        public Key() {
        }

        public Key(UUID jobId, String name) {
            this.jobId = jobId;
            this.name = name;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.jobId.equals(jobId) && key.name.equals(name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(jobId, name);
        }
    }

    @Id
    @Column(name = "job_id")
    private UUID jobId;

    @Id
    private String name;

    @Column(nullable = false)
    private int position;

    @Column(name = "content_type", nullable = false)
    private String contentType;

    @Column(nullable = false)
    private long bytes;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected JobArtifact() {
        // for Hibernate
    }

    public JobArtifact(UUID jobId, String name, int position, String contentType, long bytes, Instant createdAt) {
        this.jobId = jobId;
        this.name = name;
        this.position = position;
        this.contentType = contentType;
        this.bytes = bytes;
        this.createdAt = createdAt;
    }

    public UUID jobId() {
        return jobId;
    }

    public String name() {
        return name;
    }

    public String contentType() {
        return contentType;
    }

    public long bytes() {
        return bytes;
    }
}
