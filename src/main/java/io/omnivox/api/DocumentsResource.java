package io.omnivox.api;

import java.io.IOException;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.omnivox.document.DocumentConfig;
import io.omnivox.document.DocumentException;
import io.omnivox.document.DocumentService;
import io.omnivox.document.ParsedDocument;
import io.smallrye.common.annotation.Blocking;

/** {@code POST /v1/documents/parse}: a document in, its pages' text with their sources and offsets out. */
@Path("/v1/documents/parse")
@Tag(name = "Vision")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentsResource {

    private final DocumentService documents;
    private final DocumentConfig config;

    public DocumentsResource(DocumentService documents, DocumentConfig config) {
        this.documents = documents;
        this.config = config;
    }

    @POST
    @Blocking
    @ModelWork(Work.DOCUMENTS)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Parse a document", description = "PDF (text layer per page, OCR for scanned "
            + "pages), DOCX, PPTX (a page per slide), EPUB (a page per chapter), HTML, Markdown, plain text and images "
            + "(OCR); the format is detected from the content. Pages with offsets, headings with their page and offset.")
    public ParsedDocument parse(@RestForm("file") FileUpload file) {
        if (file == null || file.size() == 0) {
            throw new DocumentException(400, "document-empty", "The multipart field 'file' is empty or missing.");
        }
        if (file.size() > config.maxUploadBytes()) {
            throw new DocumentException(413, "document-too-large", "The upload has " + file.size()
                    + " bytes; the limit is " + config.maxUploadBytes() + ".");
        }
        try {
            return documents.parse(file.uploadedFile(), file.fileName());
        } catch (IOException e) {
            throw new DocumentException(400, "document-corrupt", "The upload could not be read.");
        }
    }
}
