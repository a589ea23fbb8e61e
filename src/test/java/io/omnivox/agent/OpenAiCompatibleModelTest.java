package io.omnivox.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

/**
 * The OpenAI-compatible provider against a loopback server speaking the Chat Completions wire format (as Ollama,
 * vLLM or llama.cpp's server do): URL, model name and key are sent as configured; plain and streamed answers read.
 */
class OpenAiCompatibleModelTest {

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        // compact, so checks do not depend on how the client formats its JSON
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).replaceAll("\\s", "");
        bodies.add(body);
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        boolean stream = body.contains("\"stream\":true");
        String reply = stream
                ? "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"qwen\",\"choices\":"
                        + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"}}]}\n\n"
                        + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"qwen\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo!\"},\"finish_reason\":\"stop\"}]}\n\n"
                        + "data: [DONE]\n\n"
                : "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"qwen\",\"choices\":[{\"index\":"
                        + "0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello!\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2,\"total_tokens\":11}}";
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", stream ? "text/event-stream" : "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private AgentConfig.OpenAi endpoint() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        return new AgentConfig.OpenAi() {
            public Optional<String> baseUrl() {
                return Optional.of(url);
            }

            public Optional<String> apiKey() {
                return Optional.of("secret-key");
            }

            public String model() {
                return "qwen2.5:7b-instruct";
            }

            public boolean vision() {
                return true;
            }

            public Duration timeout() {
                return Duration.ofSeconds(10);
            }

            public double temperature() {
                return 0.2;
            }
        };
    }

    @Test
    void should_call_the_configured_endpoint_and_read_the_answer() {
        ChatModels.Selected selected = ChatModels.remote(endpoint()).orElseThrow();

        ChatResponse response = selected.blocking().chat(UserMessage.from("Hi"));

        assertThat(response.aiMessage().text()).isEqualTo("Hello!");
        assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(11);
        assertThat(bodies.get(0)).contains("\"model\":\"qwen2.5:7b-instruct\"").contains("\"temperature\":0.2");
        assertThat(authorizations.get(0)).isEqualTo("Bearer secret-key");
        assertThat(selected.vision()).isTrue();
    }

    @Test
    void should_stream_from_the_endpoint() throws Exception {
        ChatModels.Selected selected = ChatModels.remote(endpoint()).orElseThrow();
        List<String> deltas = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        selected.streaming().chat("Hi", new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                deltas.add(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });

        assertThat(done.get(10, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("Hello!");
        assertThat(deltas).containsExactly("Hel", "lo!");
    }

    @Test
    void should_note_when_the_request_left_for_the_model_on_the_watching_thread_only() throws Exception {
        ChatModels.Selected selected = ChatModels.remote(endpoint()).orElseThrow();
        CompletableFuture<Long> firstToken = new CompletableFuture<>();
        long before = System.nanoTime();
        try (ModelCallTimer.Watch watch = ModelCallTimer.watch()) {
            selected.streaming().chat("Hi", new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partial) {
                    firstToken.complete(System.nanoTime());
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                }

                @Override
                public void onError(Throwable error) {
                    firstToken.completeExceptionally(error);
                }
            });
            long token = firstToken.get(10, TimeUnit.SECONDS);
            assertThat(watch.firstRequestNanos()).isBetween(before, token);
        }
        try (ModelCallTimer.Watch other = ModelCallTimer.watch()) {
            assertThat(other.firstRequestNanos()).isZero(); // a new watch has seen nothing
        }
        // without a watch there is nothing to note, and nothing breaks
        assertThat(selected.blocking().chat(UserMessage.from("Hi")).aiMessage().text()).isEqualTo("Hello!");
    }

    @Test
    void should_have_no_endpoint_without_a_base_url() {
        AgentConfig.OpenAi none = new AgentConfig.OpenAi() {
            public Optional<String> baseUrl() {
                return Optional.empty();
            }

            public Optional<String> apiKey() {
                return Optional.empty();
            }

            public String model() {
                return "m";
            }

            public boolean vision() {
                return false;
            }

            public Duration timeout() {
                return Duration.ofSeconds(1);
            }

            public double temperature() {
                return 0.7;
            }
        };
        assertThat(ChatModels.remote(none)).isEmpty();
    }
}
