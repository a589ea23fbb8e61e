package io.omnivox.rag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The uploaded files of knowledge-base documents, one file per document named by the document's id (never by the
 * client's file name, which stays in the database), so a client cannot choose a path.
 */
@ApplicationScoped
public class StoredFiles {

    private final Path dir;

    public StoredFiles(RagConfig config) {
        this.dir = config.ingestion().filesDir();
    }

    /** Where a document's file is (it may not exist). */
    public Path path(UUID documentId) {
        return dir.resolve(documentId.toString());
    }

    /** Copies an upload into the store; the upload's temporary file stays the HTTP layer's to remove. */
    public void store(UUID documentId, Path upload) {
        try {
            Files.createDirectories(dir);
            // Copy to a temporary name first, so a crash mid-copy never leaves a truncated file under the real name.
            Path partial = dir.resolve(documentId + ".part");
            Files.copy(upload, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, path(documentId), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the upload for document " + documentId, e);
        }
    }

    /** Removes a document's file; nothing happens when there is none. */
    public void delete(UUID documentId) {
        try {
            Files.deleteIfExists(path(documentId));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the file of document " + documentId, e);
        }
    }
}
