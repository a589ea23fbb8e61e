package io.omnivox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The crash test for ingestion: several documents are uploaded into a knowledge base, the packaged app is killed
 * (SIGKILL) while one of them is being indexed, started again on the same data, and finishes ingesting. Then no
 * document is lost or doubled (the knowledge base lists each upload once, ready), and no chunk is lost or doubled: each
 * document has exactly as many chunks in the index as the same file ingested cleanly into a second knowledge base.
 */
class IngestionCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = AppProcess.ADMIN_KEY;
    private static final int DOCUMENTS = 5;

    /**
     * A plain-text document of {@code paragraphs} distinct paragraphs: a few hundred chunks, so that embedding it
     * takes long enough on a CPU for the kill to land in the middle of it.
     */
    private static byte[] document(int number, int paragraphs) {
        StringBuilder text = new StringBuilder("Report number " + number + "\n\n");
        for (int i = 1; i <= paragraphs; i++) {
            text.append("Paragraph ").append(i).append(" of report ").append(number)
                    .append(" describes the tide at harbour ").append(i * 7 + number)
                    .append(", the ships that came in that morning, and the weather that followed them. ")
                    .append("The keeper wrote it down carefully so that nobody would have to guess later.\n\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void should_finish_ingestion_after_a_kill_without_losing_or_doubling_documents_or_chunks(@TempDir Path dir)
            throws Exception {
        Map<String, byte[]> uploads = new LinkedHashMap<>();
        for (int i = 1; i <= DOCUMENTS; i++) {
            uploads.put("report-" + i + ".txt", document(i, 250));
        }
        String crashed;
        try (AppProcess app = AppProcess.start(dir)) {
            app.awaitReady();
            crashed = createKnowledgeBase(app, "crashed");
            upload(app, crashed, uploads);
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            // Kill while a document is being indexed and at least one is already in the index.
            while (!(count(app, crashed, "ready") >= 1 && count(app, crashed, "processing") == 1)) {
                assertThat(count(app, crashed, "failed")).as(app.output()).isZero();
                assertThat(count(app, crashed, "ready")).as("documents left to ingest at the kill")
                        .isLessThan(DOCUMENTS);
                assertThat(System.nanoTime()).as("ingestion under way in time").isLessThan(deadline);
                Thread.sleep(20);
            }
            app.kill();
        }

        String clean;
        try (AppProcess app = AppProcess.start(dir)) {
            app.awaitReady();
            awaitAllReady(app, crashed);
            assertThat(app.output()).as("the kill left work to resume").contains("unfinished document(s) queued again");
            clean = createKnowledgeBase(app, "clean");
            upload(app, clean, uploads);
            awaitAllReady(app, clean);
            assertThat(fileNames(app, crashed)).as("each upload once").containsExactlyInAnyOrderElementsOf(
                    uploads.keySet());
            Map<String, String> crashedIds = idsByFileName(app, crashed);
            Map<String, String> cleanIds = idsByFileName(app, clean);
            app.close(); // a clean stop commits and unlocks the index, so it can be read from here

            Map<String, Long> crashedChunks = new HashMap<>();
            Map<String, Long> cleanChunks = new HashMap<>();
            try (FSDirectory index = FSDirectory.open(indexFolder(dir));
                    DirectoryReader reader = DirectoryReader.open(index)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                for (String name : uploads.keySet()) {
                    crashedChunks.put(name, (long) searcher.count(new TermQuery(new Term("doc",
                            crashedIds.get(name)))));
                    cleanChunks.put(name, (long) searcher.count(new TermQuery(new Term("doc", cleanIds.get(name)))));
                }
            }
            assertThat(cleanChunks.values()).allSatisfy(n -> assertThat(n).isGreaterThan(1));
            assertThat(crashedChunks).as("chunks per document, against a clean ingestion").isEqualTo(cleanChunks);
        }
    }

    private static String createKnowledgeBase(AppProcess app, String name) throws Exception {
        var created = app.postJson("/api/knowledge-bases", "{\"name\":\"" + name + "\"}", KEY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asText();
    }

    private static void upload(AppProcess app, String kb, Map<String, byte[]> uploads) throws Exception {
        for (var upload : uploads.entrySet()) {
            var accepted = app.postFile("/api/knowledge-bases/" + kb + "/documents", upload.getKey(),
                    upload.getValue(), Map.of(), KEY);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        }
    }

    private static JsonNode documents(AppProcess app, String kb) throws Exception {
        return JSON.readTree(app.get("/api/knowledge-bases/" + kb + "/documents", KEY).body());
    }

    private static long count(AppProcess app, String kb, String status) throws Exception {
        long n = 0;
        for (JsonNode document : documents(app, kb)) {
            n += document.path("status").asText().equals(status) ? 1 : 0;
        }
        return n;
    }

    private static void awaitAllReady(AppProcess app, String kb) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (count(app, kb, "ready") < DOCUMENTS) {
            assertThat(count(app, kb, "failed")).as(app.output()).isZero();
            assertThat(System.nanoTime()).as("ingestion to finish").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static List<String> fileNames(AppProcess app, String kb) throws Exception {
        return Stream.of(JSON.treeToValue(documents(app, kb), JsonNode[].class))
                .map(d -> d.path("file_name").asText()).toList();
    }

    private static Map<String, String> idsByFileName(AppProcess app, String kb) throws Exception {
        Map<String, String> ids = new HashMap<>();
        for (JsonNode document : documents(app, kb)) {
            ids.put(document.path("file_name").asText(), document.path("id").asText());
        }
        return ids;
    }

    /** The Lucene index of the embedded store: one folder per embedding model under the data dir. */
    private static Path indexFolder(Path dir) throws Exception {
        try (Stream<Path> models = Files.list(dir.resolve("data/rag/lucene"))) {
            List<Path> folders = models.filter(Files::isDirectory).toList();
            assertThat(folders).hasSize(1);
            return folders.getFirst();
        }
    }
}
