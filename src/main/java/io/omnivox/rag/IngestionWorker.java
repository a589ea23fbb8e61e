package io.omnivox.rag;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Provider;

import org.jboss.logging.Logger;

import io.omnivox.asr.Language;
import io.omnivox.asr.TranscriptionResult;
import io.omnivox.asr.TranscriptionService;
import io.omnivox.audio.AudioFormatException;
import io.omnivox.document.DocumentException;
import io.omnivox.document.DocumentService;
import io.omnivox.document.ParsedDocument;
import io.omnivox.model.EngineUnavailableException;
import io.omnivox.persistence.Replica;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Ingests uploaded documents in the background, a few at a time ({@code omnivox.rag.ingestion.workers}): marks the
 * document processing, parses its stored file (documents and images through {@link DocumentService}, recordings
 * through {@link TranscriptionService}), indexes it with {@link KnowledgeService} and marks it ready, or failed with a
 * readable reason. Each status change is its own short transaction, so no transaction stays open across parsing or
 * embedding. The database is the queue's memory: at startup every document still pending or processing (the server
 * stopped before finishing it) is queued again from its stored file.
 * <p>
 * Several replicas may share the database: a document is ingested only by the replica that {@link
 * KnowledgeDocumentRepository#claim claimed} it, which renews a lease on it while it works ({@code
 * omnivox.rag.ingestion.lease}). Queuing a document someone else holds is harmless: the claim fails and nothing is
 * done. Every {@code omnivox.rag.ingestion.poll-interval} a replica queues the documents nobody holds (pending, or
 * processing under a lease that passed because its replica died), so no document waits for a restart.
 */
@ApplicationScoped
public class IngestionWorker {

    private static final Logger LOG = Logger.getLogger(IngestionWorker.class);
    /** Longest error kept: enough for a parser's message, not for a stack trace. */
    private static final int MAX_ERROR = 1000;

    private final KnowledgeDocumentRepository documents;
    private final StoredFiles files;
    private final DocumentService parser;
    private final TranscriptionService transcription;
    /** Looked up when first needed: the embedding model and index open on first use, not at startup. */
    private final Provider<KnowledgeService> knowledge;
    private final TranscriptPages transcripts;
    private final ExecutorService executor;
    /** Polls for unclaimed documents and renews the leases of those being ingested here. */
    private final ScheduledExecutorService claims;
    private final RagConfig.Ingestion config;
    private final String replica;
    /** Documents queued and not yet started, so resuming does not queue one twice. */
    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();
    /** Documents this replica holds and is ingesting. */
    private final Set<UUID> ingesting = ConcurrentHashMap.newKeySet();

