package io.omnivox.rag;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;
import jakarta.ws.rs.NotFoundException;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A user's knowledge bases and their documents: create, list, read and delete them, accept uploads for background
 * ingestion and re-index. Everything is looked up within its owner, so another user's id is simply not found.
 * Database changes are short transactions of their own; files and vectors are removed after the rows, so a failure
 * there leaves at worst an unreferenced file or vectors that searches no longer return (they only return documents
 * that are ready in the database).
 */
@ApplicationScoped
public class KnowledgeBaseService {

    private static final Logger LOG = Logger.getLogger(KnowledgeBaseService.class);

    /** A knowledge base with how many documents it holds. */
    public record Listed(KnowledgeBase knowledgeBase, long documents) {
    }

    private final KnowledgeBaseRepository bases;
    private final KnowledgeDocumentRepository documents;
    private final StoredFiles files;
    /** Looked up when first needed, so the embedding model and index open on first use. */
    private final Provider<KnowledgeService> knowledge;
    private final IngestionWorker worker;
    private final UploadFormats formats;

    public KnowledgeBaseService(KnowledgeBaseRepository bases, KnowledgeDocumentRepository documents,
            StoredFiles files, Provider<KnowledgeService> knowledge, IngestionWorker worker, UploadFormats formats) {
        this.bases = bases;
        this.documents = documents;
        this.files = files;
        this.knowledge = knowledge;
        this.worker = worker;
        this.formats = formats;
    }

    /** A new, empty knowledge base; {@link KnowledgeBaseNameTakenException} when the owner has one of that name. */
    public KnowledgeBase create(UUID owner, String name) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (bases.nameTaken(owner, name)) {
                    throw new KnowledgeBaseNameTakenException(name);
                }
                KnowledgeBase created = new KnowledgeBase(owner, name, Instant.now());
                bases.persist(created);
                return created;
            });
        } catch (KnowledgeBaseNameTakenException e) {
            throw e;
        } catch (RuntimeException e) {
            // Two requests creating the same name at once: the unique constraint stops the second at commit.
            if (QuarkusTransaction.requiringNew().call(() -> bases.nameTaken(owner, name))) {
                throw new KnowledgeBaseNameTakenException(name);
            }
            throw e;
        }
    }

    /** The owner's knowledge bases by name, each with its document count. */
    public List<Listed> list(UUID owner) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<UUID, Long> counts = documents.countByKnowledgeBase(owner);
            return bases.listByOwner(owner).stream()
                    .map(kb -> new Listed(kb, counts.getOrDefault(kb.id(), 0L))).toList();
        });
    }

    /** The owner's knowledge base with its document count; 404 when missing or someone else's. */
    public Listed get(UUID owner, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            KnowledgeBase kb = owned(owner, id);
            return new Listed(kb, documents.count("knowledgeBaseId", kb.id()));
        });
    }

    /** Deletes a knowledge base with its documents, their files and their vectors. */
    public void delete(UUID owner, UUID id) {
        List<UUID> removed = QuarkusTransaction.requiringNew().call(() -> {
            KnowledgeBase kb = owned(owner, id);
            List<UUID> ids = documents.listByKnowledgeBase(kb.id()).stream().map(KnowledgeDocument::id).toList();
            documents.delete("knowledgeBaseId", kb.id());
            bases.delete(kb);
            return ids;
        });
        removed.forEach(documentId -> forget(id, documentId));
    }

    /** The documents of the owner's knowledge base, oldest first. */
    public List<KnowledgeDocument> documents(UUID owner, UUID knowledgeBaseId) {
        return QuarkusTransaction.requiringNew().call(() -> documents.listByKnowledgeBase(owned(owner,
                knowledgeBaseId).id()));
    }

    /** One document of the owner's knowledge base; 404 when either is missing or someone else's. */
    public KnowledgeDocument document(UUID owner, UUID knowledgeBaseId, UUID documentId) {
        return QuarkusTransaction.requiringNew().call(() -> ownedDocument(owner, knowledgeBaseId, documentId));
    }

    /**
     * Accepts an upload: checks its format from the content (415 early for what no parser reads), stores the file,
     * records the document as pending and queues it. Size limits are the caller's to check.
     *
     * @param upload   the uploaded file (copied; the caller still owns it)
     * @param fileName the client's name for it, kept for display, titles and Markdown-vs-text detection
     */
    public KnowledgeDocument upload(UUID owner, UUID knowledgeBaseId, Path upload, String fileName)
            throws IOException {
        // 404 before anything is read or stored.
        KnowledgeBase kb = QuarkusTransaction.requiringNew().call(() -> owned(owner, knowledgeBaseId));
        String format = formats.detect(upload, fileName);
        KnowledgeDocument document = new KnowledgeDocument(kb, fileName, format, Instant.now());
        files.store(document.id(), upload);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                // Deleted meanwhile? Then the upload has nowhere to go.
                owned(owner, knowledgeBaseId);
                documents.persist(document);
            });
        } catch (RuntimeException e) {
            files.delete(document.id());
            throw e;
        }
        worker.submit(document.id());
        return document;
    }

    /** Deletes a document: its row, then its vectors and its file. */
    public void deleteDocument(UUID owner, UUID knowledgeBaseId, UUID documentId) {
        QuarkusTransaction.requiringNew().run(() -> documents.delete(ownedDocument(owner, knowledgeBaseId,
                documentId)));
        forget(knowledgeBaseId, documentId);
    }

    /** Queues a document to be ingested again from its stored file; answers it, now pending. */
    public KnowledgeDocument reindex(UUID owner, UUID knowledgeBaseId, UUID documentId) {
        KnowledgeDocument document = QuarkusTransaction.requiringNew().call(() -> {
            KnowledgeDocument found = ownedDocument(owner, knowledgeBaseId, documentId);
            found.pending();
            return found;
        });
        worker.submit(documentId);
        return document;
    }

    /**
     * Removes a deleted document's passages and file. The row is gone already, so searches no longer return the
     * passages; a failure here is logged rather than reported as a failed delete.
     */
    private void forget(UUID knowledgeBaseId, UUID documentId) {
        try {
            knowledge.get().delete(knowledgeBaseId.toString(), documentId.toString());
            files.delete(documentId);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Document %s is deleted, but its passages or file could not be removed", documentId);
        }
    }

    private KnowledgeBase owned(UUID owner, UUID id) {
        return bases.findOwned(id, owner)
                .orElseThrow(() -> new NotFoundException("You have no knowledge base " + id + "."));
    }

    private KnowledgeDocument ownedDocument(UUID owner, UUID knowledgeBaseId, UUID documentId) {
        return documents.findOwned(documentId, knowledgeBaseId, owner).orElseThrow(() -> new NotFoundException(
                "Your knowledge base " + knowledgeBaseId + " has no document " + documentId + "."));
    }
}
