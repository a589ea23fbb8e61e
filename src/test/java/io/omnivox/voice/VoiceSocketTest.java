package io.omnivox.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.mock.ChatModelMock;
import dev.langchain4j.model.chat.mock.StreamingChatModelMock;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import io.omnivox.testkit.DefaultApiKey;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code /ws/voice} spoken to as a client would: real recorded speech (Debian's pocketsphinx-testdata "go forward ten
 * meters") in 20 ms frames, PocketSphinx hearing it, LangChain4j's scripted streaming model answering, espeak-ng
 * speaking the answer.
 */
@QuarkusTest
class VoiceSocketTest {

    @Inject
    io.omnivox.api.ScriptedChatAccess scripted;

    private static final Path GOFORWARD = Path.of("/usr/share/pocketsphinx/test/data/goforward.raw");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String REPLY = "Going forward ten meters now. The path is clear and the floor is dry. I will stop at"
            + " the door, then wait for you there.";

    @TestHTTPResource("/ws/voice")
    URI http;
    @Inject
    ChatMemoryStore memory;

    private byte[] speech;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Files.isRegularFile(GOFORWARD), "needs Debian's pocketsphinx-testdata (installed by .ci/run)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/pocketsphinx")) || Files.isExecutable(
                Path.of("/usr/bin/pocketsphinx_continuous")), "needs Debian's pocketsphinx");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/espeak-ng")), "needs Debian's espeak-ng");
        speech = Files.readAllBytes(GOFORWARD);
        scripted.install(ChatModelMock.thatAlwaysResponds(REPLY), new StreamingChatModelMock(List.of(AiMessage.from(REPLY),
                        AiMessage.from(REPLY), AiMessage.from(REPLY))));
    }

    /** A client that records every event and frame it receives. */
    static final class Client implements WebSocket.Listener {
        final List<JsonNode> events = new CopyOnWriteArrayList<>();
        final List<byte[]> binary = new CopyOnWriteArrayList<>();
        private final StringBuilder text = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    events.add(JSON.readTree(text.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.add(bytes);
            webSocket.request(1);
            return null;
        }

        List<String> types() {
            return events.stream().map(e -> e.path("type").asText()).toList();
        }

        JsonNode await(String type, Duration timeout) throws InterruptedException {
            return await(e -> e.path("type").asText().equals(type), timeout, type);
        }

        JsonNode await(Predicate<JsonNode> match, Duration timeout, String what) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                for (JsonNode event : events) {
                    if (match.test(event)) {
                        return event;
                    }
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no " + what + " within " + timeout + "; got " + types());
        }

        void send(String json) {
            socket.sendText(json, true).join();
        }

        void audio(byte[] pcm16, int frameBytes) {
            for (int at = 0; at < pcm16.length; at += frameBytes) {
                socket.sendBinary(ByteBuffer.wrap(Arrays.copyOfRange(pcm16, at, Math.min(pcm16.length,
                        at + frameBytes))), true).join();
            }
        }
    }

    private Client connect(String key) throws Exception {
        Client client = new Client();
        URI ws = URI.create(http.toString().replaceFirst("^http", "ws"));
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        client.socket = builder.buildAsync(ws, client).get(10, TimeUnit.SECONDS);
        return client;
    }

    private static byte[] silence(double seconds) {
        return new byte[(int) (seconds * 16_000) * 2];
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    @Test
    void should_hear_a_turn_answer_it_and_speak_the_answer_in_order() throws Exception {
        Client client = connect(DefaultApiKey.TEST_ADMIN_KEY);
        JsonNode created = client.await("session.created", Duration.ofSeconds(10));
        assertThat(created.path("session").path("pipeline").asText()).isEqualTo("voice-chat");

        client.audio(concat(speech, silence(1.5)), 640);
        JsonNode done = client.await("response.done", Duration.ofSeconds(60));

        List<String> types = client.types();
        List<String> milestones = types.stream().filter(t -> !t.endsWith(".delta")).distinct().toList();
        assertThat(milestones).containsSubsequence("session.created", "input_audio_buffer.speech_started",
                "input_audio_buffer.speech_stopped", "conversation.item.input_audio_transcription.completed",
                "response.created", "response.audio.done", "response.done");
        assertThat(types.indexOf("response.text.delta")).isGreaterThan(types.indexOf("response.created"));
        assertThat(types.indexOf("response.audio.delta")).isGreaterThan(types.indexOf("response.text.delta"));
        JsonNode transcript = client.await("conversation.item.input_audio_transcription.completed",
                Duration.ZERO.plusSeconds(1));
        assertThat(transcript.path("transcript").asText().toLowerCase()).contains("forward");

        StringBuilder text = new StringBuilder();
        long audioBytes = 0;
        for (JsonNode event : client.events) {
            if (event.path("type").asText().equals("response.text.delta")) {
                text.append(event.path("delta").asText());
            }
            if (event.path("type").asText().equals("response.audio.delta")) {
                audioBytes += Base64.getDecoder().decode(event.path("delta").asText()).length;
            }
        }
        assertThat(text.toString()).isEqualTo(REPLY);
        int rate = created.path("session").path("output_sample_rate").asInt();
        double seconds = audioBytes / 2.0 / rate;
        assertThat(seconds).as("spoken reply length").isBetween(3.0, 20.0);
        assertThat(done.path("response").path("status").asText()).isEqualTo("completed");
        assertThat(done.path("response").path("latency").path("end_of_speech_to_first_audio_ms").asLong())
                .isPositive();
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    @Test
    void should_continue_the_users_own_conversation_and_refuse_someone_elses() throws Exception {
        var owner = io.omnivox.testkit.KnowledgeFixtures.newUser();
        var other = io.omnivox.testkit.KnowledgeFixtures.newUser();
        String conversation = io.omnivox.testkit.DefaultApiKey.withKey(owner.key()).contentType("application/json")
                .body("{\"title\": \"mine\"}").post("/api/conversations").then().statusCode(201).extract().path("id");

        Client intruder = connect(other.key());
        intruder.await("session.created", Duration.ofSeconds(10));
        intruder.send("{\"type\": \"session.update\", \"session\": {\"conversation_id\": \"" + conversation + "\"}}");
        JsonNode refused = intruder.await("error", Duration.ofSeconds(10));
        assertThat(refused.path("error").path("code").asText()).isEqualTo("invalid_field");
        assertThat(refused.path("error").path("message").asText()).contains("conversation_id");
        intruder.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();

        Client client = connect(owner.key());
        client.await("session.created", Duration.ofSeconds(10));
        client.send("{\"type\": \"session.update\", \"session\": {\"conversation_id\": \"" + conversation + "\"}}");
        assertThat(client.await("session.updated", Duration.ofSeconds(10)).path("session").path("conversation_id")
                .asText()).isEqualTo(conversation);
        client.audio(concat(speech, silence(1.5)), 640);
        client.await("response.done", Duration.ofSeconds(60));
        List<String> kept = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (kept.size() < 2 && System.nanoTime() < end) {
            kept = io.omnivox.testkit.DefaultApiKey.withKey(owner.key()).get("/api/conversations/" + conversation)
                    .then().statusCode(200).extract().jsonPath().getList("messages.content", String.class);
            Thread.sleep(100);
        }
        assertThat(kept).as("the exchange kept in the conversation named").hasSize(2).last().isEqualTo(REPLY);
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    @Test
    void should_cancel_the_reply_when_the_user_talks_over_it_and_keep_only_what_was_heard() throws Exception {
        Client client = connect(DefaultApiKey.TEST_ADMIN_KEY);
        String conversation = client.await("session.created", Duration.ofSeconds(10)).path("session")
                .path("conversation_id").asText();
        client.audio(concat(speech, silence(1.5)), 640);
        JsonNode firstAudio = client.await("response.audio.delta", Duration.ofSeconds(60));
        String response = firstAudio.path("response_id").asText();

        client.audio(concat(speech, silence(1.5)), 640);
        JsonNode cancelled = client.await("response.cancelled", Duration.ofSeconds(30));

        assertThat(cancelled.path("response_id").asText()).isEqualTo(response);
        assertThat(cancelled.path("reason").asText()).isEqualTo("barge_in");
        int cancelledAt = client.events.indexOf(cancelled);
        Thread.sleep(1500);
        for (JsonNode later : client.events.subList(cancelledAt + 1, client.events.size())) {
            assertThat(later.path("type").asText().startsWith("response.audio")
                    && later.path("response_id").asText().equals(response)).as("audio of the cancelled reply after"
                            + " response.cancelled: %s", later).isFalse();
        }
        assertThat(client.events).noneMatch(e -> e.path("type").asText().equals("response.done")
                && e.path("response").path("id").asText().equals(response)
                && e.path("response").path("status").asText().equals("completed"));

        client.send("{\"type\": \"conversation.item.truncate\", \"item_id\": \"item_1\", \"audio_end_ms\": 900}");
        Thread.sleep(500);
        List<ChatMessage> remembered = memory.getMessages(conversation);
        String last = remembered.stream().filter(m -> m instanceof AiMessage).map(m -> ((AiMessage) m).text())
                .reduce((a, b) -> b).orElse("");
        assertThat(last).endsWith("[interrupted by the user]").doesNotContain("wait for you there");
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    @Test
    void should_translate_speech_in_the_translation_pipeline() throws Exception {
        StreamingChatModelMock translator = new StreamingChatModelMock(List.of(AiMessage.from(
                "Avancez de dix mètres.")));
        scripted.install(ChatModelMock.thatAlwaysResponds("x"),
                translator);
        Client client = connect(DefaultApiKey.TEST_ADMIN_KEY);
        client.await("session.created", Duration.ofSeconds(10));
        client.send("{\"type\": \"session.update\", \"session\": {\"pipeline\": \"speech-translation\","
                + " \"target_language\": \"fr\"}}");
        assertThat(client.await("session.updated", Duration.ofSeconds(10)).path("session").path("pipeline").asText())
                .isEqualTo("speech-translation");

        client.audio(concat(speech, silence(1.5)), 640);
        JsonNode done = client.await("response.done", Duration.ofSeconds(60));

        assertThat(done.path("response").path("output_text").asText()).isEqualTo("Avancez de dix mètres.");
        assertThat(client.types()).contains("response.audio.delta");
        var request = translator.requests().get(0);
        assertThat(request.messages().get(0).toString()).contains("into French").contains("translation only");
        assertThat(request.messages().get(1).toString()).contains("forward");
        assertThat(request.toolSpecifications()).isEmpty();
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    @Test
    void should_take_and_give_opus_packets_when_the_session_asks_for_opus() throws Exception {
        Client client = connect(DefaultApiKey.TEST_ADMIN_KEY);
        client.await("session.created", Duration.ofSeconds(10));
        client.send("{\"type\": \"session.update\", \"session\": {\"input_audio_format\": \"opus\","
                + " \"output_audio_format\": \"opus\"}}");
        int rate = client.await("session.updated", Duration.ofSeconds(10)).path("session").path("output_sample_rate")
                .asInt();
        assertThat(rate).isIn(8_000, 12_000, 16_000, 24_000, 48_000);

        var encoder = new io.github.jaredmdobson.concentus.OpusEncoder(16_000, 1,
                io.github.jaredmdobson.concentus.OpusApplication.OPUS_APPLICATION_VOIP);
        byte[] pcm = concat(speech, silence(1.5));
        short[] frame = new short[320];
        byte[] packet = new byte[1275];
        for (int at = 0; at + 640 <= pcm.length; at += 640) {
            ByteBuffer.wrap(pcm, at, 640).order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(frame);
            int length = encoder.encode(frame, 0, 320, packet, 0, packet.length);
            client.socket.sendBinary(ByteBuffer.wrap(Arrays.copyOf(packet, length)), true).join();
        }
        client.socket.sendBinary(ByteBuffer.wrap(new byte[] { (byte) 0xff, 0x00, 0x13 }), true).join();

        JsonNode heard = client.await("conversation.item.input_audio_transcription.completed",
                Duration.ofSeconds(60));
        assertThat(heard.path("transcript").asText().toLowerCase()).contains("forward");
        client.await("response.done", Duration.ofSeconds(60));
        assertThat(client.events.stream().filter(e -> e.path("type").asText().equals("error"))
                .map(e -> e.path("error").path("code").asText())).containsExactly("invalid_audio"); // the bad packet

        // the reply comes as 20 ms Opus packets that decode to the speech it announced
        var decoder = new io.github.jaredmdobson.concentus.OpusDecoder(rate, 1);
        short[] decoded = new short[rate];
        int samples = 0;
        int loudest = 0;
        List<JsonNode> deltas = client.events.stream().filter(e -> e.path("type").asText()
                .equals("response.audio.delta")).toList();
        for (JsonNode delta : deltas) {
            byte[] opus = java.util.Base64.getDecoder().decode(delta.path("delta").asText());
            assertThat(delta.path("audio_start_ms").asLong()).isEqualTo(samples * 1000L / rate);
            int count = decoder.decode(opus, 0, opus.length, decoded, 0, decoded.length, false);
            assertThat(count).isEqualTo(rate / 50);
            samples += count;
            for (int i = 0; i < count; i++) {
                loudest = Math.max(loudest, Math.abs(decoded[i]));
            }
        }
        long announcedMs = client.await("response.audio.done", Duration.ofSeconds(1)).path("audio_ms").asLong();
        assertThat(samples * 1000L / rate).isEqualTo(announcedMs).isPositive();
        assertThat(loudest).isGreaterThan(300);
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    /** Speech made by espeak-ng, as PCM16 at 16 kHz (through sox). */
    private static byte[] spoken(String text) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", "espeak-ng --stdout \"$0\" | sox -t wav - -r 16000 -c 1"
                + " -b 16 -e signed-integer -t raw -", text).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] pcm = process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).isZero();
        return pcm;
    }

    @Test
    void should_not_interrupt_for_a_backchannel_or_the_replys_own_words() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sox")), "needs Debian's sox");
        // a long reply made of the recording's own words: hearing them again is the reply's echo
        String echoReply = "Go forward ten meters. ".repeat(8).strip();
        scripted.install(ChatModelMock.thatAlwaysResponds(
                echoReply), new StreamingChatModelMock(List.of(AiMessage.from(echoReply))));
        Client client = connect(DefaultApiKey.TEST_ADMIN_KEY);
        client.await("session.created", Duration.ofSeconds(10));
        client.audio(concat(speech, silence(1.5)), 640);
        String response = client.await("response.audio.delta", Duration.ofSeconds(60)).path("response_id").asText();

        client.audio(concat(spoken("hmm"), silence(1.0)), 640);
        client.audio(concat(speech, silence(1.0)), 640);
        JsonNode done = client.await(e -> e.path("type").asText().equals("response.done")
                && e.path("response").path("id").asText().equals(response), Duration.ofSeconds(60), "response.done");

        assertThat(done.path("response").path("status").asText()).isEqualTo("completed");
        assertThat(client.types()).doesNotContain("response.cancelled");
        // both were heard and transcribed, then let go
        assertThat(client.events.stream().filter(e -> e.path("type").asText()
                .equals("conversation.item.input_audio_transcription.completed")).count()).isGreaterThanOrEqualTo(2);
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    @Test
    void should_answer_bad_frames_with_errors_and_keep_the_session() throws Exception {
        Client client = connect(DefaultApiKey.TEST_ADMIN_KEY);
        client.await("session.created", Duration.ofSeconds(10));

        client.socket.sendBinary(ByteBuffer.wrap(new byte[641]), true).join();
        client.socket.sendBinary(ByteBuffer.wrap(new byte[70_000]), true).join();
        client.send("{not json");
        client.send("{\"type\": \"teleport\"}");
        client.send("{\"type\": \"session.update\", \"session\": {\"input_sample_rate\": 8000}}");
        client.send("{\"type\": \"session.update\", \"session\": {\"pipeline\": \"nope\"}}");
        client.send("{\"type\": \"session.update\", \"session\": {\"interruption\": {\"policy\": \"any\"}}}");

        client.await("session.updated", Duration.ofSeconds(10));
        List<String> codes = client.events.stream().filter(e -> e.path("type").asText().equals("error"))
                .map(e -> e.path("error").path("code").asText()).toList();
        assertThat(codes).contains("odd_frame_length", "frame_too_large", "invalid_json", "unknown_event",
                "invalid_field");
        assertThat(client.events.stream().filter(e -> e.path("type").asText().equals("error"))
                .map(e -> e.path("error").path("message").asText())).anyMatch(m -> m.contains("16000"));
        assertThat(client.socket.isOutputClosed()).isFalse();
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    @Test
    void should_refuse_a_connection_without_a_valid_key() {
        assertThatThrownBy(() -> connect(null)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(401));
        assertThatThrownBy(() -> connect("ovx_" + "x".repeat(43))).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
    }
}
