package io.omnivox.studio;

import static io.omnivox.testkit.KnowledgeFixtures.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.omnivox.audio.AudioClip;
import io.omnivox.audio.WavCodec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Several replicas sharing one database: two {@link StudioJobs} with their own replica ids, workers and pollers run in
 * this process against the test app's database (H2 here, PostgreSQL in {@link PostgresJobClaimsTest}), each claiming
 * through its own transactions and connections. Every job runs exactly once and none is lost; racing claims never
 * take one job twice; a dead replica's job waits for its lease and then resumes elsewhere without rendering finished
 * segments again; a stopping replica hands its job over at once.
 * <p>
 * The jobs here are of kinds only these replicas run ({@link CountingRunner}), so the app's own {@link StudioJobs}
 * never claims them.
 */
@QuarkusTest
class JobClaimsTest {

    @Inject
    JobRepository repository;
    @Inject
    JobEvents events;
    @Inject
    StudioConfig config;

    private final List<StudioJobs> replicas = new ArrayList<>();

    @AfterEach
    void stopReplicas() {
        CountingRunner.gate = new CountDownLatch(0);
        replicas.forEach(StudioJobs::stop);
        replicas.clear();
    }

    /** A replica with three workers, a 50 ms poll and the given lease, running {@code kind} jobs. */
    private StudioJobs replica(String id, String kind, Duration lease) {
        StudioJobs replica = new StudioJobs(repository, events, new Tuned(config, lease), List.of(
                new CountingRunner(kind, id)), id);
        replicas.add(replica);
        return replica;
    }

    @Test
    void should_run_every_job_exactly_once_when_two_replicas_take_work_from_one_database() {
        String kind = "count-" + UUID.randomUUID().toString().substring(0, 8);
        StudioJobs a = replica("replica-a", kind, Duration.ofSeconds(30));
        StudioJobs b = replica("replica-b", kind, Duration.ofSeconds(30));
        a.onStart(null);
        b.onStart(null);
        UUID owner = newUser().id();

        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            // each replica takes requests, as a load balancer would spread them; either may run any job
            created.add((i % 2 == 0 ? a : b).create(owner, kind, "{\"segments\": 3}").id());
        }

