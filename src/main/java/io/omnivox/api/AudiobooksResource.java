package io.omnivox.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
 * downloads: an M4B with chapters, an MP3 per chapter, a report). Its cast (who speaks, in which voice) can be read and
 * changed once the book is planned: before rendering when the job was made with {@code review}, or after it.
 */
@Path("/api/audiobooks")
@Tag(name = "Studio")
@Produces(MediaType.APPLICATION_JSON)
public class AudiobooksResource {

    /** Books are text: what the document parsers read, images excepted. */
    private static final Set<DocumentFormat> BOOKS = Set.of(DocumentFormat.EPUB, DocumentFormat.DOCX,
            DocumentFormat.PDF, DocumentFormat.MARKDOWN, DocumentFormat.TEXT, DocumentFormat.HTML);
    private static final int MAX_TEXT_FIELD = 200;
    private static final int MAX_CAST = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

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
            description = "Multipart: 'file' (the book), optional 'narrator' (a voice id from /v1/voices), 'title', "
                    + "'author', 'cast' (a JSON object of character name to voice id; other main characters get "
                    + "voices of their own) and 'review' (true: stop after planning in the state 'awaiting_review' "
                    + "so the cast can be read and changed, until POST /api/jobs/{id}/approve). Answers 202 with the "
                    + "job; follow it at /api/jobs/{id}.")
    public Response create(@RestForm("file") FileUpload file, @RestForm("narrator") String narrator,
            @RestForm("title") String title, @RestForm("author") String author, @RestForm("cast") String cast,
            @RestForm("review") String review) throws IOException {
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
        if (voice != null) {
            known("narrator", voice);
        }
        Map<String, String> characters = cast(cast);
        boolean reviewed = flag("review", review);
        String stored = "source." + format.id();
        AudiobookRunner.Request request = new AudiobookRunner.Request(stored, fileName, text("title", title),
                text("author", author), voice, characters, reviewed);
        JobView job = jobs.create(user.id(), AudiobookRunner.KIND, request.toJson(), directory -> {
            try {
                Files.copy(file.uploadedFile(), directory.resolve(stored), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return Response.accepted(job).location(URI.create("/api/jobs/" + job.id())).build();
    }

    @GET
    @Path("/{id}/cast")
    @Operation(summary = "The audiobook's cast: the narrator's voice and each character who speaks",
            description = "Each character with the number of quotes they say, the first one and the voice that reads "
                    + "them. 409 until the book is planned.")
    public AudiobookRunner.Cast cast(@PathParam("id") UUID id) {
        return planned(id);
    }

    @PUT
    @Path("/{id}/cast")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recast characters: their lines are spoken in the new voices",
            description = "A JSON object of character name to voice id (names as GET /api/audiobooks/{id}/cast lists "
                    + "them). Before rendering (a job awaiting review) only the plan changes: 200 with the job, still "
                    + "awaiting review. After rendering, the recast lines are spoken again and the book rebuilt, the "
                    + "other segments kept: 202 with the job.")
    public Response recast(@PathParam("id") UUID id, Map<String, String> cast) {
        AudiobookRunner.Cast current = planned(id); // 404 for another's job before anything about the body
        if (cast == null || cast.isEmpty()) {
            throw new InvalidRequestException("cast", "Send a JSON object of character name to voice id.");
        }
        cast.forEach((name, voice) -> known("cast." + name, voice));
        for (String name : cast.keySet()) {
            if (!current.speaks(name)) {
                throw new InvalidRequestException(422, "unknown-character", "cast." + name, "The book has no"
                        + " character '" + name + "' who speaks; its speakers are " + current.names() + ".");
            }
        }
        Map<Integer, String> changed = AudiobookRunner.recast(jobs.segments(user.id(), id), cast);
        if (changed.isEmpty()) {
            return Response.ok(jobs.get(user.id(), id)).build();
        }
        JobView job = jobs.rerender(user.id(), id, changed);
        return job.awaitingReview() ? Response.ok(job).build() : Response.accepted(job).build();
    }

    /** The cast of the caller's audiobook; 404 for another job, 409 before its book is planned. */
    private AudiobookRunner.Cast planned(UUID id) {
        JobView job = jobs.get(user.id(), id);
        if (!job.kind().equals(AudiobookRunner.KIND)) {
            throw new jakarta.ws.rs.NotFoundException("You have no audiobook " + id + ".");
        }
        java.nio.file.Path directory = jobs.directory(user.id(), id);
        if (job.segmentsTotal() == 0 || !Files.isRegularFile(directory.resolve("plan.json"))) {
            throw new ClientErrorException("The book is not planned yet (the job is " + job.state() + ").", 409);
        }
        return AudiobookRunner.cast(directory, jobs.segments(user.id(), id));
    }

    private void known(String field, String voice) {
        if (voice == null || voices.all(user.id()).stream().map(VoiceInfo::id).noneMatch(voice::equals)) {
            throw new InvalidRequestException(422, "unknown-voice", field, "There is no voice '" + voice
                    + "'; GET /v1/voices lists them.");
        }
    }

    private Map<String, String> cast(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        JsonNode cast;
        try {
            cast = JSON.readTree(json);
        } catch (IOException e) {
            throw new InvalidRequestException("cast", "'cast' must be a JSON object of character name to voice id.");
        }
        if (!cast.isObject() || cast.size() > MAX_CAST) {
            throw new InvalidRequestException("cast", "'cast' must be a JSON object of at most " + MAX_CAST
                    + " character names to voice ids.");
        }
        Map<String, String> characters = new java.util.LinkedHashMap<>();
        cast.properties().forEach(e -> {
            known("cast." + e.getKey(), e.getValue().asText(null));
            characters.put(text("cast", e.getKey()), e.getValue().asText());
        });
        return characters;
    }

    /** A true/false form field; absent is false. */
    private static boolean flag(String field, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidRequestException(field, "'" + field + "' must be true or false.");
        };
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
