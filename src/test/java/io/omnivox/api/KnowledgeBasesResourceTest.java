package io.omnivox.api;

import static io.omnivox.testkit.DefaultApiKey.withKey;
import static io.omnivox.testkit.KnowledgeFixtures.awaitIngested;
import static io.omnivox.testkit.KnowledgeFixtures.createKnowledgeBase;
import static io.omnivox.testkit.KnowledgeFixtures.newUser;
import static io.omnivox.testkit.KnowledgeFixtures.textPdf;
import static io.omnivox.testkit.KnowledgeFixtures.upload;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.mock.ChatModelMock;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.omnivox.agent.AgentConfig;
import io.omnivox.agent.Passage;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.registry.ModelCatalog;
import io.omnivox.rag.RagKnowledgeSearch;
import io.omnivox.rag.StoredFiles;
import io.omnivox.testkit.KnowledgeFixtures.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * {@code /api/knowledge-bases}: knowledge bases and documents over HTTP, real parsing and in-process embeddings, the
 * agent's search over what was uploaded, and isolation between users.
 */
@QuarkusTest
class KnowledgeBasesResourceTest {

    private static final String MARKDOWN = """
            # Lighthouse keeping

            The keeper of the Skerrymore light winds the clockwork lens every four hours through the night.

            ## Supplies

            Paraffin for the lamp arrives by boat on the first Monday of each month.
            """;

    /**
     * One long sentence filling most of a chunk, so the second page's text starts a chunk of its own (a chunk is
     * cited by the page it starts on).
     */
    private static final String TIDE_TABLES = String.join("\n",
            "Tide tables are printed every spring by the coastal office and sent to each harbour",
            "along the northern shore so that fishing crews, ferry captains and the lifeboat",
            "service can plan their crossings, moorings and launches around the highest and the",
            "lowest water of every day of the coming year, with the heights in metres, the phases",
            "of the moon and notes on the spring and neap cycles that shape the working calendar",
            "of the whole coast from the estuary in the south to the islands in the far north.");

    @Inject
    RagKnowledgeSearch search;
    @Inject
    StoredFiles files;
    @Inject
    AgentConfig agentConfig;
    @Inject
    OnnxSessionFactory onnx;
    @Inject
    ModelCatalog catalog;

    private static String documents(String kb) {
        return "/api/knowledge-bases/" + kb + "/documents";
    }