    public IngestionWorker(KnowledgeDocumentRepository documents, StoredFiles files, DocumentService parser,
            TranscriptionService transcription, Provider<KnowledgeService> knowledge, RagConfig config,
            Replica replica) {
        this.config = config.ingestion();
        this.replica = replica.id();
        this.claims = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("ingestion-claims")
                .daemon().factory());
        this.documents = documents;
        this.files = files;
        this.parser = parser;
        this.transcription = transcription;
        this.knowledge = knowledge;
        this.transcripts = new TranscriptPages(config.ingestion().audioPageSeconds());
        this.executor = Executors.newFixedThreadPool(Math.max(1, config.ingestion().workers()), threads());
    }

    void onStart(@Observes StartupEvent event) {
        int resumed = resume();
        if (resumed > 0) {
            LOG.infof("Ingestion: %d unfinished document(s) queued again", resumed);
        }
        long poll = Math.max(10, config.pollInterval().toMillis());
        long renew = Math.max(10, config.lease().toMillis() / 3);
        claims.scheduleWithFixedDelay(this::submitUnclaimed, poll, poll, TimeUnit.MILLISECONDS);
        claims.scheduleWithFixedDelay(this::renewLeases, renew, renew, TimeUnit.MILLISECONDS);
    }

    /** Queues the documents nobody holds: left pending, or processing by a replica whose lease passed. */
    private void submitUnclaimed() {
        try {
            Instant now = Instant.now();
            QuarkusTransaction.requiringNew().call(() -> documents.listClaimable(now)).forEach(this::submit);
        } catch (RejectedExecutionException e) {
            // stopping
        } catch (RuntimeException e) {
            LOG.warnf("Ingestion: could not look for documents to ingest (%s)", e.getMessage());
        }
    }

    private void renewLeases() {
        Set<UUID> mine = Set.copyOf(ingesting);
        if (mine.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().call(() -> documents.renew(replica, mine,
                    Instant.now().plus(config.lease())));
        } catch (RuntimeException e) {
            LOG.warnf("Ingestion: could not renew the lease on %d document(s) (%s)", mine.size(), e.getMessage());
        }
    }

    /**
     * Queues every document left pending or processing (e.g. by a crash); answers how many were queued. One that
     * another live replica holds is skipped when its turn comes (its claim fails).
     */
    public int resume() {
        List<UUID> unfinished = QuarkusTransaction.requiringNew()
                .call(() -> documents.listUnfinished().stream().map(KnowledgeDocument::id).toList());
        unfinished.forEach(this::submit);
        return unfinished.size();
    }

    /** Queues a document for ingestion (after its row is committed); a document already waiting is not queued twice. */
    public void submit(UUID documentId) {
        if (queued.add(documentId)) {
            executor.execute(() -> {
                queued.remove(documentId);
                ingest(documentId);
            });
        }
    }

    /** Ingests one document now, on the calling thread; never throws, the outcome is in the document's status. */
    void ingest(UUID documentId) {
        Instant now = Instant.now();
        KnowledgeDocument document = QuarkusTransaction.requiringNew().call(() -> documents.claim(documentId, replica,
                now, now.plus(config.lease())) ? documents.findById(documentId) : null);
        if (document == null) {
            return; // deleted while it waited, already ingested, or another replica holds it
        }
        ingesting.add(documentId);
        try {
            ingestClaimed(document);
        } finally {
            ingesting.remove(documentId);
        }
    }

    private void ingestClaimed(KnowledgeDocument document) {
        UUID documentId = document.id();
        try {
            ParsedDocument parsed = parse(document);
            if (parsed.text().isBlank()) {
                finish(document, null, document.format().equals(TranscriptPages.FORMAT)
                        ? "No speech was recognised in the recording." : "No text was found in the document.");
                return;
            }
            knowledge.get().ingest(parsed, document.knowledgeBaseId().toString(), documentId.toString());
            finish(document, parsed.pages().size(), null);
        } catch (DocumentException | AudioFormatException | EngineUnavailableException e) {
            finish(document, null, e.getMessage());
        } catch (NoSuchFileException e) {
            finish(document, null, "The uploaded file is no longer stored; delete the document and upload it again.");
        } catch (Exception | LinkageError | StackOverflowError e) {
            // a missing class or a broken native library must fail the document, not leave it processing forever
            LOG.errorf(e, "Ingestion of document %s failed", documentId);
            finish(document, null, "Ingestion failed: " + describe(e));
        }
    }

    private ParsedDocument parse(KnowledgeDocument document) throws IOException {
        Path file = files.path(document.id());
        if (document.format().equals(TranscriptPages.FORMAT)) {
            TranscriptionResult result;
            try (InputStream in = Files.newInputStream(file)) {
                result = transcription.transcribe(in, Language.AUTO, true);
            }
            return transcripts.layout(result, document.fileName());
        }
        return parser.parse(file, document.fileName());
    }

    /** Records the outcome: ready with {@code pages}, or failed with {@code error}. */
    private void finish(KnowledgeDocument ingested, Integer pages, String error) {
        UUID documentId = ingested.id();
        boolean stillThere = QuarkusTransaction.requiringNew().call(() -> {
            KnowledgeDocument document = documents.findById(documentId);
            if (document == null) {
                return false;
            }
            if (!replica.equals(document.claimedBy())) {
                // this replica's lease passed and another took the document over: its outcome is the one recorded
                LOG.warnf("Ingestion of document %s was taken over by another replica; its result here is dropped",
                        documentId);
                return true;
            }
            if (error == null) {
                document.ready(pages);
            } else {
                document.failed(truncate(error));
            }
            return true;
        });
        if (!stillThere && error == null) {
            // Deleted while it was being indexed: its delete ran before these vectors existed, so remove them now.
            knowledge.get().delete(ingested.knowledgeBaseId().toString(), documentId.toString());
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 1) + "…";
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "omnivox-ingestion-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @PreDestroy
    void stop() {
        // Unfinished documents stay pending or processing in the database: another replica takes them once their
        // lease passes, or this one at its next start.
        claims.shutdownNow();
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