        awaitTrue("all 24 jobs to succeed", Duration.ofSeconds(90), () -> created.stream()
                .allMatch(id -> state(id) == JobState.SUCCEEDED));
        for (UUID job : created) {
            for (int position = 0; position < 3; position++) {
                assertThat(CountingRunner.renders(job, position)).as("job %s segment %d rendered", job, position)
                        .isEqualTo(1);
            }
            assertThat(CountingRunner.assembled(job)).as("job %s assembled", job).isEqualTo(1);
            assertThat(CountingRunner.ranBy(job)).as("job %s ran on one replica", job).hasSize(1);
        }
        assertThat(CountingRunner.RUN_BY.entrySet().stream().filter(e -> created.contains(e.getKey()))
                .flatMap(e -> e.getValue().stream()).distinct()).as("both replicas took work")
                .containsExactlyInAnyOrder("replica-a", "replica-b");
    }

    @Test
    void should_claim_each_job_once_when_many_claims_race() throws Exception {
        String kind = "race-" + UUID.randomUUID().toString().substring(0, 8);
        UUID owner = newUser().id();
        int count = 40;
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < count; i++) {
                repository.persist(new Job(owner, kind, "{}", Instant.now()));
            }
        });

        List<UUID> claimed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService claimers = Executors.newFixedThreadPool(8);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (int t = 0; t < 8; t++) {
            String replica = "racer-" + t;
            claimers.execute(() -> {
                // a claim may find nothing while another is in flight (H2 skips the locked row before the limit), so
                // keep trying until every job has been claimed by somebody
                while (claimed.size() < count && System.nanoTime() < deadline) {
                    Instant now = Instant.now();
                    Optional<UUID> one = QuarkusTransaction.requiringNew().call(() -> repository.claim(replica,
                            Set.of(kind), now, now.plusSeconds(60)));
                    one.ifPresent(claimed::add);
                }
            });
        }
        claimers.shutdown();
        assertThat(claimers.awaitTermination(90, TimeUnit.SECONDS)).isTrue();

        assertThat(claimed).as("every job claimed").hasSize(count);
        assertThat(new HashSet<>(claimed)).as("no job claimed twice").hasSize(count);
        // nothing is left to claim while the leases hold
        Instant now = Instant.now();
        assertThat(QuarkusTransaction.requiringNew().call(() -> repository.claim("late", Set.of(kind), now,
                now.plusSeconds(60)))).isEmpty();
    }

    @Test
    void should_resume_a_dead_replicas_job_once_its_lease_passes_without_rendering_finished_segments()
            throws Exception {
        String kind = "lease-" + UUID.randomUUID().toString().substring(0, 8);
        UUID owner = newUser().id();
        Instant leaseEnds = Instant.now().plusSeconds(2);
        // what a replica killed mid-job leaves: planned, two of four segments recorded, running, its lease not renewed
        UUID job = QuarkusTransaction.requiringNew().call(() -> {
            Job cutOff = new Job(owner, kind, "{\"segments\": 4}", Instant.now());
            cutOff.start(Instant.now());
            cutOff.progress(2, 4);
            repository.persist(cutOff);
            for (int i = 0; i < 4; i++) {
                JobSegment segment = new JobSegment(cutOff.id(), i, "{\"n\": " + i + "}");
                if (i < 2) {
                    segment.rendered(SegmentState.DONE, String.format("segment-%05d.wav", i), 100, 1, null,
                            Instant.now());
                }
                repository.persistSegment(segment);
            }
            return cutOff.id();
        });
        QuarkusTransaction.requiringNew().run(() -> repository.update("claimedBy = ?1, leaseUntil = ?2 where id = ?3",
                "dead-replica", leaseEnds, job));
        Path dir = Files.createDirectories(config.dir().resolve(job.toString()));
        Files.write(dir.resolve("segment-00000.wav"), CountingRunner.wav());
        Files.write(dir.resolve("segment-00001.wav"), CountingRunner.wav());

        StudioJobs survivor = replica("survivor", kind, Duration.ofSeconds(30));
        survivor.onStart(null);

        Thread.sleep(500);
        assertThat(Instant.now()).as("checked before the lease passed").isBefore(leaseEnds);
        Job waiting = find(job);
        assertThat(waiting.claimedBy()).as("a live lease is respected").isEqualTo("dead-replica");
        assertThat(CountingRunner.renders(job, 2)).isZero();

        awaitTrue("the job to succeed on the survivor", Duration.ofSeconds(60),
                () -> state(job) == JobState.SUCCEEDED);
        Job done = find(job);
        assertThat(done.claimedBy()).isEqualTo("survivor");
        assertThat(done.leaseUntil()).as("an ended job holds no lease").isNull();
        assertThat(CountingRunner.renders(job, 0)).isZero();
        assertThat(CountingRunner.renders(job, 1)).isZero();
        assertThat(CountingRunner.renders(job, 2)).isEqualTo(1);
        assertThat(CountingRunner.renders(job, 3)).isEqualTo(1);
        assertThat(CountingRunner.assembled(job)).isEqualTo(1);
    }

    @Test
    void should_hand_a_running_job_to_another_replica_when_its_replica_stops() {
        String kind = "hand-" + UUID.randomUUID().toString().substring(0, 8);
        StudioJobs leaving = replica("leaving", kind, Duration.ofSeconds(30));
        leaving.onStart(null);
        CountingRunner.gate = new CountDownLatch(1); // segment 1 and on wait: the job is mid-way when the stop comes
        UUID job = leaving.create(newUser().id(), kind, "{\"segments\": 3, \"gate_at\": 1}").id();
        awaitTrue("the first segment rendered", Duration.ofSeconds(30), () -> find(job).doneSegments() == 1);

        leaving.stop(); // interrupts the waiting render and hands the job back
        Job handedBack = find(job);
        assertThat(handedBack.state()).as("not failed by the stop").isEqualTo(JobState.RUNNING);
        assertThat(handedBack.leaseUntil()).as("free to claim at once").isNull();

        CountingRunner.gate = new CountDownLatch(0);
        StudioJobs staying = replica("staying", kind, Duration.ofSeconds(30));
        staying.onStart(null);
        awaitTrue("the job to succeed on the other replica", Duration.ofSeconds(30),
                () -> state(job) == JobState.SUCCEEDED);
        assertThat(find(job).claimedBy()).isEqualTo("staying");
        assertThat(CountingRunner.renders(job, 0)).as("segment 0 kept").isEqualTo(1);
        assertThat(CountingRunner.renders(job, 2)).isEqualTo(1);
        assertThat(CountingRunner.ranBy(job)).containsExactlyInAnyOrder("leaving", "staying");
    }

    private Job find(UUID job) {
        return QuarkusTransaction.requiringNew().call(() -> repository.findById(job));
    }

    private JobState state(UUID job) {
        return find(job).state();
    }

    private static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** The app's studio settings with three workers, a short poll, a given lease and no per-user limit to speak of. */
    private record Tuned(StudioConfig base, Duration lease) implements StudioConfig {
        @Override
        public Path dir() {
            return base.dir();
        }

        @Override
        public int workers() {
            return 3;
        }

        @Override
        public Duration pollInterval() {
            return Duration.ofMillis(50);
        }

        @Override
        public int maxActivePerUser() {
            return 1000;
        }

        @Override
        public int maxBookCharacters() {
            return base.maxBookCharacters();
        }

        @Override
        public boolean llmAttribution() {
            return base.llmAttribution();
        }

        @Override
        public Duration llmAttributionTimeout() {
            return base.llmAttributionTimeout();
        }

        @Override
        public long maxPodcastSourceBytes() {
            return base.maxPodcastSourceBytes();
        }

        @Override
        public Qc qc() {
            return base.qc();
        }
    }

    /**
     * A job kind that counts what it does: renders per job and position, assemblies per job, and which replicas ran
     * each job. A segment at the input's {@code gate_at} or later waits for {@link #gate}.
     */
    static final class CountingRunner implements JobRunner {
        static final Map<String, AtomicInteger> RENDERS = new ConcurrentHashMap<>();
        static final Map<UUID, AtomicInteger> ASSEMBLED = new ConcurrentHashMap<>();
        static final Map<UUID, Set<String>> RUN_BY = new ConcurrentHashMap<>();
        static volatile CountDownLatch gate = new CountDownLatch(0);

        private final String kind;
        private final String replica;

        CountingRunner(String kind, String replica) {
            this.kind = kind;
            this.replica = replica;
        }

        static int renders(UUID job, int position) {
            return RENDERS.getOrDefault(job + ":" + position, new AtomicInteger()).get();
        }

        static int assembled(UUID job) {
            return ASSEMBLED.getOrDefault(job, new AtomicInteger()).get();
        }

        static Set<String> ranBy(UUID job) {
            return RUN_BY.getOrDefault(job, Set.of());
        }

        static byte[] wav() {
            return WavCodec.encode(new AudioClip(new float[1_600], 16_000), 16);
        }

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public List<String> plan(Context job) {
            int segments = StudioFiles.read(job.input()).path("segments").asInt();
            List<String> specs = new ArrayList<>();
            for (int i = 0; i < segments; i++) {
                specs.add("{\"n\": " + i + "}");
            }
            return specs;
        }

        @Override
        public Rendered render(Context job, int position, String spec, Path target) {
            RUN_BY.computeIfAbsent(job.id(), k -> ConcurrentHashMap.newKeySet()).add(replica);
            int gateAt = StudioFiles.read(job.input()).path("gate_at").asInt(Integer.MAX_VALUE);
            try {
                if (position >= gateAt && !gate.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the gate never opened");
                }
                Thread.sleep(10); // long enough for the other replica's claims to interleave
                Files.write(target, wav());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            RENDERS.computeIfAbsent(job.id() + ":" + position, k -> new AtomicInteger()).incrementAndGet();
            return new Rendered(100, false, 1, null);
        }

        @Override
        public List<Artifact> assemble(Context job, List<SegmentFile> segments) {
            ASSEMBLED.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
            Path file = job.directory().resolve("all.wav");
            try {
                Files.write(file, wav());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return List.of(new Artifact("all.wav", "audio/wav", file));
        }
    }
}
