package io.omnivox.voice;

import static io.omnivox.testkit.DefaultApiKey.withKey;
import static io.omnivox.testkit.KnowledgeFixtures.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.mock.ChatModelMock;
import dev.langchain4j.model.chat.mock.StreamingChatModelMock;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.omnivox.testkit.JobWaits;
import io.omnivox.testkit.KnowledgeFixtures.TestUser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The interactive podcast over {@code /ws/voice}: a finished episode (written by LangChain4j's scripted model, spoken
 * by espeak-ng) plays line by line; the listener asks a question (Debian's recorded "go forward ten meters", heard by
 * PocketSphinx); the episode stops, the hosts answer from the matching source passage, each in their own voice, and
 * the episode resumes at the line it stopped on.
 */
@QuarkusTest
class InteractivePodcastTest {

    private static final Path GOFORWARD = Path.of("/usr/share/pocketsphinx/test/data/goforward.raw");
    private static final String SOURCE = """
            Spring tides peak forty minutes after noon at the harbour mouth. Neap tides come a week later and rise
            less; the harbour master posts both on the board by the customs house, and the fishermen read it before
            they decide whether to sail.

            The ferry moves forward ten meters a minute when it leaves the quay, to spare the old pier. Its captain
            says the slow start also keeps the wake from rocking the small boats moored along the wall, which is
            why the harbour allows it.""";
    private static final String ANSWER = "Ada: Good question! The ferry moves forward ten meters a minute.\n"
            + "Ben: [happy] It spares the old pier. Now, back to the show.";

    @Inject
    io.omnivox.api.ScriptedChatAccess scripted;

    @TestHTTPResource("/ws/voice")
    URI http;

