package io.omnivox.rag;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import io.omnivox.audio.AudioContainer;
import io.omnivox.document.DocumentService;

/**
 * Tells what a knowledge-base upload is from its content, before it is accepted: a recording (transcribed at
 * ingestion) or one of the documents {@link DocumentService} parses. Only the first bytes are read (whole text files
 * for Markdown and plain text), so an unsupported file is refused at once rather than failing later in the queue.
 */
@ApplicationScoped
public class UploadFormats {

    /** The format stored for recordings; their container is found again when they are decoded. */
    public static final String AUDIO = TranscriptPages.FORMAT;

    private final DocumentService documents;

    public UploadFormats(DocumentService documents) {
        this.documents = documents;
    }

    /**
     * {@value #AUDIO} for a recording (WAV, MP3, FLAC, OGG, WebM, M4A/MP4 and the other containers the audio decoder
     * knows), else the document format's id ({@code pdf}, {@code markdown}…); a {@code DocumentException} (415, or
     * 400 for a broken archive) when it is neither.
     */
    public String detect(Path file, String fileName) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(AudioContainer.PROBE_BYTES);
        }
        if (AudioContainer.probe(head) != AudioContainer.UNKNOWN) {
            return AUDIO;
        }
        return documents.detect(file, fileName).id();
    }
}
