package io.omnivox.api;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;

import io.omnivox.document.TestDocuments;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code POST /v1/documents/parse} with documents the tests build: PDFs (text layers, scans, every bad PDF), DOCX, PPTX,
 * EPUB, HTML, Markdown, text and images, zip bombs and other bad archives.
 */
@QuarkusTest
class DocumentsResourceTest {

    private static final String PATH = "/v1/documents/parse";

    private static byte[] save(PDDocument pdf) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pdf.save(out);
        pdf.close();
        return out.toByteArray();
    }

    private static byte[] textPdf(String... pages) throws Exception {
        PDDocument pdf = new PDDocument();
        for (String text : pages) {
            PDPage page = new PDPage();
            pdf.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
        }
        return save(pdf);
    }

    private static byte[] scannedPdf() throws Exception {
        PDDocument pdf = new PDDocument();
        PDPage page = new PDPage();
        pdf.addPage(page);
        PDImageXObject image = PDImageXObject.createFromByteArray(pdf,
                OcrResourceTest.png("Omnivox reads scanned pages", "without any text layer"), "scan.png");
        try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
            content.drawImage(image, 36, 500, 540, 132);
        }
        return save(pdf);
    }

    private static io.restassured.response.ValidatableResponse post(byte[] body, String name) {
        return given().multiPart("file", name, body, "application/pdf").when().post(PATH).then();
    }

    @Test
    void should_take_text_from_the_text_layer_with_page_offsets() throws Exception {
        post(textPdf("First page about retrieval.", "Second page about citations."), "two.pdf")
                .statusCode(200)
                .body("format", equalTo("pdf"))
                .body("title", equalTo("two.pdf"))
                .body("pages[0].number", equalTo(1))
                .body("pages[0].source", equalTo("TEXT_LAYER"))
                .body("pages[0].text", equalTo("First page about retrieval."))
                .body("pages[1].offset", equalTo("First page about retrieval.".length() + 2))
                .body("pages[1].text", equalTo("Second page about citations."));
    }

    @Test
    void should_ocr_a_page_without_a_text_layer() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tesseract")), "needs Debian's tesseract-ocr (installed by .ci/run)");

        post(scannedPdf(), "scan.pdf").statusCode(200)
                .body("pages[0].source", equalTo("OCR"))
                .body("pages[0].text", containsString("scanned pages"));
    }

    @Test
    void should_refuse_an_encrypted_pdf() throws Exception {
        PDDocument pdf = new PDDocument();
        pdf.addPage(new PDPage());
        StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "secret", new AccessPermission());
        policy.setEncryptionKeyLength(128);
        pdf.protect(policy);

        problem(post(save(pdf), "locked.pdf"), 422, "document-encrypted");
    }

    @Test
    void should_refuse_a_pdf_with_too_many_pages_before_reading_them() throws Exception {
        PDDocument pdf = new PDDocument();
        for (int i = 0; i < 5_000; i++) {
            pdf.addPage(new PDPage());
        }

        problem(post(save(pdf), "huge.pdf"), 413, "document-too-many-pages");
    }

    @Test
    void should_refuse_a_corrupt_pdf() {
        problem(post("%PDF-1.7\n1 0 obj << /Type /Catalog".getBytes(), "broken.pdf"), 400, "document-corrupt");
    }

    @Test
    void should_refuse_an_unsupported_type_and_an_empty_upload() {
        problem(post(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, "data.bin"), 415, "document-unsupported");
        given().multiPart("file", "empty.pdf", new byte[0], "application/pdf").when().post(PATH)
                .then().statusCode(400).body("type", containsString("document-empty"));
    }

    private static io.restassured.response.ValidatableResponse upload(byte[] body, String name) {
        // The declared type says nothing: the server detects the format from the content.
        return given().multiPart("file", name, body, "application/octet-stream").when().post(PATH).then();
    }

    @Test
    void should_parse_a_docx_with_headings_on_their_pages() throws Exception {
        upload(TestDocuments.docx(), "report.docx").statusCode(200)
                .body("format", equalTo("docx"))
                .body("title", equalTo("Quarterly Report"))
                .body("pages", hasSize(2))
                .body("pages[1].text", startsWith("Results"))
                .body("headings.text", contains("Introduction", "Scope", "Results", "Details"))
                .body("headings.level", contains(1, 2, 1, 3))
                .body("headings.page", contains(1, 1, 2, 2))
                .body("headings[2].offset", equalTo(upload(TestDocuments.docx(), "r.docx").extract()
                        .path("pages[1].offset")));
    }

    @Test
    void should_parse_a_pptx_epub_html_markdown_and_text() throws Exception {
        upload(TestDocuments.pptx(), "deck.pptx").statusCode(200)
                .body("format", equalTo("pptx")).body("title", equalTo("Roadmap 2025"))
                .body("pages", hasSize(2)).body("headings.text", contains("Roadmap 2025", "Milestones"));
        upload(TestDocuments.epub(), "book.epub").statusCode(200)
                .body("format", equalTo("epub")).body("title", equalTo("The Test Book"))
                .body("pages", hasSize(2)).body("headings.page", contains(1, 1, 2));
        upload("<!DOCTYPE html><title>Page</title><h1>Top</h1><p>Body text.</p>".getBytes(UTF_8), "page.bin")
                .statusCode(200).body("format", equalTo("html")).body("title", equalTo("Page"))
                .body("pages[0].text", equalTo("Top\n\nBody text."));
        upload("Setext title\n===\n\n## Section\n\nText.".getBytes(UTF_8), "notes.md").statusCode(200)
                .body("format", equalTo("markdown")).body("title", equalTo("Setext title"))
                .body("headings.level", contains(1, 2));
        upload("plain text\n\nsecond".getBytes(UTF_8), "notes.txt").statusCode(200)
                .body("format", equalTo("text")).body("pages[0].text", equalTo("plain text\n\nsecond"));
    }

    @Test
    void should_refuse_zip_bombs_and_keep_serving() throws Exception {
        problem(upload(TestDocuments.docxBomb(), "bomb.docx"), 413, "document-unpacks-too-large");
        upload(TestDocuments.docx(), "after.docx").statusCode(200).body("pages", hasSize(2));
        problem(upload(TestDocuments.epubBomb(), "bomb.epub"), 413, "document-unpacks-too-large");
        upload(TestDocuments.epub(), "after.epub").statusCode(200).body("pages", hasSize(2));
    }

    @Test
    void should_refuse_a_truncated_docx_and_an_unknown_zip() throws Exception {
        byte[] docx = TestDocuments.docx();
        problem(upload(Arrays.copyOf(docx, docx.length / 2), "cut.docx"), 400, "document-corrupt");

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("just a zip".getBytes(UTF_8));
        }
        problem(upload(zip.toByteArray(), "archive.docx"), 415, "document-unsupported");
    }

    @Test
    void should_read_an_image_document_with_ocr() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tesseract")), "needs Debian's tesseract-ocr (installed by .ci/run)");

        upload(OcrResourceTest.png("Omnivox reads photos", "of printed pages"), "photo.jpg").statusCode(200)
                .body("format", equalTo("image"))
                .body("title", equalTo("photo.jpg"))
                .body("pages", hasSize(1))
                .body("pages[0].source", equalTo("OCR"))
                .body("pages[0].text", containsString("reads photos"));
    }

    private static void problem(io.restassured.response.ValidatableResponse response, int status, String slug) {
        response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("type", containsString(slug))
                .body(not(containsString("Exception")));
    }
}
