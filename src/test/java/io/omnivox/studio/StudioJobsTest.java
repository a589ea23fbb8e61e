package io.omnivox.studio;

import static io.omnivox.testkit.DefaultApiKey.withKey;
import static io.omnivox.testkit.KnowledgeFixtures.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.omnivox.testkit.KnowledgeFixtures.TestUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The studio job framework with a test job kind ({@link ToneJobRunner}): plan, segments and downloads checkpointed;
 * progress polled and streamed; cancel, retry and rendering one segment again; resume after a stop without
 * rendering finished segments again; downloads with HTTP Range; another user's job invisible; a job that waits for
 * review after planning, edited, approved or cancelled there.
 */
@QuarkusTest
class StudioJobsTest {

    @Inject
    StudioJobs jobs;
    @Inject
    JobRepository repository;
    @Inject
    StudioConfig config;

    @AfterEach
    void release() {
        ToneJobRunner.hold.countDown();
    }

    private static JsonPath awaitState(TestUser user, UUID job, String state) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonPath view = withKey(user.key()).get("/api/jobs/" + job).then().statusCode(200).extract().jsonPath();
            if (view.getString("state").equals(state)) {
                return view;
            }
            assertThat(System.nanoTime()).as("job %s to be %s; it is %s", job, state, view.prettify())
                    .isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void should_render_every_segment_once_and_offer_the_download_with_ranges() {
        TestUser ada = newUser();
        UUID job = jobs.create(ada.id(), ToneJobRunner.KIND, ToneJobRunner.input(3, -1, -1)).id();

        JsonPath done = awaitState(ada, job, "succeeded");

        assertThat(done.getInt("segments_total")).isEqualTo(3);
        assertThat(done.getInt("segments_done")).isEqualTo(3);
        assertThat(done.getDouble("progress")).isEqualTo(1.0);
        assertThat(done.getString("artifacts[0].name")).isEqualTo("tones.wav");
        for (int i = 0; i < 3; i++) {
            assertThat(ToneJobRunner.renders(job, i)).isEqualTo(1);
        }
        String url = done.getString("artifacts[0].url");
        byte[] whole = withKey(ada.key()).get(url).then().statusCode(200).contentType("audio/wav")
                .header("Accept-Ranges", "bytes").extract().asByteArray();
        assertThat(whole.length).isEqualTo(done.getLong("artifacts[0].bytes")).isGreaterThan(3 * 6_000);
        byte[] head = withKey(ada.key()).header("Range", "bytes=0-99").get(url).then().statusCode(206)
                .header("Content-Range", "bytes 0-99/" + whole.length).extract().asByteArray();
        assertThat(head).isEqualTo(java.util.Arrays.copyOf(whole, 100));
        byte[] tail = withKey(ada.key()).header("Range", "bytes=-10").get(url).then().statusCode(206)
                .extract().asByteArray();
        assertThat(tail).isEqualTo(java.util.Arrays.copyOfRange(whole, whole.length - 10, whole.length));
        withKey(ada.key()).header("Range", "bytes=99999999-").get(url).then().statusCode(416)
                .header("Content-Range", "bytes */" + whole.length);
        withKey(ada.key()).get("/api/jobs/" + job + "/artifacts/nothing.mp3").then().statusCode(404)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"));
        withKey(ada.key()).get("/api/jobs/" + job + "/segments").then().statusCode(200)
                .body("state", org.hamcrest.Matchers.contains("done", "done", "done"));
        // nobody else sees it
        TestUser bob = newUser();
        withKey(bob.key()).get("/api/jobs/" + job).then().statusCode(404);
        withKey(bob.key()).get(url).then().statusCode(404);
        withKey(bob.key()).get("/api/jobs").then().statusCode(200).body("id", org.hamcrest.Matchers.empty());
        withKey(ada.key()).post("/api/jobs/" + job + "/cancel").then().statusCode(409);
    }

