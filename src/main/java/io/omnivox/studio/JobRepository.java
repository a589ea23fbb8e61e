package io.omnivox.studio;

import java.time.Instant;
import java.util.Collection;
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
     * Claims the oldest job this replica can run: a queued one, or a running one whose lease has passed or was handed
     * back (its replica died or stopped). The claimed job is running, held by {@code replica} until {@code leaseUntil}.
     * Call in a transaction of its own, committed at once.
     * <p>
     * Safe with several replicas: the candidate row is read {@code FOR UPDATE SKIP LOCKED}, so a replica never waits
     * on, nor takes, a row another is claiming (PostgreSQL; H2 2.x accepts the same clause, though it skips a locked
     * row before the row limit, so it may answer nothing while another claim is in flight: the next poll finds the
     * job). The update then checks the claim condition again, so a job is claimed once even where the lock does not
     * hold.
     *
     * @param kinds the job kinds this replica has runners for; a replica never claims a job it cannot make
     * @return the claimed job's id, or empty when there is nothing to claim (or another replica just took it)
     */
    public Optional<UUID> claim(String replica, Collection<String> kinds, Instant now, Instant leaseUntil) {
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        List<UUID> candidates = getEntityManager().createNativeQuery("""
                select id from jobs
                where kind in (:kinds)
                  and (state = 'queued' or (state = 'running' and (lease_until is null or lease_until < :now)))
                order by created_at, id
                fetch first 1 rows only
                for update skip locked""", UUID.class)
                .setParameter("kinds", kinds).setParameter("now", now).getResultList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        UUID id = candidates.get(0);
        int claimed = update("state = ?1, claimedBy = ?2, leaseUntil = ?3 where id = ?4 and (state = ?5 or (state = ?1"
                + " and (leaseUntil is null or leaseUntil < ?6)))", JobState.RUNNING, replica, leaseUntil, id,
                JobState.QUEUED, now);
        return claimed == 1 ? Optional.of(id) : Optional.empty();
    }

    /**
     * Extends this replica's lease on the jobs it runs; answers how many it still holds (a job another replica has
     * claimed since, after this one's lease passed, is no longer renewed).
     */
    public int renew(String replica, Collection<UUID> running, Instant leaseUntil) {
        return running.isEmpty() ? 0
                : update("leaseUntil = ?1 where id in ?2 and claimedBy = ?3 and state = ?4", leaseUntil, running,
                        replica, JobState.RUNNING);
    }

    /** Hands this replica's running jobs back (a stop): any replica may claim them at once, and resumes them. */
    public int release(String replica, Collection<UUID> running) {
        return running.isEmpty() ? 0
                : update("leaseUntil = null where id in ?1 and claimedBy = ?2 and state = ?3", running, replica,
                        JobState.RUNNING);
    }

    /** Whether {@code replica} still holds the running job, i.e. nobody claimed it since its lease passed. */
    public boolean holds(String replica, UUID id) {
        return count("id = ?1 and claimedBy = ?2 and state = ?3", id, replica, JobState.RUNNING) == 1;
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
