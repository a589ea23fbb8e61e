package io.omnivox.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.omnivox.account.CurrentUser;
import io.omnivox.document.DocumentConfig;
import io.omnivox.document.DocumentException;
import io.omnivox.document.DocumentFormat;
import io.omnivox.document.DocumentService;
import io.omnivox.studio.AudiobookRunner;
import io.omnivox.studio.JobView;
import io.omnivox.studio.StudioJobs;
import io.omnivox.tts.VoiceInfo;
import io.omnivox.tts.VoiceService;

/**
 * {@code POST /api/audiobooks}: a book read aloud, as a studio job ({@code /api/jobs/{id}} for its progress and
 * downloads: an M4B with chapters, an MP3 per chapter, a report).
 */
@Path("/api/audiobooks")
@Tag(name = "Studio")
@Produces(MediaType.APPLICATION_JSON)
public class AudiobooksResource {

    /** Books are text: what the document parsers read, images excepted. */
    private static final Set<DocumentFormat> BOOKS = Set.of(DocumentFormat.EPUB, DocumentFormat.DOCX,
            DocumentFormat.PDF, DocumentFormat.MARKDOWN, DocumentFormat.TEXT, DocumentFormat.HTML);
    private static final int MAX_TEXT_FIELD = 200;

    private final StudioJobs jobs;
    private final DocumentService documents;
    private final DocumentConfig config;
    private final VoiceService voices;
    private final CurrentUser user;

    public AudiobooksResource(StudioJobs jobs, DocumentService documents, DocumentConfig config, VoiceService voices,
            CurrentUser user) {
        this.jobs = jobs;
        this.documents = documents;
        this.config = config;
        this.voices = voices;
        this.user = user;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Read a book aloud (EPUB, DOCX, PDF, Markdown, HTML, text) as a studio job",
            description = "Multipart: 'file' (the book), optional 'narrator' (a voice id from /v1/voices), 'title' and "
                    + "'author'. Answers 202 with the job; follow it at /api/jobs/{id}.")
    public Response create(@RestForm("file") FileUpload file, @RestForm("narrator") String narrator,
            @RestForm("title") String title, @RestForm("author") String author) throws IOException {
        if (file == null || file.size() == 0) {
            throw new DocumentException(400, "document-empty", "The multipart field 'file' is empty or missing.");
        }
        if (file.size() > config.maxUploadBytes()) {
            throw new DocumentException(413, "document-too-large", "The book has " + file.size()
                    + " bytes; the limit is " + config.maxUploadBytes() + ".");
        }
        String fileName = KnowledgeBasesResource.fileName(file.fileName());
        DocumentFormat format = documents.detect(file.uploadedFile(), fileName);
        if (!BOOKS.contains(format)) {
            throw new DocumentException(415, "unsupported-book", "A " + format.id() + " file is not a book; send an"
                    + " EPUB, DOCX, PDF, Markdown, HTML or plain-text file.");
        }
        String voice = text("narrator", narrator);
        if (voice != null && voices.all().stream().map(VoiceInfo::id).noneMatch(voice::equals)) {
            throw new InvalidRequestException(422, "unknown-voice", "narrator", "There is no voice '" + voice
                    + "'; GET /v1/voices lists them.");
        }
        String stored = "source." + format.id();
        AudiobookRunner.Request request = new AudiobookRunner.Request(stored, fileName, text("title", title),
                text("author", author), voice);
        JobView job = jobs.create(user.id(), AudiobookRunner.KIND, request.toJson(), directory -> {
            try {
                Files.copy(file.uploadedFile(), directory.resolve(stored), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return Response.accepted(job).location(URI.create("/api/jobs/" + job.id())).build();
    }

    private static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT_FIELD) {
            throw new InvalidRequestException(field, "'" + field + "' may hold at most " + MAX_TEXT_FIELD
                    + " characters.");
        }
        return value.strip();
    }
}