    @Test
    void should_stream_progress_until_the_job_ends() throws Exception {
        TestUser ada = newUser();
        ToneJobRunner.hold = new CountDownLatch(1);
        ToneJobRunner.holding = new CountDownLatch(1);
        UUID job = jobs.create(ada.id(), ToneJobRunner.KIND, ToneJobRunner.input(4, -1, 1)).id();
        assertThat(ToneJobRunner.holding.await(30, TimeUnit.SECONDS)).isTrue();

        Thread release = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300); // the stream is open by then
            } catch (InterruptedException e) {
                return;
            }
            ToneJobRunner.hold.countDown();
        });
        String stream = withKey(ada.key()).accept("text/event-stream").get("/api/jobs/" + job + "/events").then()
                .statusCode(200).extract().asString();
        release.join();

        // the state when the stream opened, each segment after it, and the end; then the stream closed
        assertThat(stream).contains("\"segments_done\":1").contains("\"segments_done\":2")
                .contains("\"segments_done\":4");
        assertThat(stream.indexOf("\"segments_done\":2")).isLessThan(stream.indexOf("\"state\":\"succeeded\""));
        assertThat(stream.strip()).endsWith("}");
    }

    @Test
    void should_stop_a_cancelled_job_before_its_next_segment_and_retry_from_there() throws Exception {
        TestUser ada = newUser();
        ToneJobRunner.hold = new CountDownLatch(1);
        ToneJobRunner.holding = new CountDownLatch(1);
        UUID job = jobs.create(ada.id(), ToneJobRunner.KIND, ToneJobRunner.input(4, -1, 1)).id();
        assertThat(ToneJobRunner.holding.await(30, TimeUnit.SECONDS)).isTrue();

        withKey(ada.key()).post("/api/jobs/" + job + "/cancel").then().statusCode(200);
        ToneJobRunner.hold.countDown();
        JsonPath cancelled = awaitState(ada, job, "cancelled");

        assertThat(cancelled.getInt("segments_done")).isEqualTo(2); // the one being rendered was kept
        assertThat(ToneJobRunner.renders(job, 2)).isZero();
        withKey(ada.key()).post("/api/jobs/" + job + "/retry").then().statusCode(200);
        awaitState(ada, job, "succeeded");
        for (int i = 0; i < 4; i++) {
            assertThat(ToneJobRunner.renders(job, i)).as("renders of segment %d", i).isEqualTo(1);
        }
        withKey(ada.key()).post("/api/jobs/" + job + "/retry").then().statusCode(409);
    }

    @Test
    void should_fail_with_the_reason_and_retry_only_the_failed_segment() {
        TestUser ada = newUser();
        UUID job = jobs.create(ada.id(), ToneJobRunner.KIND, ToneJobRunner.input(3, 2, -1)).id();

        JsonPath failed = awaitState(ada, job, "failed");
        assertThat(failed.getString("error")).contains("failed on segment 2");
        assertThat(failed.getInt("segments_done")).isEqualTo(2);
        assertThat(failed.getList("artifacts")).isEmpty();

        withKey(ada.key()).post("/api/jobs/" + job + "/retry").then().statusCode(200);
        awaitState(ada, job, "succeeded");
        assertThat(ToneJobRunner.renders(job, 0)).isEqualTo(1);
        assertThat(ToneJobRunner.renders(job, 1)).isEqualTo(1);
        assertThat(ToneJobRunner.renders(job, 2)).isEqualTo(2);
    }

    @Test
    void should_render_one_segment_again_and_keep_the_others() throws Exception {
        TestUser ada = newUser();
        UUID job = jobs.create(ada.id(), ToneJobRunner.KIND, ToneJobRunner.input(3, -1, -1)).id();
        awaitState(ada, job, "succeeded");
        Path dir = config.dir().resolve(job.toString());
        FileTime long_ago = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        for (int i = 0; i < 3; i++) {
            Files.setLastModifiedTime(dir.resolve(String.format("segment-%05d.wav", i)), long_ago);
        }

        withKey(ada.key()).post("/api/jobs/" + job + "/segments/1/render").then().statusCode(202);
        awaitState(ada, job, "succeeded");

        assertThat(ToneJobRunner.renders(job, 1)).isEqualTo(2);
        assertThat(ToneJobRunner.renders(job, 0)).isEqualTo(1);
        assertThat(Files.getLastModifiedTime(dir.resolve("segment-00000.wav"))).isEqualTo(long_ago);
        assertThat(Files.getLastModifiedTime(dir.resolve("segment-00001.wav"))).isNotEqualTo(long_ago);
        assertThat(Files.getLastModifiedTime(dir.resolve("segment-00002.wav"))).isEqualTo(long_ago);
        withKey(ada.key()).post("/api/jobs/" + job + "/segments/7/render").then().statusCode(404);
    }

    @Test
    void should_resume_a_job_cut_off_by_a_stop_without_rendering_finished_segments() throws Exception {
        TestUser ada = newUser();
        // the database and the files as a crash left them: planned, two of four segments recorded, still running
        UUID job = QuarkusTransaction.requiringNew().call(() -> {
            Job stopped = new Job(ada.id(), ToneJobRunner.KIND, ToneJobRunner.input(4, -1, -1), Instant.now());
            stopped.start(Instant.now());
            stopped.progress(2, 4);
            repository.persist(stopped);
            for (int i = 0; i < 4; i++) {
                JobSegment segment = new JobSegment(stopped.id(), i, "{\"hz\": " + (220 + 110 * i) + "}");
                if (i < 2) {
                    segment.rendered(SegmentState.DONE, String.format("segment-%05d.wav", i), 200, 1, null,
                            Instant.now());
                }
                repository.persistSegment(segment);
            }
            return stopped.id();
        });
        Path dir = Files.createDirectories(config.dir().resolve(job.toString()));
        byte[] silence = io.omnivox.audio.WavCodec.encode(new io.omnivox.audio.AudioClip(new float[3_200], 16_000),
                16);
        Files.write(dir.resolve("segment-00000.wav"), silence);
        Files.write(dir.resolve("segment-00001.wav"), silence);

        jobs.onStart(null); // what a restart does

        awaitState(ada, job, "succeeded");
        assertThat(ToneJobRunner.renders(job, 0)).isZero();
        assertThat(ToneJobRunner.renders(job, 1)).isZero();
        assertThat(ToneJobRunner.renders(job, 2)).isEqualTo(1);
        assertThat(ToneJobRunner.renders(job, 3)).isEqualTo(1);
    }

    /** A tone job that asks for a review before rendering. */
    private static String reviewed(int segments) {
        return "{\"segments\": " + segments + ", \"fail_once_at\": -1, \"hold_at\": -1, \"review\": true}";
    }

    @Test
    void should_wait_for_review_render_nothing_until_approved_and_then_render_the_edited_plan() throws Exception {
        TestUser ada = newUser();
        UUID job = jobs.create(ada.id(), ToneJobRunner.KIND, reviewed(2)).id();

        JsonPath waiting = awaitState(ada, job, "awaiting_review");
        assertThat(waiting.getString("stage")).isEqualTo("waiting for review");
        assertThat(waiting.getInt("segments_total")).isEqualTo(2);
        jobs.onStart(null); // a restart leaves it waiting
        Thread.sleep(300);
        // an edit while it waits changes the plan and renders nothing
        assertThat(jobs.rerender(ada.id(), job, java.util.Map.of(1, "{\"hz\": 880}")).state())
                .isEqualTo("awaiting_review");
        assertThat(ToneJobRunner.renders(job, 0) + ToneJobRunner.renders(job, 1)).isZero();
        withKey(ada.key()).get("/api/jobs/" + job).then().statusCode(200).body("state",
                org.hamcrest.Matchers.equalTo("awaiting_review"));
        withKey(ada.key()).get("/api/jobs/" + job + "/segments").then().statusCode(200)
                .body("state", org.hamcrest.Matchers.contains("pending", "pending"));
        withKey(ada.key()).post("/api/jobs/" + job + "/segments/0/render").then().statusCode(409); // nothing to redo
        TestUser bob = newUser();
        withKey(bob.key()).post("/api/jobs/" + job + "/approve").then().statusCode(404);

        withKey(ada.key()).post("/api/jobs/" + job + "/approve").then().statusCode(200);
        awaitState(ada, job, "succeeded");

        assertThat(ToneJobRunner.renders(job, 0)).isEqualTo(1);
        assertThat(ToneJobRunner.renders(job, 1)).isEqualTo(1);
        assertThat(jobs.segments(ada.id(), job).get(1).spec()).isEqualTo("{\"hz\": 880}");
        withKey(ada.key()).post("/api/jobs/" + job + "/approve").then().statusCode(409)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"));
    }

    @Test
    void should_cancel_a_job_awaiting_review_and_wait_for_review_again_when_retried() {
        TestUser ada = newUser();
        UUID job = jobs.create(ada.id(), ToneJobRunner.KIND, reviewed(2)).id();
        awaitState(ada, job, "awaiting_review");

        withKey(ada.key()).post("/api/jobs/" + job + "/cancel").then().statusCode(200).body("state",
                org.hamcrest.Matchers.equalTo("cancelled"));
        withKey(ada.key()).post("/api/jobs/" + job + "/approve").then().statusCode(409);
        withKey(ada.key()).post("/api/jobs/" + job + "/retry").then().statusCode(200);

        awaitState(ada, job, "awaiting_review"); // never approved: it waits again rather than render unseen
        assertThat(ToneJobRunner.renders(job, 0) + ToneJobRunner.renders(job, 1)).isZero();
        withKey(ada.key()).post("/api/jobs/" + job + "/approve").then().statusCode(200);
        awaitState(ada, job, "succeeded");
        assertThat(ToneJobRunner.renders(job, 0)).isEqualTo(1);
    }
}
