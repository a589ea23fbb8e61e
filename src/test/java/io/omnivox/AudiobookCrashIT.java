package io.omnivox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.omnivox.document.TestDocuments;

/**
 * The crash test for studio jobs: the packaged app is killed (SIGKILL) in the middle of an audiobook, started again on
 * the same data, and finishes the job without synthesising a finished segment again (their render times stay those
 * from before the kill) and with no chapter lost or doubled (the M4B's chapters, read back with ffprobe).
 */
class AudiobookCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = AppProcess.ADMIN_KEY;

    /** A chapter of {@code sentences} sentences: several segments of speech each. */
    private static byte[] chapter(String title, int sentences) {
        StringBuilder body = new StringBuilder("<h1>" + title + "</h1>");
        for (int i = 1; i <= sentences; i++) {
            body.append("<p>This is sentence number ").append(i).append(" of the chapter called ").append(title)
                    .append(", read slowly and clearly so that it takes a moment to speak.</p>");
        }
        return TestDocuments.xhtml(body.toString());
    }

    private static JsonNode job(AppProcess app, String id) throws Exception {
        return JSON.readTree(app.get("/api/jobs/" + id, KEY).body());
    }

    private static JsonNode segments(AppProcess app, String id) throws Exception {
        return JSON.readTree(app.get("/api/jobs/" + id + "/segments", KEY).body());
    }

    @Test
    void should_finish_an_audiobook_after_a_kill_without_rendering_finished_segments_again(@TempDir Path dir)
            throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/espeak-ng")), "needs Debian's espeak-ng");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ffprobe")), "needs Debian's ffmpeg");
        byte[] book = TestDocuments.epub(Map.of("OEBPS/Text/a.xhtml", chapter("The Harbour", 24),
                "OEBPS/Text/b.xhtml", chapter("The Lighthouse", 24)), "Text/a.xhtml", "Text/b.xhtml");
        String id;
        Map<Integer, String> renderedBeforeKill = new HashMap<>();
        int total;
        try (AppProcess app = AppProcess.start(dir)) {
            app.awaitReady();
            var created = app.postFile("/api/audiobooks", "harbour.epub", book, Map.of(), KEY);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
            id = JSON.readTree(created.body()).path("id").asText();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            for (JsonNode now = job(app, id); now.path("segments_done").asInt() < 3; now = job(app, id)) {
                assertThat(now.path("state").asText()).as(app.output()).isIn("queued", "running");
                assertThat(System.nanoTime()).as("segments rendered in time").isLessThan(deadline);
                Thread.sleep(50);
            }
            total = job(app, id).path("segments_total").asInt();
            for (JsonNode segment : segments(app, id)) {
                if (segment.path("state").asText().equals("done")) {
                    renderedBeforeKill.put(segment.path("position").asInt(), segment.path("rendered_at").asText());
                }
            }
            app.kill();
        }
        assertThat(renderedBeforeKill).hasSizeGreaterThanOrEqualTo(3).hasSizeLessThan(total);

        try (AppProcess app = AppProcess.start(dir)) {
            app.awaitReady();
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            for (String state = job(app, id).path("state").asText(); !state.equals("succeeded");
                    state = job(app, id).path("state").asText()) {
                assertThat(state).as(app.output()).isIn("queued", "running");
                assertThat(System.nanoTime()).as("the job to finish after the restart").isLessThan(deadline);
                Thread.sleep(100);
            }
            JsonNode after = segments(app, id);
            assertThat(after).hasSize(total);
            for (JsonNode segment : after) {
                int position = segment.path("position").asInt();
                assertThat(segment.path("state").asText()).isEqualTo("done");
                assertThat(segment.path("attempts").asInt()).as("segment %d synthesised once", position).isOne();
                if (renderedBeforeKill.containsKey(position)) {
                    assertThat(segment.path("rendered_at").asText()).as("segment %d kept", position)
                            .isEqualTo(renderedBeforeKill.get(position));
                }
            }
            Path m4b = dir.resolve("book.m4b");
            Files.write(m4b, app.download("/api/jobs/" + id + "/artifacts/book.m4b", KEY));
            Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-show_chapters", "-show_format", "-of",
                    "json", m4b.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            JsonNode probed = JSON.readTree(probe.getInputStream().readAllBytes());
            assertThat(probe.waitFor()).isZero();
            assertThat(probed.path("chapters")).hasSize(2);
            assertThat(probed.path("chapters").get(0).path("tags").path("title").asText()).isEqualTo("The Harbour");
            assertThat(probed.path("chapters").get(1).path("tags").path("title").asText()).isEqualTo("The Lighthouse");
            double spoken = 0;
            for (JsonNode segment : after) {
                spoken += segment.path("duration_ms").asLong() / 1000.0;
            }
            // every segment once: the book lasts what its segments last (no segment lost or doubled)
            assertThat(probed.path("format").path("duration").asDouble()).isCloseTo(spoken,
                    org.assertj.core.data.Offset.offset(1.0));
        }
    }
}
