package io.omnivox.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** {@code POST /v1/documents/parse} with PDFs the test builds: text layers, scans, and every bad PDF. */
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
        problem(post("plain text".getBytes(), "notes.txt"), 415, "document-unsupported");
        given().multiPart("file", "empty.pdf", new byte[0], "application/pdf").when().post(PATH)
                .then().statusCode(400).body("type", containsString("document-empty"));
    }

    private static void problem(io.restassured.response.ValidatableResponse response, int status, String slug) {
        response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("type", containsString(slug))
                .body(not(containsString("Exception")));
    }
}
