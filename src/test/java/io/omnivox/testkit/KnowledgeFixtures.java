package io.omnivox.testkit;

import static io.omnivox.testkit.DefaultApiKey.withKey;
import static io.restassured.RestAssured.given;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Users, knowledge bases, uploads and documents for knowledge-base tests, over the HTTP API. */
public final class KnowledgeFixtures {

    /** Longest a test waits for one document to be ingested (speech recognition on a shared machine included). */
    public static final Duration INGESTION_TIMEOUT = Duration.ofSeconds(120);

    private KnowledgeFixtures() {
    }

    /** A new user: its id and its key. */
    public record TestUser(UUID id, String key) {
    }

    public static TestUser newUser() {
        JsonPath created = given().contentType(ContentType.JSON)
                .body("{\"name\": \"kb-user-" + UUID.randomUUID() + "\"}").post("/api/users")
                .then().statusCode(201).extract().jsonPath();
        return new TestUser(UUID.fromString(created.getString("id")), created.getString("key.key"));
    }

    /** Creates a knowledge base and answers its id. */
    public static String createKnowledgeBase(String key, String name) {
        return withKey(key).contentType(ContentType.JSON).body(Map.of("name", name)).post("/api/knowledge-bases")
                .then().statusCode(201).extract().path("id");
    }

    /** Uploads a file and answers the new document's id. */
    public static String upload(String key, String knowledgeBase, String fileName, byte[] content) {
        return withKey(key).multiPart("file", fileName, content, "application/octet-stream")
                .post("/api/knowledge-bases/" + knowledgeBase + "/documents")
                .then().statusCode(202).extract().path("id");
    }

    /** Polls a document until it is ready or failed (bounded), and answers it. */
    public static JsonPath awaitIngested(String key, String knowledgeBase, String document) {
        long deadline = System.nanoTime() + INGESTION_TIMEOUT.toNanos();
        while (true) {
            JsonPath doc = withKey(key).get("/api/knowledge-bases/" + knowledgeBase + "/documents/" + document)
                    .then().statusCode(200).extract().jsonPath();
            String status = doc.getString("status");
            if (status.equals("ready") || status.equals("failed")) {
                return doc;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("document " + document + " still " + status + " after " + INGESTION_TIMEOUT);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** A PDF with a text layer, one page per string, a line per {@code \\n} (Helvetica, so ASCII text only). */
    public static byte[] textPdf(String... pages) throws Exception {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String text : pages) {
                PDPage page = new PDPage();
                pdf.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    content.setLeading(16);
                    content.newLineAtOffset(72, 700);
                    for (String line : text.split("\n")) {
                        content.showText(line);
                        content.newLine();
                    }
                    content.endText();
                }
            }
            pdf.save(out);
            return out.toByteArray();
        }
    }
}
