package io.omnivox.api;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.omnivox.account.CurrentUser;
import io.omnivox.document.DocumentException;
import io.omnivox.rag.KnowledgeBaseService;
import io.omnivox.rag.KnowledgeDocument;
import io.omnivox.rag.RagConfig;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code /api/knowledge-bases}: the caller's knowledge bases and their documents. Uploads answer 202 at once and are
 * ingested in the background; a document's {@code status} goes pending → processing → ready (or failed, with
 * {@code error}). Another user's knowledge base or document is answered 404, exactly like one that does not exist.
 */
@Path("/api/knowledge-bases")
@Tag(name = "Knowledge")
@Produces(MediaType.APPLICATION_JSON)
public class KnowledgeBasesResource {

    /** A knowledge base as listed. */
    public record KnowledgeBaseView(UUID id, String name, long documents,
            @JsonProperty("created_at") Instant createdAt) {
        static KnowledgeBaseView of(KnowledgeBaseService.Listed listed) {
            return new KnowledgeBaseView(listed.knowledgeBase().id(), listed.knowledgeBase().name(),
                    listed.documents(), listed.knowledgeBase().createdAt());
        }
    }

    /** A document and where its ingestion stands; {@code pages} once ready, {@code error} once failed. */
    public record DocumentView(UUID id, @JsonProperty("knowledge_base_id") UUID knowledgeBaseId,
            @JsonProperty("file_name") String fileName, String format, String status, String error, Integer pages,
            @JsonProperty("created_at") Instant createdAt) {
        static DocumentView of(KnowledgeDocument d) {
            return new DocumentView(d.id(), d.knowledgeBaseId(), d.fileName(), d.format(),
                    d.status().name().toLowerCase(java.util.Locale.ROOT), d.error(), d.pages(), d.createdAt());
        }
    }

    public record NewKnowledgeBase(String name) {
    }

    /** Longest name accepted (the column's size). */
    static final int MAX_NAME = 200;
    /** Longest file name kept (the column's size); longer ones keep their end, where the extension is. */
    static final int MAX_FILE_NAME = 255;

    private final KnowledgeBaseService service;
    private final CurrentUser user;
    private final RagConfig config;

    public KnowledgeBasesResource(KnowledgeBaseService service, CurrentUser user, RagConfig config) {
        this.service = service;
        this.user = user;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a knowledge base", description = "Names are 1-200 characters and unique per user "
            + "(409 otherwise).")
    public Response create(NewKnowledgeBase body) {
        String name = body == null || body.name() == null ? "" : body.name().strip();
        if (name.isEmpty()) {
            throw new InvalidRequestException("name", "name is required");
        }
        if (name.length() > MAX_NAME) {
            throw new InvalidRequestException("name", "name is longer than " + MAX_NAME + " characters");
        }
        var created = service.create(user.id(), name);
        return Response.status(201).location(URI.create("/api/knowledge-bases/" + created.id()))
                .entity(KnowledgeBaseView.of(new KnowledgeBaseService.Listed(created, 0))).build();
    }

    @GET
    @Operation(summary = "List your knowledge bases, by name, with their document counts")
    public List<KnowledgeBaseView> list() {
        return service.list(user.id()).stream().map(KnowledgeBaseView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A knowledge base")
    public KnowledgeBaseView get(@PathParam("id") UUID id) {
        return KnowledgeBaseView.of(service.get(user.id(), id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a knowledge base with its documents, their files and their passages")
    public Response delete(@PathParam("id") UUID id) {
        service.delete(user.id(), id);
        return Response.noContent().build();
    }

    @POST
    @Blocking
    @Path("/{id}/documents")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload a document for ingestion", description = "Multipart field 'file': PDF, DOCX, PPTX, "
            + "EPUB, HTML, Markdown, text, images (OCR) or a recording (WAV, MP3, FLAC, OGG, WebM, M4A, MP4; "
            + "transcribed, one page per time window). Answers 202 with the pending document; poll it for its status.")
    public Response upload(@PathParam("id") UUID id, @RestForm("file") FileUpload file) throws IOException {
        if (file == null || file.size() == 0) {
            throw new DocumentException(400, "document-empty", "The multipart field 'file' is empty or missing.");
        }
        long limit = config.ingestion().maxUploadBytes();
        if (file.size() > limit) {
            throw new DocumentException(413, "document-too-large", "The upload has " + file.size()
                    + " bytes; the limit is " + limit + ".");
        }
        KnowledgeDocument document = service.upload(user.id(), id, file.uploadedFile(), fileName(file.fileName()));
        return Response.accepted(DocumentView.of(document))
                .location(URI.create("/api/knowledge-bases/" + id + "/documents/" + document.id())).build();
    }

    @GET
    @Path("/{id}/documents")
    @Operation(summary = "The documents of a knowledge base with their status, oldest first")
    public List<DocumentView> documents(@PathParam("id") UUID id) {
        return service.documents(user.id(), id).stream().map(DocumentView::of).toList();
    }

    @GET
    @Path("/{id}/documents/{documentId}")
    @Operation(summary = "A document and its ingestion status")
    public DocumentView document(@PathParam("id") UUID id, @PathParam("documentId") UUID documentId) {
        return DocumentView.of(service.document(user.id(), id, documentId));
    }

    @DELETE
    @Path("/{id}/documents/{documentId}")
    @Operation(summary = "Delete a document, its stored file and its passages")
    public Response deleteDocument(@PathParam("id") UUID id, @PathParam("documentId") UUID documentId) {
        service.deleteDocument(user.id(), id, documentId);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/documents/{documentId}/reindex")
    @Operation(summary = "Ingest a document again from its stored file", description = "Answers 202 with the document, "
            + "pending again.")
    public Response reindex(@PathParam("id") UUID id, @PathParam("documentId") UUID documentId) {
        KnowledgeDocument document = service.reindex(user.id(), id, documentId);
        return Response.accepted(DocumentView.of(document))
                .location(URI.create("/api/knowledge-bases/" + id + "/documents/" + documentId)).build();
    }

    /** The client's file name without any folder part, at most {@value #MAX_FILE_NAME} characters. */
    static String fileName(String given) {
        String name = given == null ? "" : given.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        if (name.isEmpty()) {
            return "upload";
        }
        return name.length() <= MAX_FILE_NAME ? name : name.substring(name.length() - MAX_FILE_NAME);
    }
}
