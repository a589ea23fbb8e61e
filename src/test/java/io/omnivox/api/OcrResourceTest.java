package io.omnivox.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** {@code POST /v1/ocr} with the Tesseract fallback (Debian, installed by .ci/run) and every bad image input. */
@QuarkusTest
class OcrResourceTest {

    private static final String PATH = "/v1/ocr";

    @BeforeEach
    void requireTesseract() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tesseract")), "needs Debian's tesseract-ocr (installed by .ci/run)");
    }

    /** Two lines of black text on white, rendered with Java2D. */
    static byte[] png(String first, String second) throws Exception {
        BufferedImage image = new BufferedImage(900, 220, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 900, 220);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font("DejaVu Sans", Font.PLAIN, 36));
        g.drawString(first, 40, 80);
        g.drawString(second, 40, 170);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void should_read_rendered_text_with_line_boxes() throws Exception {
        given().multiPart("file", "page.png", png("Omnivox reads images", "second line here"), "image/png")
                .when().post(PATH)
                .then().statusCode(200)
                .header("X-Omnivox-Engine", "tesseract")
                .body("engine", equalTo("tesseract"))
                .body("text", containsString("Omnivox reads images"))
                .body("pages[0].lines", hasSize(2))
                .body("pages[0].lines[1].box.y", org.hamcrest.Matchers.greaterThan(100));
    }

    @Test
    void should_read_only_the_region_when_one_is_given() throws Exception {
        given().multiPart("file", "page.png", png("Omnivox reads images", "second line here"), "image/png")
                .multiPart("region", "0,110,900,110")
                .when().post(PATH)
                .then().statusCode(200)
                .body("text", containsString("second line"))
                .body("text", not(containsString("Omnivox")));
    }

    @Test
    void should_answer_400_for_a_corrupt_png() throws Exception {
        byte[] png = png("a", "b");
        byte[] cut = java.util.Arrays.copyOf(png, png.length / 3);
        problem(cut, 400, "image-corrupt");
    }

    @Test
    void should_answer_400_for_a_corrupt_jpeg() throws Exception {
        BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(png("a", "b")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        byte[] jpeg = out.toByteArray();
        // keep the start-of-image marker and the first header bytes, then scramble the rest
        byte[] broken = java.util.Arrays.copyOf(jpeg, jpeg.length);
        java.util.Random random = new java.util.Random(7);
        for (int i = 20; i < broken.length; i++) {
            broken[i] = (byte) random.nextInt(256);
        }
        problem(broken, 400, "image-corrupt");
    }

    @Test
    void should_answer_413_for_a_decompression_bomb_without_decoding_it() throws Exception {
        byte[] png = png("a", "b");
        // IHDR: width and height at bytes 16..23, CRC of type+data at 29..32
        ByteBuffer.wrap(png).putInt(16, 50_000).putInt(20, 50_000);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        ByteBuffer.wrap(png).putInt(29, (int) crc.getValue());
        problem(png, 413, "image-too-large");
    }

    @Test
    void should_answer_415_for_a_file_that_is_not_an_image() {
        problem("just some text, not an image".getBytes(), 415, "image-unsupported");
    }

    @Test
    void should_answer_400_for_a_region_outside_the_image() throws Exception {
        given().multiPart("file", "page.png", png("a", "b"), "image/png").multiPart("region", "800,0,500,50")
                .when().post(PATH).then().statusCode(400).body("errors[0].field", equalTo("region"));
    }

    @Test
    void should_answer_400_for_an_unknown_mode() throws Exception {
        given().multiPart("file", "page.png", png("a", "b"), "image/png").multiPart("mode", "poetry")
                .when().post(PATH).then().statusCode(400).body("errors[0].field", equalTo("mode"));
    }

    /** A page with a red frame around its second line only. */
    static byte[] framed(String first, String second) throws Exception {
        BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(png(first, second)));
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.setStroke(new java.awt.BasicStroke(4));
        g.drawRect(20, 115, 860, 80);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A PDF whose pages are the given rendered images (no text layer). */
    static byte[] scannedPdf(byte[]... pages) throws Exception {
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = new org.apache.pdfbox.pdmodel.PDDocument()) {
            for (byte[] png : pages) {
                org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage();
                pdf.addPage(page);
                var image = org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject.createFromByteArray(pdf, png,
                        "page.png");
                try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(pdf, page)) {
                    content.drawImage(image, 36, 500, 540, 132);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void should_read_only_inside_the_colour_frame() throws Exception {
        given().multiPart("file", "page.png", framed("Omnivox reads images", "framed words only"), "image/png")
                .multiPart("colour", "red")
                .when().post(PATH)
                .then().statusCode(200)
                .body("text", containsString("framed words only"))
                .body("text", not(containsString("Omnivox")));
    }

    @Test
    void should_answer_422_when_the_colour_frame_is_missing_and_400_for_an_unknown_colour() throws Exception {
        given().multiPart("file", "page.png", png("no frame", "here"), "image/png").multiPart("colour", "blue")
                .when().post(PATH).then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("type", containsString("region-colour-not-found"));
        given().multiPart("file", "page.png", png("a", "b"), "image/png").multiPart("colour", "purple")
                .when().post(PATH).then().statusCode(400).body("errors[0].field", equalTo("colour"));
    }

    @Test
    void should_read_every_page_of_a_pdf_in_order() throws Exception {
        byte[] pdf = scannedPdf(png("First page speaks", "of apples"), png("Second page speaks", "of pears"));

        given().multiPart("file", "scan.pdf", pdf, "application/pdf")
                .when().post(PATH)
                .then().statusCode(200)
                .body("pages", hasSize(2))
                .body("pages[0].page", equalTo(1))
                .body("pages[0].text", containsString("apples"))
                .body("pages[1].page", equalTo(2))
                .body("pages[1].text", containsString("pears"))
                .body("text", org.hamcrest.Matchers.matchesPattern("(?s).*apples.*pears.*"));
    }

    @Test
    void should_refuse_a_pdf_over_the_page_limit_and_a_region_on_a_pdf() throws Exception {
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = new org.apache.pdfbox.pdmodel.PDDocument()) {
            for (int i = 0; i < 21; i++) {
                pdf.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            problem(out.toByteArray(), 413, "document-too-many-pages");
        }
        given().multiPart("file", "scan.pdf", scannedPdf(png("a", "b")), "application/pdf")
                .multiPart("region", "0,0,10,10")
                .when().post(PATH).then().statusCode(400).body("errors[0].field", equalTo("region"));
        problem("%PDF-1.7\n1 0 obj << /Type /Catalog".getBytes(), 400, "document-corrupt");
    }

    private static void problem(byte[] body, int status, String slug) {
        given().multiPart("file", "upload.bin", body, "application/octet-stream").when().post(PATH)
                .then().statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("type", containsString(slug))
                .body(not(containsString("Exception")));
    }
}
