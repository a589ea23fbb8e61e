package io.omnivox.studio;

import java.io.IOException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.omnivox.document.DocumentService;
import io.omnivox.document.ParsedDocument;
import io.omnivox.rag.DocumentStatus;
import io.omnivox.rag.KnowledgeBaseService;
import io.omnivox.rag.KnowledgeDocument;
import io.omnivox.rag.StoredFiles;
import io.omnivox.rag.UploadFormats;

/**
 * A knowledge base as a source text for the studio: its ready documents read again from their stored files, each
 * under its title, in upload order, up to a length. Recordings are left out (their words are in the index, not in a
 * document to re-read).
 */
@ApplicationScoped
public class KnowledgeSources {

    private final KnowledgeBaseService bases;
    private final StoredFiles files;
    private final DocumentService documents;

    public KnowledgeSources(KnowledgeBaseService bases, StoredFiles files, DocumentService documents) {
        this.bases = bases;
        this.files = files;
        this.documents = documents;
    }

    /** The owner's knowledge base as one text of at most {@code maxChars}; empty when it has no readable document. */
    public String text(UUID owner, UUID knowledgeBase, int maxChars) {
        StringBuilder text = new StringBuilder();
        for (KnowledgeDocument document : bases.documents(owner, knowledgeBase)) {
            if (document.status() != DocumentStatus.READY || document.format().equals(UploadFormats.AUDIO)
                    || text.length() >= maxChars) {
                continue;
            }
            ParsedDocument parsed;
            try {
                parsed = documents.parse(files.path(document.id()), document.fileName());
            } catch (IOException | RuntimeException e) {
                continue; // it was read once at ingestion; a file gone since is skipped, not fatal
            }
            text.append(text.isEmpty() ? "" : "\n\n").append("# ").append(parsed.title()).append("\n\n")
                    .append(parsed.text().strip());
        }
        return text.length() > maxChars ? text.substring(0, maxChars) : text.toString();
    }
}
