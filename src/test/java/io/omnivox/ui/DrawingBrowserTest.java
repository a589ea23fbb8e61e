package io.omnivox.ui;

import java.net.URL;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.mock.ChatModelMock;
import dev.langchain4j.model.chat.mock.StreamingChatModelMock;
import io.omnivox.agent.AgentTools;
import io.omnivox.api.ImagesResourceTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The chat page showing a picture the agent drew: the scripted model calls {@code generate_image}, the fixture
 * diffusion model (the SD-Turbo export's contract) draws it, and the browser shows it inline in the answer.
 */
@QuarkusTest
@TestProfile(ImagesResourceTest.FixtureWeights.class)
class DrawingBrowserTest {

    private static final String ANSWER = "Here is a red lighthouse at dusk.";

    @Inject
    io.omnivox.api.ScriptedChatAccess scripted;

    @TestHTTPResource("/")
    URL app;

    @BeforeAll
    static void browserPresent() {
        Scenarios.requireBrowser();
    }

    @Test
    void should_show_the_picture_the_agent_drew_inside_its_answer() throws Exception {
        scripted.install(ChatModelMock.thatAlwaysResponds(ANSWER), new StreamingChatModelMock(List.of(
                AiMessage.from(ToolExecutionRequest.builder().id("d1").name(AgentTools.GENERATE_IMAGE)
                        .arguments("{\"description\": \"a red lighthouse at dusk\"}").build()),
                AiMessage.from(ANSWER))));

        Scenarios.run(app, "drawing", Map.of("QUESTION", "Draw me a lighthouse", "ANSWER_PART", "red lighthouse",
                "CAPTION", "a red lighthouse at dusk", "SIZE", "128"));
    }
}