    @Test
    void should_create_list_get_and_delete_knowledge_bases() {
        TestUser ada = newUser();
        String kb = createKnowledgeBase(ada.key(), "Manuals");

        withKey(ada.key()).contentType(ContentType.JSON).body(Map.of("name", "Manuals")).post("/api/knowledge-bases")
                .then().statusCode(409).contentType(startsWith("application/problem+json"))
                .body("type", endsWith("/name-taken")).body("errors[0].field", equalTo("name"));
        withKey(ada.key()).contentType(ContentType.JSON).body(Map.of("name", " ")).post("/api/knowledge-bases")
                .then().statusCode(400).body("errors[0].field", equalTo("name"));
        withKey(ada.key()).contentType(ContentType.JSON).body(Map.of("name", "n".repeat(201)))
                .post("/api/knowledge-bases").then().statusCode(400).body("errors[0].field", equalTo("name"));
        // another user may use the same name
        createKnowledgeBase(newUser().key(), "Manuals");

        withKey(ada.key()).get("/api/knowledge-bases").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.contains(kb)).body("[0].documents", equalTo(0));
        withKey(ada.key()).get("/api/knowledge-bases/" + kb).then().statusCode(200).body("name", equalTo("Manuals"));
        withKey(ada.key()).delete("/api/knowledge-bases/" + kb).then().statusCode(204);
        withKey(ada.key()).get("/api/knowledge-bases/" + kb).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        withKey(ada.key()).get("/api/knowledge-bases/not-a-uuid").then().statusCode(404);
    }

    @Test
    void should_ingest_markdown_and_pdf_and_let_the_agent_search_them() throws Exception {
        TestUser ada = newUser();
        String kb = createKnowledgeBase(ada.key(), "Coast");

        JsonPath accepted = withKey(ada.key()).multiPart("file", "lighthouse.md", MARKDOWN.getBytes(UTF_8))
                .post(documents(kb)).then().statusCode(202)
                .header("Location", containsString(documents(kb) + "/")).extract().jsonPath();
        String markdown = accepted.getString("id");
        assertThat(accepted.getString("status")).isEqualTo("pending");
        assertThat(accepted.getString("file_name")).isEqualTo("lighthouse.md");
        assertThat(accepted.getString("format")).isEqualTo("markdown");
        String pdf = upload(ada.key(), kb, "tides.pdf", textPdf(TIDE_TABLES,
                "The harbour master keeps the tide gauge calibrated with a brass plumb line."));

        JsonPath readyMarkdown = awaitIngested(ada.key(), kb, markdown);
        JsonPath readyPdf = awaitIngested(ada.key(), kb, pdf);
        assertThat(readyMarkdown.getString("status")).isEqualTo("ready");
        assertThat(readyMarkdown.getInt("pages")).isEqualTo(1);
        assertThat(readyPdf.getString("status")).as(readyPdf.prettify()).isEqualTo("ready");
        assertThat(readyPdf.getInt("pages")).isEqualTo(2);
        assertThat(readyPdf.getString("error")).isNull();
        withKey(ada.key()).get(documents(kb)).then().statusCode(200).body("id", org.hamcrest.Matchers.contains(markdown,
                pdf)).body("status", org.hamcrest.Matchers.contains("ready", "ready"));
        withKey(ada.key()).get("/api/knowledge-bases/" + kb).then().body("documents", equalTo(2));

        String owner = ada.id().toString();
        assertThat(search.hasKnowledge(owner, List.of())).isTrue();
        assertThat(search.hasKnowledge(owner, List.of(kb))).isTrue();
        List<Passage> gauge = search.search(owner, List.of(kb), "who calibrates the tide gauge", 3);
        assertThat(gauge).isNotEmpty();
        assertThat(gauge.get(0).documentId()).isEqualTo(pdf);
        assertThat(gauge.get(0).title()).isEqualTo("tides.pdf");
        assertThat(gauge.get(0).page()).isEqualTo(2);
        assertThat(gauge.get(0).text()).contains("brass plumb line");
        List<Passage> paraffin = search.search(owner, List.of(), "when does the paraffin arrive", 3);
        assertThat(paraffin.get(0).documentId()).isEqualTo(markdown);
        assertThat(paraffin.get(0).section()).isEqualTo("Lighthouse keeping › Supplies");

        // deleting a document removes its passages and its stored file
        withKey(ada.key()).delete(documents(kb) + "/" + markdown).then().statusCode(204);
        withKey(ada.key()).get(documents(kb) + "/" + markdown).then().statusCode(404);
        assertThat(Files.exists(files.path(UUID.fromString(markdown)))).isFalse();
        assertThat(search.search(owner, List.of(kb), "paraffin lamp boat Monday", 10))
                .extracting(Passage::documentId).doesNotContain(markdown);

        // re-indexing ingests the stored file again
        withKey(ada.key()).post(documents(kb) + "/" + pdf + "/reindex").then().statusCode(202)
                .header("Location", endsWith(documents(kb) + "/" + pdf)).body("status", equalTo("pending"));
        assertThat(awaitIngested(ada.key(), kb, pdf).getString("status")).isEqualTo("ready");
        assertThat(search.search(owner, List.of(kb), "brass plumb line", 3)).extracting(Passage::documentId)
                .contains(pdf);

        // deleting the knowledge base removes the rest
        withKey(ada.key()).delete("/api/knowledge-bases/" + kb).then().statusCode(204);
        assertThat(Files.exists(files.path(UUID.fromString(pdf)))).isFalse();
        assertThat(search.hasKnowledge(owner, List.of())).isFalse();
        assertThat(search.search(owner, List.of(), "brass plumb line", 3)).isEmpty();
    }

    @Test
    void should_mark_a_corrupt_upload_failed_and_keep_serving() throws Exception {
        TestUser ada = newUser();
        String kb = createKnowledgeBase(ada.key(), "Broken");

        String corrupt = upload(ada.key(), kb, "broken.pdf", "%PDF-1.7\nthis is not really a PDF at all".getBytes(UTF_8));

        JsonPath failed = awaitIngested(ada.key(), kb, corrupt);
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("error")).isNotBlank();
        assertThat(failed.getString("pages")).isNull();
        assertThat(search.hasKnowledge(ada.id().toString(), List.of(kb))).isFalse();
        // the server goes on serving and ingesting
        String good = upload(ada.key(), kb, "ok.md", MARKDOWN.getBytes(UTF_8));
        assertThat(awaitIngested(ada.key(), kb, good).getString("status")).isEqualTo("ready");
        assertThat(search.hasKnowledge(ada.id().toString(), List.of(kb))).isTrue();
    }

    @Test
    void should_refuse_empty_and_unsupported_uploads_at_once() {
        TestUser ada = newUser();
        String kb = createKnowledgeBase(ada.key(), "Refusals");

        withKey(ada.key()).multiPart("file", "empty.md", new byte[0]).post(documents(kb)).then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("type", endsWith("/document-empty"));
        withKey(ada.key()).multiPart("file", "data.bin", new byte[] {1, 2, 3, 4, 5, 0, 7}).post(documents(kb))
                .then().statusCode(415).body("type", endsWith("/document-unsupported"))
                .body("detail", containsString("Supported documents"));
        withKey(ada.key()).contentType(ContentType.JSON).body("{}").post(documents(kb)).then().statusCode(415);
        withKey(ada.key()).get(documents(kb)).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void should_answer_404_to_another_users_knowledge_base_and_documents() throws Exception {
        TestUser ada = newUser();
        TestUser bob = newUser();
        String kb = createKnowledgeBase(ada.key(), "Private");
        String doc = upload(ada.key(), kb, "secret.md", "# Secret\n\nThe vault code is kestrel-4471.".getBytes(UTF_8));
        assertThat(awaitIngested(ada.key(), kb, doc).getString("status")).isEqualTo("ready");
        String bobsKb = createKnowledgeBase(bob.key(), "Mine");

        withKey(bob.key()).get("/api/knowledge-bases/" + kb).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        withKey(bob.key()).get(documents(kb)).then().statusCode(404);
        withKey(bob.key()).multiPart("file", "x.md", "# x\n\nx".getBytes(UTF_8)).post(documents(kb)).then()
                .statusCode(404);
        withKey(bob.key()).get(documents(kb) + "/" + doc).then().statusCode(404);
        withKey(bob.key()).post(documents(kb) + "/" + doc + "/reindex").then().statusCode(404);
        withKey(bob.key()).delete(documents(kb) + "/" + doc).then().statusCode(404);
        // nor through his own knowledge base
        withKey(bob.key()).get(documents(bobsKb) + "/" + doc).then().statusCode(404);
        withKey(bob.key()).delete(documents(bobsKb) + "/" + doc).then().statusCode(404);
        withKey(bob.key()).delete("/api/knowledge-bases/" + kb).then().statusCode(404);
        withKey(bob.key()).get("/api/knowledge-bases").then().statusCode(200).body("id", not(hasItem(kb)));

        String bobId = bob.id().toString();
        assertThat(search.hasKnowledge(bobId, List.of(kb))).isFalse();
        assertThat(search.search(bobId, List.of(kb), "vault code kestrel", 5)).isEmpty();
        assertThat(search.search(bobId, List.of(), "vault code kestrel", 5)).isEmpty();
        // Ada still has everything
        withKey(ada.key()).get(documents(kb) + "/" + doc).then().statusCode(200).body("status", equalTo("ready"));
        assertThat(search.search(ada.id().toString(), List.of(kb), "vault code kestrel", 5))
                .extracting(Passage::documentId).contains(doc);
    }

    @Test
    void should_offer_the_agent_search_knowledge_only_once_a_document_is_ready() {
        // The scripted model searches whenever the tool is offered, then answers with what the search returned.
        ChatModelMock chat = ChatModelMock.thatResponds(request -> {
            boolean offered = request.toolSpecifications().stream().map(ToolSpecification::name)
                    .anyMatch("search_knowledge"::equals);
            var last = request.messages().get(request.messages().size() - 1);
            if (last instanceof ToolExecutionResultMessage result) {
                return AiMessage.from("Found: " + result.text());
            }
            return offered ? AiMessage.from(ToolExecutionRequest.builder().id("call-1").name("search_knowledge")
                    .arguments("{\"query\": \"when does the paraffin arrive\"}").build())
                    : AiMessage.from("Nothing to search.");
        });
        ScriptedChat.install(agentConfig, onnx, catalog, chat, null, () -> true);
        TestUser ada = newUser();
        String conversation = withKey(ada.key()).contentType(ContentType.JSON).body("{}").post("/api/conversations")
                .then().statusCode(201).extract().path("id");
        String ask = "{\"content\": \"When does the paraffin come?\"}";

        withKey(ada.key()).contentType(ContentType.JSON).body(ask).post("/api/conversations/" + conversation
                + "/messages").then().statusCode(200).body("content", equalTo("Nothing to search."));
        String kb = createKnowledgeBase(ada.key(), "Lamp");
        String doc = upload(ada.key(), kb, "lighthouse.md", MARKDOWN.getBytes(UTF_8));
        assertThat(awaitIngested(ada.key(), kb, doc).getString("status")).isEqualTo("ready");

        withKey(ada.key()).contentType(ContentType.JSON).body(ask).post("/api/conversations/" + conversation
                + "/messages").then().statusCode(200).body("content", containsString("first Monday of each month"))
                .body("tool_calls", hasItem("search_knowledge"));
        List<ChatRequest> requests = chat.requests();
        assertThat(requests.get(0).toolSpecifications()).extracting(ToolSpecification::name)
                .doesNotContain("search_knowledge");
    }
}
