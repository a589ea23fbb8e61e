package io.omnivox.studio;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Studio jobs, their segments and artifacts. */
@ApplicationScoped
public class JobRepository implements PanacheRepositoryBase<Job, UUID> {

    /** The owner's jobs, newest first. */
    public List<Job> listByOwner(UUID ownerId) {
        return list("ownerId = ?1 order by createdAt desc, id", ownerId);
    }

    public Optional<Job> findOwned(UUID id, UUID ownerId) {
        return find("id = ?1 and ownerId = ?2", id, ownerId).firstResultOptional();
    }

    /**
     * Jobs queued or running (a running one was cut off by a stop), oldest first: what to resume at startup. Jobs
     * awaiting review are not among them: they wait for their owner's approval.
     */
    public List<Job> listUnfinished() {
        return list("state in ?1 order by createdAt, id", List.of(JobState.QUEUED, JobState.RUNNING));
    }

    /** A job's plan, in order. */
    public List<JobSegment> segments(UUID jobId) {
        return getEntityManager().createQuery("from JobSegment where jobId = ?1 order by position", JobSegment.class)
                .setParameter(1, jobId).getResultList();
    }

    public Optional<JobSegment> segment(UUID jobId, int position) {
        return Optional.ofNullable(getEntityManager().find(JobSegment.class, new JobSegment.Key(jobId, position)));
    }

    public void persistSegment(JobSegment segment) {
        getEntityManager().persist(segment);
    }

    public List<JobArtifact> artifacts(UUID jobId) {
        return getEntityManager().createQuery("from JobArtifact where jobId = ?1 order by position", JobArtifact.class)
                .setParameter(1, jobId).getResultList();
    }

    /** Replaces a job's artifacts by {@code artifacts}. */
    public void replaceArtifacts(UUID jobId, List<JobArtifact> artifacts) {
        getEntityManager().createQuery("delete from JobArtifact where jobId = ?1").setParameter(1, jobId)
                .executeUpdate();
        artifacts.forEach(getEntityManager()::persist);
    }
}
