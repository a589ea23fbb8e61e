package io.omnivox.rag;

import static io.omnivox.testkit.KnowledgeFixtures.createKnowledgeBase;
import static io.omnivox.testkit.KnowledgeFixtures.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.omnivox.persistence.Replica;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Ingestion with several replicas on one database: a document is claimed by one replica at a time; one held by a
 * replica that died is left alone while its lease holds and ingested by another, found by its poll, once it passes.
 */
@QuarkusTest
class IngestionClaimsTest {

    @Inject
    IngestionWorker worker;
    @Inject
    StoredFiles files;
    @Inject
    KnowledgeBaseRepository bases;
    @Inject
    KnowledgeDocumentRepository documents;
    @Inject
    Replica replica;

    private UUID stored(String status, String claimedBy, Instant leaseUntil) throws Exception {
        String kb = createKnowledgeBase(newUser().key(), "Claims " + UUID.randomUUID());
        UUID id = QuarkusTransaction.requiringNew().call(() -> {
            KnowledgeDocument document = new KnowledgeDocument(bases.findById(UUID.fromString(kb)), "orchard.md",
                    "markdown", Instant.now());
            Path upload = Files.createTempFile("orchard", ".md");
            Files.writeString(upload, "# Orchard\n\nThe quince trees are pruned in the last week of February.");
            files.store(document.id(), upload);
            Files.delete(upload);
            documents.persist(document);
            return document.id();
        });
        QuarkusTransaction.requiringNew().run(() -> documents.update("status = ?1, claimedBy = ?2, leaseUntil = ?3"
                + " where id = ?4", DocumentStatus.valueOf(status), claimedBy, leaseUntil, id));
        return id;
    }

    private KnowledgeDocument find(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> documents.findById(id));
    }

    @Test
    void should_give_a_pending_document_to_exactly_one_of_many_racing_claims() throws Exception {
        UUID id = stored("PENDING", null, null);
        ExecutorService racers = Executors.newFixedThreadPool(8);
        List<Callable<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String name = "racer-" + i;
            claims.add(() -> {
                Instant now = Instant.now();
                return QuarkusTransaction.requiringNew().call(() -> documents.claim(id, name, now,
                        now.plusSeconds(60)));
            });
        }
        int won = 0;
        for (Future<Boolean> claim : racers.invokeAll(claims)) {
            won += claim.get() ? 1 : 0;
        }
        racers.shutdown();
        assertThat(won).as("claims that got the document").isEqualTo(1);
        assertThat(find(id).status()).isEqualTo(DocumentStatus.PROCESSING);
        assertThat(find(id).claimedBy()).startsWith("racer-");
    }

    @Test
    void should_leave_a_dead_replicas_document_alone_until_its_lease_passes_then_ingest_it() throws Exception {
        Instant leaseEnds = Instant.now().plusSeconds(2);
        UUID id = stored("PROCESSING", "dead-replica", leaseEnds);

        worker.resume(); // what a restart does: queued, but the claim fails while the lease holds
        Thread.sleep(500);
        assertThat(Instant.now()).as("checked before the lease passed").isBefore(leaseEnds);
        assertThat(find(id).claimedBy()).isEqualTo("dead-replica");
        assertThat(find(id).status()).isEqualTo(DocumentStatus.PROCESSING);

        // the poll (every omnivox.rag.ingestion.poll-interval, 5 s by default) finds it once the lease has passed
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (find(id).status() != DocumentStatus.READY) {
            assertThat(find(id).status()).isIn(DocumentStatus.PROCESSING);
            assertThat(System.nanoTime()).as("the document to be ingested").isLessThan(deadline);
            Thread.sleep(100);
        }
        KnowledgeDocument done = find(id);
        assertThat(done.claimedBy()).isEqualTo(replica.id());
        assertThat(done.leaseUntil()).as("a finished document holds no lease").isNull();
    }
}
