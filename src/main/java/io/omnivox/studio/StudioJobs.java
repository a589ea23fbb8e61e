package io.omnivox.studio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;

import org.jboss.logging.Logger;

import io.omnivox.persistence.Replica;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;

/**
 * Runs studio jobs ({@link JobRunner}s) in the background, a few at a time, and checkpoints them in the database: the
 * plan before rendering, each segment once its file is in place (written to a temporary file, then moved atomically),
 * the downloads at the end. Each database change is its own short transaction; none stays open while rendering.
 * <p>
 * Several replicas may share the database. A replica runs only jobs it has {@link JobRepository#claim claimed}: it
 * polls for queued jobs ({@link StudioConfig#pollInterval()}, and at once for a job created, retried or approved here)
 * while it has a free worker, and renews a lease on each job it runs ({@link StudioConfig#lease()}). A job whose
 * replica died (its lease passed) or stopped (it handed its jobs back) is claimed by the next replica that polls, and
 * renders only the segments not yet recorded; a replica that finds a job claimed away from it stops that job without
 * recording anything more.
 * <p>
 * A job whose input JSON says {@code "review": true} stops after planning, {@link JobState#AWAITING_REVIEW awaiting
 * review}: its plan can be edited ({@link #rerender} only changes the specs then) until its owner {@link #approve
 * approves} it, which queues the rendering. Such a job holds no worker and is not queued again at startup.
 */
@ApplicationScoped
public class StudioJobs {

    private static final Logger LOG = Logger.getLogger(StudioJobs.class);
    /** Longest error kept: enough for a message, not for a stack trace. */
    private static final int MAX_ERROR = 1000;

    private final JobRepository jobs;
    private final JobEvents events;
    private final StudioConfig config;
    private final Map<String, JobRunner> runners;
    private final ExecutorService workers;
    /** Claims, lease renewals and polls, one at a time, so the count of running jobs needs no lock. */
    private final ScheduledExecutorService claims;
    private final String replica;
    /** The jobs this replica has claimed and not yet finished; at most {@link StudioConfig#workers()}. */
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean started = new AtomicBoolean();
    /** Set while stopping: a job interrupted then is handed back, not failed. */
    private volatile boolean stopping;

    @Inject
    public StudioJobs(JobRepository jobs, JobEvents events, StudioConfig config, Instance<JobRunner> runners,
            Replica replica) {
        this(jobs, events, config, runners.stream().toList(), replica.id());
    }

