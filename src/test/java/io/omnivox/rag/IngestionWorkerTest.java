package io.omnivox.rag;

import static io.omnivox.testkit.KnowledgeFixtures.awaitIngested;
import static io.omnivox.testkit.KnowledgeFixtures.createKnowledgeBase;
import static io.omnivox.testkit.KnowledgeFixtures.newUser;
import static io.omnivox.testkit.KnowledgeFixtures.upload;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.omnivox.agent.Passage;
import io.omnivox.testkit.KnowledgeFixtures.TestUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Background ingestion: resuming after a crash, and recordings transcribed into searchable time-window pages. */
@QuarkusTest
class IngestionWorkerTest {

    private static final Path SPEECH = Path.of(
            "/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0880.wav");

    @Inject
    IngestionWorker worker;
    @Inject
    StoredFiles files;
    @Inject
    KnowledgeBaseRepository bases;
    @Inject
    KnowledgeDocumentRepository documents;
    @Inject
    RagKnowledgeSearch search;

    @Test
    void should_resume_a_document_left_processing_by_a_crash() throws Exception {
        TestUser ada = newUser();
        String kb = createKnowledgeBase(ada.key(), "Resumed");
        // What a crash mid-ingestion leaves: the row says processing, the file is on disk, nothing is queued.
        UUID id = QuarkusTransaction.requiringNew().call(() -> {
            KnowledgeDocument document = new KnowledgeDocument(bases.findById(UUID.fromString(kb)), "orchard.md",
                    "markdown", Instant.now());
            Path upload = Files.createTempFile("orchard", ".md");
            Files.writeString(upload, "# Orchard\n\nThe quince trees are pruned in the last week of February.");
            files.store(document.id(), upload);
            Files.delete(upload);
            document.processing();
            documents.persist(document);
            return document.id();
        });

        assertThat(worker.resume()).isGreaterThanOrEqualTo(1);

        JsonPath done = awaitIngested(ada.key(), kb, id.toString());
        assertThat(done.getString("status")).isEqualTo("ready");
        assertThat(search.search(ada.id().toString(), List.of(kb), "when are the quince trees pruned", 3))
                .extracting(Passage::documentId).first().isEqualTo(id.toString());
    }

    @Test
    void should_fail_a_document_whose_file_is_gone_with_a_readable_error() {
        TestUser ada = newUser();
        String kb = createKnowledgeBase(ada.key(), "Lost");
        UUID id = QuarkusTransaction.requiringNew().call(() -> {
            KnowledgeDocument document = new KnowledgeDocument(bases.findById(UUID.fromString(kb)), "gone.md",
                    "markdown", Instant.now());
            documents.persist(document);
            return document.id();
        });

        worker.resume();

        JsonPath done = awaitIngested(ada.key(), kb, id.toString());
        assertThat(done.getString("status")).isEqualTo("failed");
        assertThat(done.getString("error")).contains("upload it again");
    }

    @Test
    void should_transcribe_a_recording_into_searchable_time_windows() throws Exception {
        assumeTrue(Files.isRegularFile(SPEECH) && Files.isExecutable(Path.of("/usr/bin/pocketsphinx_continuous")),
                "needs Debian's pocketsphinx, pocketsphinx-en-us and pocketsphinx-testdata (installed by .ci/run)");
        TestUser ada = newUser();
        String kb = createKnowledgeBase(ada.key(), "Readings");

        String id = upload(ada.key(), kb, "reading.wav", Files.readAllBytes(SPEECH));

        JsonPath done = awaitIngested(ada.key(), kb, id);
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("ready");
        assertThat(done.getString("format")).isEqualTo("audio");
        assertThat(done.getInt("pages")).isEqualTo(1);
        List<Passage> passages = search.search(ada.id().toString(), List.of(kb), "young man", 3);
        assertThat(passages).isNotEmpty();
        Passage hit = passages.get(0);
        assertThat(hit.documentId()).isEqualTo(id);
        assertThat(hit.title()).isEqualTo("reading.wav");
        assertThat(hit.page()).isEqualTo(1);
        assertThat(hit.section()).startsWith("00:00–00:0");
        assertThat(hit.text()).contains("[00:0").contains("young man");
    }

    @Test
    void should_lay_out_one_page_per_window_with_times() {
        var segment = new io.omnivox.asr.TranscriptionResult.Segment(65.2, 70, new io.omnivox.asr.Transcript(
                "the tide turns at noon", "en", "EMO_UNKNOWN", List.of(), false, List.of()));
        var document = new TranscriptPages(60).layout(new io.omnivox.asr.TranscriptionResult(List.of(segment), 150,
                "test"), "talk.mp3");

        assertThat(document.pages()).hasSize(3);
        assertThat(document.pages().get(0).text()).isEmpty();
        assertThat(document.pages().get(1).text()).isEqualTo("01:00–02:00\n\n[01:05] the tide turns at noon");
        assertThat(document.headings()).extracting(h -> h.page()).containsExactly(2);
        assertThat(TranscriptPages.clock(3725)).isEqualTo("1:02:05");
    }
}
