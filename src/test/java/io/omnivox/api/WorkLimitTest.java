package io.omnivox.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.mock.ChatModelMock;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.omnivox.testkit.DefaultApiKey;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Chat at a capacity of one with no queue, the model held until the test lets it answer: the second request at once
 * is shed with 429 and Retry-After, and permits come back when an answer ends or a streaming client goes away.
 */
@QuarkusTest
@TestProfile(WorkLimitTest.OneAtATime.class)
class WorkLimitTest {

    private static final String PATH = "/v1/chat/completions";
    private static final String ASK = "{\"messages\": [{\"role\": \"user\", \"content\": \"Hello\"}]}";
    private static final String ASK_STREAM = "{\"stream\": true, \"messages\": [{\"role\": \"user\", \"content\":"
            + " \"Hello\"}]}";

    public static class OneAtATime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("omnivox.api.capacity.chat", "1", "omnivox.api.capacity.queue", "0");
        }
    }

    @Inject
    ScriptedChatAccess scripted;
    @Inject
    WorkLimits limits;

    @TestHTTPResource(PATH)
    URI chat;

    volatile CountDownLatch entered;
    volatile CountDownLatch release;

    @BeforeEach
    void holdTheModel() {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
        scripted.install(ChatModelMock.thatResponds(request -> {
            hold();
            return AiMessage.from("Done.");
        }), new StreamingChatModel() {
            @Override
            public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
                hold();
                handler.onPartialResponse("Done.");
                handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from("Done.")).build());
            }
        });
    }

    private void hold() {
        entered.countDown();
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void letGo() {
        release.countDown();
    }

    @Test
    void should_shed_the_second_request_with_429_and_serve_the_next_after_release() throws Exception {
        CompletableFuture<HttpResponse<String>> first = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(chat).header("Authorization", "Bearer " + DefaultApiKey.TEST_ADMIN_KEY)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(ASK))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(20, TimeUnit.SECONDS)).as("the first request reached the model").isTrue();

        given().contentType("application/json").body(ASK).when().post(PATH)
                .then().statusCode(429)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", "2")
                .body("status", equalTo(429))
                .body("type", equalTo("https://omnivox.dev/problems/at-capacity"));

        release.countDown();
        assertThat(first.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        awaitIdle();
        given().contentType("application/json").body(ASK).when().post(PATH)
                .then().statusCode(200).body("choices[0].message.content", equalTo("Done."));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("omnivox_work_in_flight{kind=\"chat\"} 0.0"))
                .body(containsString("omnivox_work_queued{kind=\"chat\"} 0.0"))
                .body(containsString("omnivox_work_shed_total{kind=\"chat\"}"));
    }

    @Test
    void should_return_the_permit_when_a_streaming_client_goes_away() throws Exception {
        try (Socket socket = new Socket(chat.getHost(), chat.getPort())) {
            byte[] body = ASK_STREAM.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + PATH + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + DefaultApiKey.TEST_ADMIN_KEY + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            assertThat(entered.await(20, TimeUnit.SECONDS)).as("the stream reached the model").isTrue();
            assertThat(readUntil(socket.getInputStream(), "data:")).startsWith("HTTP/1.1 200");
            assertThat(limits.of(Work.CHAT).inFlight()).isEqualTo(1);
            given().contentType("application/json").body(ASK).when().post(PATH).then().statusCode(429);
        } // the client goes away mid-stream, the model still holding its answer

        awaitIdle();
        release.countDown();
        given().contentType("application/json").body(ASK).when().post(PATH).then().statusCode(200);
    }

    private void awaitIdle() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (limits.of(Work.CHAT).inFlight() > 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(limits.of(Work.CHAT).inFlight()).as("chat permits held").isZero();
    }

    private static String readUntil(InputStream in, String marker) throws Exception {
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[512];
        while (!seen.toString().contains(marker)) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return seen.toString();
    }
}