    /** A replica named {@code replica} with these runners (tests run two in one process). */
    StudioJobs(JobRepository jobs, JobEvents events, StudioConfig config, List<JobRunner> runners, String replica) {
        this.jobs = jobs;
        this.events = events;
        this.config = config;
        this.replica = replica;
        this.runners = runners.stream().collect(Collectors.toMap(JobRunner::kind, Function.identity()));
        this.workers = Executors.newFixedThreadPool(Math.max(1, config.workers()), Thread.ofPlatform()
                .name("studio-job-", 0).daemon().factory());
        this.claims = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("studio-claims").daemon()
                .factory());
    }

    /**
     * Starts polling for jobs (queued ones, and those a stopped or dead replica left running), which also resumes the
     * jobs this replica's previous run was cut off in, once their lease passes. Called again, it polls at once.
     */
    void onStart(@Observes StartupEvent event) {
        if (started.compareAndSet(false, true)) {
            long poll = Math.max(10, config.pollInterval().toMillis());
            long renew = Math.max(10, config.lease().toMillis() / 3);
            claims.scheduleWithFixedDelay(this::claimWhileFree, 0, poll, TimeUnit.MILLISECONDS);
            claims.scheduleWithFixedDelay(this::renewLeases, renew, renew, TimeUnit.MILLISECONDS);
        } else {
            poll();
        }
    }

    /** Stops the workers and hands their jobs back, for another replica (or the next start) to resume at once. */
    @PreDestroy
    void stop() {
        stopping = true;
        Set<UUID> unfinished = Set.copyOf(running);
        claims.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
            claims.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!unfinished.isEmpty()) {
            try {
                int released = QuarkusTransaction.requiringNew().call(() -> jobs.release(replica, unfinished));
                LOG.infof("Studio: %d running job(s) handed back for another replica to resume", released);
            } catch (RuntimeException e) {
                // the database may be gone first at shutdown: the lease then passes on its own
                LOG.warnf("Studio: could not hand %d running job(s) back (%s); they resume once their lease passes",
                        unfinished.size(), e.getMessage());
            }
        }
    }

    /** The job kinds this server can make. */
    public Set<String> kinds() {
        return runners.keySet();
    }

    /**
     * Queues a new job of {@code kind} with its request.
     *
     * @throws ClientErrorException 429 when the owner already has {@link StudioConfig#maxActivePerUser()} jobs going
     */
    public JobView create(UUID owner, String kind, String input) {
        return create(owner, kind, input, directory -> {
        });
    }

    /**
     * Queues a new job whose files {@code prepare} first puts in its directory (an uploaded book); a job whose files
     * cannot be put in place is not queued, and removed.
     */
    public JobView create(UUID owner, String kind, String input, java.util.function.Consumer<Path> prepare) {
        if (!runners.containsKey(kind)) {
            throw new IllegalArgumentException("no runner for job kind " + kind);
        }
        Job job = QuarkusTransaction.requiringNew().call(() -> {
            // a job awaiting review counts: its files are kept and it can be approved at any time
            long active = jobs.count("ownerId = ?1 and state in ?2", owner, List.of(JobState.QUEUED,
                    JobState.RUNNING, JobState.AWAITING_REVIEW));
            if (active >= config.maxActivePerUser()) {
                throw new ClientErrorException("You have " + active + " studio jobs queued, running or awaiting"
                        + " review; the limit is " + config.maxActivePerUser() + ". Wait for one to finish or cancel"
                        + " one.", 429);
            }
            Job created = new Job(owner, kind, input, Instant.now());
            jobs.persist(created);
            return created;
        });
        try {
            prepare.accept(Files.createDirectories(directory(job.id())));
        } catch (IOException | RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> jobs.deleteById(job.id()));
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        enqueue(job.id());
        return view(job.id());
    }

    public List<JobView> list(UUID owner) {
        return QuarkusTransaction.requiringNew().call(() -> jobs.listByOwner(owner).stream()
                .map(job -> view(job)).toList());
    }

    /** The owner's job, or 404. */
    public JobView get(UUID owner, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> view(owned(owner, id)));
    }

    /** The owner's job's request, as the JSON it was created with; 404 for another's. */
    public String input(UUID owner, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> owned(owner, id).input());
    }

    /** The job's segments, in order. */
    public List<JobSegment> segments(UUID owner, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            owned(owner, id);
            return jobs.segments(id);
        });
    }

    /** Progress as it happens, until the job ends. */
    public Multi<JobView> follow(UUID owner, UUID id) {
        get(owner, id); // 404 before the stream starts
        return events.follow(id, () -> QuarkusTransaction.requiringNew().call(() -> view(jobs.findById(id))));
    }

    /**
     * A queued job or one awaiting review is cancelled at once; a running one stops before its next segment. 409 once
     * it has ended.
     */
    public JobView cancel(UUID owner, UUID id) {
        JobView view = QuarkusTransaction.requiringNew().call(() -> {
            Job job = owned(owner, id);
            if (job.state().ended()) {
                throw new ClientErrorException("The job has already " + job.state().name().toLowerCase() + ".", 409);
            }
            job.requestCancel();
            if (job.state() == JobState.QUEUED || job.state() == JobState.AWAITING_REVIEW) {
                job.end(JobState.CANCELLED, null, Instant.now());
            }
            return view(job);
        });
        events.publish(view);
        return view;
    }

    /** Runs a failed or cancelled job again from where it stopped. 409 for a job that has not ended or succeeded. */
    public JobView retry(UUID owner, UUID id) {
        QuarkusTransaction.requiringNew().run(() -> {
            Job job = owned(owner, id);
            if (job.state() != JobState.FAILED && job.state() != JobState.CANCELLED) {
                throw new ClientErrorException("Only a failed or cancelled job can be retried; this one is "
                        + job.state().name().toLowerCase() + ".", 409);
            }
            job.queueAgain();
        });
        enqueue(id);
        return get(owner, id);
    }

    /**
     * Queues a job awaiting review for rendering, with its plan as it stands now (edited or not). 409 for a job that
     * is not awaiting review.
     */
    public JobView approve(UUID owner, UUID id) {
        QuarkusTransaction.requiringNew().run(() -> {
            Job job = owned(owner, id);
            if (job.state() != JobState.AWAITING_REVIEW) {
                throw new ClientErrorException("Only a job awaiting review can be approved; this one is "
                        + job.state().name().toLowerCase(java.util.Locale.ROOT) + ".", 409);
            }
            job.approve(Instant.now());
        });
        publish(id);
        enqueue(id);
        return get(owner, id);
    }

    /**
     * Renders one segment again (with a new spec when given, e.g. an edited line) and rebuilds the downloads; the
     * other segments are kept. 409 while the job runs; 404 for a position outside the plan. A job awaiting review
     * only takes the new spec (see {@link #rerender(UUID, UUID, Map)}).
     */
    public JobView rerender(UUID owner, UUID id, int position, String spec) {
        java.util.Map<Integer, String> one = new java.util.HashMap<>();
        one.put(position, spec);
        return rerender(owner, id, one);
    }

    /**
     * Renders several segments again, each with its new spec (null keeps the old one), and rebuilds the downloads;
     * the other segments are kept. 409 while the job runs; 404 for a position outside the plan. A job awaiting review
     * has rendered nothing yet: its specs change and it keeps awaiting review (nothing is queued).
     */
    public JobView rerender(UUID owner, UUID id, Map<Integer, String> specs) {
        return rerender(owner, id, specs, () -> {
        });
    }

    /**
     * The same, with {@code prepare} run once the job is known to accept the change and before any segment is marked
     * (e.g. saving the edited script the new specs come from), so nothing is written for a job that refuses it.
     */
    public JobView rerender(UUID owner, UUID id, Map<Integer, String> specs, Runnable prepare) {
        boolean queue = QuarkusTransaction.requiringNew().call(() -> {
            Job job = owned(owner, id);
            boolean reviewing = job.state() == JobState.AWAITING_REVIEW;
            if (!job.state().ended() && !reviewing) {
                throw new ClientErrorException("The job is " + job.state().name().toLowerCase(java.util.Locale.ROOT)
                        + "; a segment can be rendered again once it has ended.", 409);
            }
            if (reviewing && specs.values().stream().allMatch(java.util.Objects::isNull)) {
                throw new ClientErrorException("The job is awaiting review and has rendered nothing yet; approve it"
                        + " to render its segments.", 409);
            }
            prepare.run();
            specs.forEach((position, spec) -> jobs.segment(id, position).orElseThrow(() -> new NotFoundException(
                    "The job has no segment " + position + "; its segments are 0 to " + (job.segments() - 1) + "."))
                    .renderAgain(spec));
            if (!reviewing) {
                job.queueAgain();
            }
            return !reviewing;
        });
        if (queue) {
            enqueue(id);
        }
        return get(owner, id);
    }

    /** The directory of the owner's job (its plan and working files); 404 for another's. */
    public Path directory(UUID owner, UUID id) {
        QuarkusTransaction.requiringNew().run(() -> owned(owner, id));
        return directory(id);
    }

    /** A download of the owner's job: the file and what it is; 404 when there is none by that name. */
    public Download artifact(UUID owner, UUID id, String name) {
        return QuarkusTransaction.requiringNew().call(() -> {
            owned(owner, id);
            JobArtifact artifact = jobs.artifacts(id).stream().filter(a -> a.name().equals(name)).findFirst()
                    .orElseThrow(() -> new NotFoundException("The job has no download named '" + name + "'."));
            return new Download(directory(id).resolve(artifact.name()), artifact.contentType());
        });
    }

    /** A job's file to send. */
    public record Download(Path file, String contentType) {
    }

    // --- running ------------------------------------------------------------------------------------------------

    /** A job was queued here: claim it now (this replica or another, whichever polls first, runs it). */
    private void enqueue(UUID id) {
        poll();
    }

    private void poll() {
        try {
            claims.execute(this::claimWhileFree);
        } catch (RejectedExecutionException e) {
            // stopping: the job stays queued for another replica, or the next start
        }
    }

    /** Claims jobs while a worker is free. Runs on the claims thread only. */
    private void claimWhileFree() {
        try {
            while (running.size() < Math.max(1, config.workers())) {
                Instant now = Instant.now();
                Optional<UUID> claimed = QuarkusTransaction.requiringNew().call(() -> jobs.claim(replica,
                        runners.keySet(), now, now.plus(config.lease())));
                if (claimed.isEmpty()) {
                    return;
                }
                UUID id = claimed.get();
                LOG.infof("Studio job %s claimed by replica %s", id, replica);
                running.add(id);
                workers.execute(() -> {
                    try {
                        run(id);
                    } finally {
                        running.remove(id);
                        poll(); // a worker is free: take the next job without waiting for the poll
                    }
                });
            }
        } catch (RejectedExecutionException e) {
            // stopping
        } catch (RuntimeException e) {
            // the database may be away for a moment; the next poll tries again
            LOG.warnf("Studio: could not look for jobs to claim (%s)", e.getMessage());
        }
    }

    /** Renews the lease on this replica's running jobs. Runs on the claims thread only. */
    private void renewLeases() {
        Set<UUID> mine = Set.copyOf(running);
        if (mine.isEmpty()) {
            return;
        }
        try {
            int held = QuarkusTransaction.requiringNew().call(() -> jobs.renew(replica, mine,
                    Instant.now().plus(config.lease())));
            if (held < mine.size()) {
                LOG.warnf("Studio: %d of %d running job(s) were claimed by another replica (their lease passed);"
                        + " they stop here before their next segment", mine.size() - held, mine.size());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Studio: could not renew the lease on %d running job(s) (%s)", mine.size(), e.getMessage());
        }
    }

    /** Runs a job this replica has claimed (it is running, held by this replica). */
    private void run(UUID id) {
        Job job = QuarkusTransaction.requiringNew().call(() -> {
            Job found = jobs.findById(id);
            if (found == null || found.state().ended() || !replica.equals(found.claimedBy())) {
                return null;
            }
            if (found.cancelRequested()) {
                found.end(JobState.CANCELLED, null, Instant.now());
                return null;
            }
            found.start(Instant.now());
            return found;
        });
        if (job == null) {
            publish(id);
            return;
        }
        JobRunner runner = runners.get(job.kind());
        if (runner == null) {
            end(id, JobState.FAILED, "This server cannot make " + job.kind() + " jobs (any more).");
            return;
        }
        Context context = new Context(id, job.ownerId(), job.input(), directory(id));
        try {
            Files.createDirectories(context.directory());
            List<JobSegment> plan = plan(runner, context);
            if (plan == null) {
                end(id, JobState.CANCELLED, null);
            } else if (job.approvedAt() == null && reviewAsked(job.input())) {
                awaitReview(id);
            } else if (render(runner, context, plan)) {
                assemble(runner, context);
            }
        } catch (RuntimeException | IOException | LinkageError e) {
            if (stopping) {
                // interrupted by the stop: what it recorded stays, and the job resumes elsewhere or at the next start
                LOG.infof("Studio job %s interrupted by the stop (%s); it will resume", id, message(e));
                return;
            }
            LOG.warnf(e, "Studio job %s failed", id);
            end(id, JobState.FAILED, message(e));
        }
    }

    /** The stored plan, or a new one from the runner (stored before anything is rendered). */
    private List<JobSegment> plan(JobRunner runner, Context context) {
        List<JobSegment> stored = QuarkusTransaction.requiringNew().call(() -> jobs.segments(context.id()));
        if (!stored.isEmpty()) {
            return stored;
        }
        context.stage("planning");
        List<String> specs = runner.plan(context);
        if (context.cancelled()) {
            return null; // cancelled while planning (planning can take minutes): nothing stored, retry plans again
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            List<JobSegment> segments = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                JobSegment segment = new JobSegment(context.id(), i, specs.get(i));
                jobs.persistSegment(segment);
                segments.add(segment);
            }
            jobs.findById(context.id()).progress(0, specs.size());
            return segments;
        });
    }

    /**
     * Whether the request asks for a review before rendering. Checked on every run until approved, so a job cancelled
     * or cut off while awaiting review waits again rather than rendering a plan nobody approved.
     */
    private static boolean reviewAsked(String input) {
        try {
            return StudioFiles.read(input).path("review").asBoolean(false);
        } catch (UncheckedIOException e) {
            return false; // a runner whose input is not JSON has no review option
        }
    }

    /** Stops the job with its plan stored until its owner approves it (or cancels it, even while this runs). */
    private void awaitReview(UUID id) {
        QuarkusTransaction.requiringNew().run(() -> {
            Job job = jobs.findById(id);
            if (job.cancelRequested()) {
                job.end(JobState.CANCELLED, null, Instant.now());
            } else {
                job.awaitReview();
            }
        });
        publish(id);
    }

    /** Renders the segments not yet rendered, recording each; false when the job was cancelled on the way. */
    private boolean render(JobRunner runner, Context context, List<JobSegment> plan) throws IOException {
        int done = (int) plan.stream().filter(s -> s.state() != SegmentState.PENDING).count();
        for (JobSegment segment : plan) {
            if (segment.state() != SegmentState.PENDING) {
                continue;
            }
            if (context.cancelled()) {
                end(context.id(), JobState.CANCELLED, null);
                return false;
            }
            if (!holds(context.id())) {
                return false;
            }
            context.stage("rendering " + (done + 1) + " of " + plan.size());
            String fileName = String.format(java.util.Locale.ROOT, "segment-%05d.wav", segment.position());
            Path part = context.directory().resolve(fileName + ".part");
            JobRunner.Rendered rendered = runner.render(context, segment.position(), segment.spec(), part);
            Files.move(part, context.directory().resolve(fileName), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            int progress = ++done;
            boolean recorded = QuarkusTransaction.requiringNew().call(() -> {
                if (!jobs.holds(replica, context.id())) {
                    return false;
                }
                jobs.segment(context.id(), segment.position()).orElseThrow().rendered(
                        rendered.flagged() ? SegmentState.FLAGGED : SegmentState.DONE, fileName,
                        rendered.durationMs(), rendered.attempts(), rendered.report(), Instant.now());
                jobs.findById(context.id()).progress(progress, plan.size());
                return true;
            });
            if (!recorded) {
                logLost(context.id());
                return false;
            }
            publish(context.id());
        }
        return true;
    }

    /** Whether this replica still holds the job; a job claimed away (this replica's lease passed) stops here. */
    private boolean holds(UUID id) {
        boolean held = QuarkusTransaction.requiringNew().call(() -> jobs.holds(replica, id));
        if (!held) {
            logLost(id);
        }
        return held;
    }

    private void logLost(UUID id) {
        LOG.warnf("Studio job %s was claimed by another replica after this one's lease passed; it stops here and"
                + " the other replica resumes it", id);
    }

    private void assemble(JobRunner runner, Context context) {
        context.stage("assembling");
        List<JobRunner.SegmentFile> files = QuarkusTransaction.requiringNew().call(() -> jobs.segments(context.id())
                .stream().map(s -> new JobRunner.SegmentFile(s.position(), s.spec(), context.directory()
                        .resolve(s.fileName()), s.durationMs() == null ? 0 : s.durationMs())).toList());
        List<JobRunner.Artifact> artifacts = runner.assemble(context, files);
        Instant now = Instant.now();
        boolean recorded = QuarkusTransaction.requiringNew().call(() -> {
            if (!jobs.holds(replica, context.id())) {
                return false;
            }
            List<JobArtifact> rows = new ArrayList<>();
            for (JobRunner.Artifact a : artifacts) {
                rows.add(new JobArtifact(context.id(), a.file().getFileName().toString(), rows.size(), a.contentType(),
                        size(a.file()), now));
            }
            jobs.replaceArtifacts(context.id(), rows);
            jobs.findById(context.id()).end(JobState.SUCCEEDED, null, now);
            return true;
        });
        if (!recorded) {
            logLost(context.id());
            return;
        }
        publish(context.id());
    }

    /** Ends a job this replica runs; one claimed away meanwhile is left to the replica that holds it now. */
    private void end(UUID id, JobState state, String error) {
        boolean ended = QuarkusTransaction.requiringNew().call(() -> {
            if (!jobs.holds(replica, id)) {
                return false;
            }
            jobs.findById(id).end(state, error, Instant.now());
            return true;
        });
        if (!ended) {
            logLost(id);
            return;
        }
        publish(id);
    }

    private void publish(UUID id) {
        JobView view = QuarkusTransaction.requiringNew().call(() -> {
            Job job = jobs.findById(id);
            return job == null ? null : view(job);
        });
        if (view != null) {
            events.publish(view);
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private Job owned(UUID owner, UUID id) {
        return jobs.findOwned(id, owner).orElseThrow(() -> new NotFoundException("You have no job " + id + "."));
    }

    private JobView view(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> view(jobs.findById(id)));
    }

    private JobView view(Job job) {
        int flagged = (int) jobs.segments(job.id()).stream().filter(s -> s.state() == SegmentState.FLAGGED).count();
        return JobView.of(job, flagged, jobs.artifacts(job.id()));
    }

    private Path directory(UUID id) {
        return config.dir().resolve(id.toString());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String message(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > MAX_ERROR ? message.substring(0, MAX_ERROR) + "…" : message;
    }

    /** What a runner sees of its job; stage and cancellation go through the database. */
    private final class Context implements JobRunner.Context {
        private final UUID id;
        private final UUID owner;
        private final String input;
        private final Path directory;

        Context(UUID id, UUID owner, String input, Path directory) {
            this.id = id;
            this.owner = owner;
            this.input = input;
            this.directory = directory;
        }

        @Override
        public UUID id() {
            return id;
        }

        @Override
        public UUID owner() {
            return owner;
        }

        @Override
        public String input() {
            return input;
        }

        @Override
        public Path directory() {
            return directory;
        }

        @Override
        public void stage(String stage) {
            QuarkusTransaction.requiringNew().run(() -> jobs.findById(id).stage(stage));
            publish(id);
        }

        @Override
        public boolean cancelled() {
            return QuarkusTransaction.requiringNew().call(() -> jobs.findById(id).cancelRequested());
        }
    }
}
