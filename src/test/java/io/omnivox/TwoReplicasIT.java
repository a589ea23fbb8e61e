package io.omnivox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two packaged apps on loopback sharing one database and one data folder, as two replicas would: audiobooks are
 * created on both, and every job is claimed by exactly one of them (their logs name each claim), runs once and
 * succeeds; both take work. The database is the packaged build's H2 in mixed mode ({@code AUTO_SERVER}: the first
 * process serves the file to the second over TCP), so this needs no second build; the PostgreSQL claim itself is
 * covered by {@code PostgresJobClaimsTest}.
 */
class TwoReplicasIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = AppProcess.ADMIN_KEY;
    private static final int BOOKS = 6;

    /** A one-chapter book in Markdown: a few short segments of speech. */
    private static byte[] book(int n) {
        StringBuilder text = new StringBuilder("# Book " + n + "\n\n");
        for (int i = 1; i <= 3; i++) {
            text.append("Sentence ").append(i).append(" of book ").append(n).append(" is short. ");
        }
        return text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String[] replica(Path shared, String id) {
        return new String[] {
                "omnivox.replica-id=" + id,
                "omnivox.data-dir=" + shared.resolve("data"),
                "omnivox.tts.voices-dir=" + shared.resolve("voices"),
                "quarkus.datasource.jdbc.url=jdbc:h2:file:" + shared.resolve("data/db/omnivox")
                        + ";AUTO_SERVER=TRUE;WRITE_DELAY=0",
                "omnivox.studio.poll-interval=200ms",
                "omnivox.studio.max-active-per-user=" + (2 * BOOKS),
                // no chat model here: the said-verb heuristics attribute quotes
                "omnivox.studio.llm-attribution=false" };
    }

    @Test
    void should_run_every_job_once_when_two_apps_share_one_database(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/espeak-ng")), "needs Debian's espeak-ng");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ffmpeg")), "needs Debian's ffmpeg");
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        try (AppProcess first = AppProcess.start(a, replica(dir, "replica-a"))) {
            first.awaitReady(); // the first migrates the database; the second then finds it done
            try (AppProcess second = AppProcess.start(b, replica(dir, "replica-b"))) {
                second.awaitReady();
                List<String> jobs = new ArrayList<>();
                for (int n = 0; n < BOOKS; n++) {
                    AppProcess app = n % 2 == 0 ? first : second;
                    var created = app.postFile("/api/audiobooks", "book-" + n + ".md", book(n), Map.of(), KEY);
                    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
                    jobs.add(JSON.readTree(created.body()).path("id").asText());
                }

                long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
                for (String job : jobs) {
                    // either app answers for any job: they read one database
                    for (JsonNode now = view(second, job); !now.path("state").asText().equals("succeeded");
                            now = view(first, job)) {
                        assertThat(now.path("state").asText()).as("%s\n%s", now, first.output())
                                .isIn("queued", "running");
                        assertThat(System.nanoTime()).as("job %s to finish", job).isLessThan(deadline);
                        Thread.sleep(200);
                    }
                }

                String logs = first.output() + second.output();
                List<String> claimers = new ArrayList<>();
                for (String job : jobs) {
                    Matcher claims = Pattern.compile("Studio job " + job + " claimed by replica (\\S+)").matcher(logs);
                    List<String> by = new ArrayList<>();
                    while (claims.find()) {
                        by.add(claims.group(1));
                    }
                    assertThat(by).as("claims of job %s", job).hasSize(1);
                    claimers.add(by.get(0));
                    JsonNode segments = JSON.readTree(first.get("/api/jobs/" + job + "/segments", KEY).body());
                    for (JsonNode segment : segments) {
                        assertThat(segment.path("state").asText()).isEqualTo("done");
                        assertThat(segment.path("attempts").asInt()).as("job %s segment synthesised once", job)
                                .isOne();
                    }
                }
                assertThat(claimers).as("both replicas took work").contains("replica-a", "replica-b");
            }
        }
    }

    private static JsonNode view(AppProcess app, String job) throws Exception {
        return JSON.readTree(app.get("/api/jobs/" + job, KEY).body());
    }
}
