package io.omnivox.fuzz;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Malformed WebSocket frames for {@code /ws/voice}: broken and hostile JSON events, and binary frames of odd lengths,
 * oversized or random. After each frame the session must still answer a valid {@code session.update}; a closed
 * connection must carry a clear code (never 1011, an internal error), and the server must stay live.
 */
final class FrameFuzz {

    record Result(int frames, List<String> failures) {
    }

    private FrameFuzz() {
    }

    static List<String> textFrames() {
        List<String> frames = new ArrayList<>(List.of("", "not json", "[]", "null", "{}", "{\"type\": 42}",
                "{\"type\": \"no.such.event\"}", "{\"type\": \"session.update\"}",
                "{\"type\": \"session.update\", \"session\": []}",
                "{\"type\": \"session.update\", \"session\": {\"pipeline\": \"karaoke\"}}",
                "{\"type\": \"session.update\", \"session\": {\"voice\": 7}}",
                "{\"type\": \"session.update\", \"session\": {\"input_sample_rate\": -1}}",
                "{\"type\": \"session.update\", \"session\": {\"turn_detection\": {\"silence_duration_ms\": 1e99}}}",
                "{\"type\": \"session.update\", \"session\": {\"interruption\": {\"policy\": \"never\"}}}",
                "{\"type\": \"session.update\", \"session\": {\"podcast_id\": \"../../etc/passwd\"}}",
                "{\"type\": \"session.update\", \"session\": {\"output_audio_format\": \"mp3\"}}",
                "{\"type\": \"input_audio_buffer.append\", \"audio\": \"!!!not base64!!!\"}",
                "{\"type\": \"input_audio_buffer.append\", \"audio\": 12}",
                "{\"type\": \"conversation.item.truncate\", \"audio_end_ms\": -5}",
                "{\"type\": \"conversation.item.truncate\", \"audio_end_ms\": \"soon\"}",
                "{\"type\": \"podcast.play\", \"line\": -1}", "{\"type\": \"podcast.play\", \"line\": \"x\"}",
                "{\"type\": \"response.cancel\", \"extra\": {\"deep\": [[[[[[[[]]]]]]]]}}",
                "[".repeat(50_000), "{\"type\": \"session.update\", \"session\": {\"voice\": \"" + "v".repeat(500_000)
                        + "\"}}"));
        return frames;
    }

    static List<byte[]> binaryFrames() {
        Random random = new Random(20261124L);
        List<byte[]> frames = new ArrayList<>();
        for (int length : new int[] { 1, 3, 641, 70_000, 1_000_000 }) {
            byte[] frame = new byte[length];
            random.nextBytes(frame);
            frames.add(frame);
        }
        return frames;
    }

    /** Sends every frame on one connection (reconnecting if a frame closed it) and checks the session after each. */
    static Result run(URI http, String key, BooleanSupplier live) throws Exception {
        List<String> failures = new ArrayList<>();
        URI ws = URI.create(http.toString().replaceFirst("^http", "ws"));
        Connection connection = Connection.open(ws, key);
        int count = 0;
        List<Object> frames = new ArrayList<>(textFrames());
        frames.addAll(binaryFrames());
        for (Object frame : frames) {
            count++;
            String what = frame instanceof String text ? "text frame '" + (text.length() > 60 ? text.substring(0, 60)
                    + "…" : text) + "'" : "binary frame of " + ((byte[]) frame).length + " bytes";
            try {
                if (frame instanceof String text) {
                    connection.socket.sendText(text, true).get(10, TimeUnit.SECONDS);
                } else {
                    connection.socket.sendBinary(ByteBuffer.wrap((byte[]) frame), true).get(10, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                // sending may fail once the server closed the connection; the close code is checked below
            }
            String problem = connection.stillAnswers();
            if (problem != null) {
                failures.add(what + ": " + problem);
            }
            if (!live.getAsBoolean()) {
                failures.add(what + ": the server is not live afterwards");
            }
            if (connection.closed.isDone()) {
                connection = Connection.open(ws, key);
            }
        }
        connection.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        return new Result(count, failures);
    }

    /** One connection that records the events it receives and how it was closed. */
    private static final class Connection extends io.omnivox.testkit.RecordingSocket {
        WebSocket socket;
        private int probes;

        static Connection open(URI ws, String key) throws Exception {
            Connection connection = new Connection();
            connection.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Authorization", "Bearer " + key).buildAsync(ws, connection).get(10, TimeUnit.SECONDS);
            return connection;
        }

        /** Null when the session answered a valid update, or closed with a clear code; else what went wrong. */
        String stillAnswers() throws InterruptedException {
            String marker = "fuzz-probe-" + (++probes);
            if (!closed.isDone()) {
                socket.sendText("{\"type\": \"session.update\", \"session\": {\"language\": \"" + marker + "\"}}",
                        true);
            }
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < end) {
                if (events.stream().anyMatch(e -> e.contains("session.updated") && e.contains(marker))) {
                    return null;
                }
                if (closed.isDone()) {
                    int code = closed.join();
                    return code == 1011 ? "the server closed the session with 1011 (internal error)" : null;
                }
                Thread.sleep(10);
            }
            return "no session.updated within 10 s";
        }
    }
}