    /** What the hosts were asked, as the streaming model received it. */
    private final List<List<ChatMessage>> asked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        assumeTrue(Files.isRegularFile(GOFORWARD), "needs Debian's pocketsphinx-testdata (installed by .ci/run)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/espeak-ng")), "needs Debian's espeak-ng");
        StreamingChatModelMock hosts = new StreamingChatModelMock(List.of(AiMessage.from(ANSWER),
                AiMessage.from(ANSWER)));
        StreamingChatModel recording = new StreamingChatModel() {
            @Override
            public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
                asked.add(request.messages());
                hosts.chat(request, handler);
            }
        };
        scripted.install(ChatModelMock.thatResponds(request -> {
            String prompt = ((UserMessage) request.messages().get(0)).singleText();
            if (prompt.contains("section titles")) {
                return AiMessage.from("1. The tides\n2. The ferry");
            }
            return AiMessage.from("Ada: Welcome to the harbour, where the water keeps its own clock.\n"
                    + "Ben: And today the tides and the boats are our whole story.\n"
                    + "Ada: Let us read what the source says about them, one passage at a time.");
        }), recording);
    }

    @Test
    void should_stop_the_episode_for_a_question_answer_it_in_the_hosts_voices_and_resume() throws Exception {
        TestUser listener = newUser();
        List<String> voices = withKey(listener.key()).get("/v1/voices").then().statusCode(200).extract().jsonPath()
                .getList("data.id", String.class).subList(0, 2);
        String podcast = withKey(listener.key()).contentType(ContentType.JSON).body(Map.of("title", "Harbour Talk",
                "text", SOURCE, "minutes", 6, "speakers", List.of(Map.of("name", "Ada", "voice", voices.get(0)),
                        Map.of("name", "Ben", "voice", voices.get(1))))).post("/api/podcasts").then().statusCode(202)
                .extract().path("id");
        assertThat(JobWaits.awaitEnded(listener.key(), podcast).getString("state")).isEqualTo("succeeded");

        VoiceSocketTest.Client client = connect(listener.key());
        client.await("session.created", Duration.ofSeconds(10));
        client.send("{\"type\": \"session.update\", \"session\": {\"pipeline\": \"interactive-podcast\","
                + " \"podcast_id\": \"" + podcast + "\"}}");
        client.await("session.updated", Duration.ofSeconds(10));
        client.send("{\"type\": \"podcast.play\"}");
        JsonNode first = client.await("podcast.line", Duration.ofSeconds(10));
        assertThat(first.path("line").asInt()).isZero();
        assertThat(first.path("speaker").asText()).isEqualTo("Ada");
        assertThat(first.path("section_title").asText()).isEqualTo("The tides");
        String playback = first.path("response_id").asText();
        client.await(e -> e.path("type").asText().equals("podcast.line") && e.path("line").asInt() == 1,
                Duration.ofSeconds(20), "the second line");

        client.audio(concat(java.nio.file.Files.readAllBytes(GOFORWARD), new byte[48_000]), 640);
        JsonNode cancelled = client.await("response.cancelled", Duration.ofSeconds(30));
        assertThat(cancelled.path("response_id").asText()).isEqualTo(playback);
        assertThat(cancelled.path("reason").asText()).isEqualTo("barge_in");
        int stoppedAt = lastLine(client, client.events.indexOf(cancelled));

        JsonNode answered = client.await(e -> e.path("type").asText().equals("response.done")
                && !e.path("response").path("id").asText().equals(playback), Duration.ofSeconds(60), "the answer");
        assertThat(answered.path("response").path("status").asText()).isEqualTo("completed");
        assertThat(answered.path("response").path("output_text").asText()).isEqualTo(ANSWER);
        assertThat(answered.path("response").path("voice_style").path("voice").asText())
                .as("the answer's last line is Ben's, in Ben's voice").isEqualTo(voices.get(1));
        String answer = answered.path("response").path("id").asText();
        assertThat(client.events).anyMatch(e -> e.path("type").asText().equals("response.audio.delta")
                && e.path("response_id").asText().equals(answer));
        String prompt = ((UserMessage) asked.get(0).get(1)).singleText();
        assertThat(prompt).contains("forward ten meters a minute").contains("The listener asks:")
                .doesNotContain("Spring tides"); // the passage that answers, not the whole source
        assertThat(asked.get(0).get(0).toString()).contains("Ada").contains("Ben").contains("Harbour Talk");

        int answeredAt = client.events.indexOf(answered);
        JsonNode resumed = client.await(e -> e.path("type").asText().equals("podcast.line")
                && client.events.indexOf(e) > answeredAt, Duration.ofSeconds(20), "the episode resuming");
        assertThat(resumed.path("line").asInt()).isEqualTo(stoppedAt);
        assertThat(resumed.path("response_id").asText()).isNotEqualTo(playback).isNotEqualTo(answer);
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    @Test
    void should_refuse_a_podcast_that_is_not_the_listeners_or_play_without_one() throws Exception {
        TestUser listener = newUser();
        VoiceSocketTest.Client client = connect(listener.key());
        client.await("session.created", Duration.ofSeconds(10));
        client.send("{\"type\": \"podcast.play\"}");
        JsonNode error = client.await("error", Duration.ofSeconds(10));
        assertThat(error.path("error").path("code").asText()).isEqualTo("invalid_request");
        assertThat(error.path("error").path("message").asText()).contains("interactive-podcast");

        client.send("{\"type\": \"session.update\", \"session\": {\"pipeline\": \"interactive-podcast\","
                + " \"podcast_id\": \"" + java.util.UUID.randomUUID() + "\"}}");
        JsonNode refused = client.await(e -> e.path("type").asText().equals("error")
                && e.path("error").path("event_type").asText().equals("session.update"), Duration.ofSeconds(10),
                "the refused update");
        assertThat(refused.path("error").path("code").asText()).isEqualTo("invalid_field");
        assertThat(refused.path("error").path("message").asText()).contains("podcast_id");
        client.send("{\"type\": \"session.update\", \"session\": {\"pipeline\": \"interactive-podcast\"}}");
        JsonNode missing = client.await(e -> e.path("type").asText().equals("error")
                && e.path("error").path("message").asText().contains("is needed"), Duration.ofSeconds(10),
                "the update without a podcast");
        assertThat(missing.path("error").path("code").asText()).isEqualTo("invalid_field");
        assertThat(client.types()).doesNotContain("session.updated");
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    /** The last line the episode started before event {@code before}. */
    private static int lastLine(VoiceSocketTest.Client client, int before) {
        int line = -1;
        for (JsonNode event : new ArrayList<>(client.events).subList(0, before)) {
            if (event.path("type").asText().equals("podcast.line")) {
                line = event.path("line").asInt();
            }
        }
        assertThat(line).isPositive();
        return line;
    }

    private VoiceSocketTest.Client connect(String key) throws Exception {
        VoiceSocketTest.Client client = new VoiceSocketTest.Client();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + key)
                .buildAsync(URI.create(http.toString().replaceFirst("^http", "ws")), client).get(10, TimeUnit.SECONDS);
        return client;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
