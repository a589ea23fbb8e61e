package io.omnivox.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;


/**
 * The voice channel under load: the packaged app (as {@code ./omnivox} runs it) with fixture SenseVoice and CosyVoice
 * models (the real Java front ends, decoders and ONNX sessions; tiny graphs), a loopback OpenAI-compatible chat server
 * that streams a fixed answer at once, and N WebSocket clients that each speak Debian's "go forward ten meters"
 * recording in real time, wait for the spoken answer, and speak again. First one session (the baseline), then N at
 * once. Reports errors, per-stage p50/p95 from {@code response.done}, and the server's added latency: end of speech to
 * first audio minus the model times inside it (recognition, synthesis to the first chunk; the scripted chat server
 * answers in no time, so everything else is the server's own work). Usage: {@code bench/run voice [sessions] [seconds]}.
 */
public final class VoiceLoadBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "ovx_voice-load-bench-key-0123456789abcdef";
    private static final String REPLY = "Going forward ten meters now.";
    static final Path SPEECH = Path.of("/usr/share/pocketsphinx/test/data/goforward.raw");
    private static final int FRAME_BYTES = 640; // 20 ms of PCM16 at 16 kHz
    private static final String SERVER_ADDED = "server_added_ms";
    static final int TRAILING_SILENCE_SAMPLES = 16_000 * 3 / 2;

    /** What one run measured. */
    record Run(int sessions, int turns, int errors, Map<String, List<Long>> stages) {
    }

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        if (!Files.isRegularFile(SPEECH)) {
            throw new IllegalStateException("needs Debian's pocketsphinx-testdata (" + SPEECH + ")");
        }
        // the JDK's HTTP server leaves Nagle's algorithm on by default: its response headers and body would wait on
        // each other's acknowledgement, and that wait would be billed to the app as added latency
        System.setProperty("sun.net.httpserver.nodelay", "true");
        byte[] speech = Files.readAllBytes(SPEECH);
        Path work = Files.createTempDirectory("omnivox-voice-bench");
        HttpServer chat = chatServer();
        Process app = startApp(work, chat.getAddress().getPort());
        try {
            int port = awaitReady(app);
            URI uri = URI.create("ws://127.0.0.1:" + port + "/ws/voice");
            run(uri, 1, Bench.quick() ? 4 : 8, speech); // warm-up (JIT, pools, first model runs): not reported
            Run baseline = run(uri, 1, Math.max(10, seconds / 4), speech);
            Run load = run(uri, sessions, seconds, speech);
            report(baseline, load);
        } finally {
            app.destroy();
            app.waitFor(10, TimeUnit.SECONDS);
            chat.stop(0);
        }
    }

    // --- the app under test ----------------------------------------------------------------------------------------

    private static Process startApp(Path work, int chatPort) throws Exception {
        return BenchApp.start(work, KEY, "-Domnivox.agent.openai.base-url=http://127.0.0.1:" + chatPort + "/v1",
                "-Domnivox.voice.max-sessions=1000", "-Domnivox.api.rate-limit.requests-per-minute=100000");
    }

    private static int awaitReady(Process app) throws Exception {
        return BenchApp.awaitReady(app);
    }

    /** A loopback OpenAI-compatible server that streams {@link #REPLY} at once. */
    private static HttpServer chatServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            StringBuilder sse = new StringBuilder();
            for (String piece : REPLY.split("(?<= )")) {
                sse.append("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":").append(JSON.writeValueAsString(piece))
                        .append("}}]}\n\n");
            }
            sse.append("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                    + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
            byte[] body = sse.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    // --- the clients -----------------------------------------------------------------------------------------------

    private static Run run(URI uri, int sessions, int seconds, byte[] speech) throws Exception {
        Map<String, List<Long>> stages = new ConcurrentHashMap<>();
        AtomicInteger turns = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Thread> clients = new ArrayList<>();
        // people do not start talking in lock-step: the starts spread over one turn's length (random gaps that
        // average out to an even spread), so turns end at independent times as they would with real users
        long turnMs = (speech.length / 2 + TRAILING_SILENCE_SAMPLES) * 1000L / 16_000;
        java.util.Random gaps = new java.util.Random(7);
        for (int i = 0; i < sessions; i++) {
            clients.add(Thread.ofVirtual().start(() -> client(uri, speech, deadline, stages, turns, errors)));
            Thread.sleep(sessions == 1 ? 0 : (long) (gaps.nextDouble() * 2 * turnMs / sessions));
        }
        for (Thread client : clients) {
            client.join();
        }
        return new Run(sessions, turns.get(), errors.get(), stages);
    }

    private static void client(URI uri, byte[] speech, long deadline, Map<String, List<Long>> stages,
            AtomicInteger turns, AtomicInteger errors) {
        LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        WebSocket socket;
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + KEY)
                    .buildAsync(uri, new Listener(events)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            errors.incrementAndGet();
            return;
        }
        byte[] turn = concat(speech, new byte[TRAILING_SILENCE_SAMPLES * 2]);
        try {
            while (System.nanoTime() < deadline) {
                speak(socket, turn);
                JsonNode done = awaitDone(events, errors);
                if (done == null) {
                    errors.incrementAndGet();
                    break;
                }
                turns.incrementAndGet();
                JsonNode latency = done.path("response").path("latency");
                latency.properties().forEach(field -> stage(stages, field.getKey(), field.getValue().asLong()));
                stage(stages, SERVER_ADDED, serverAdded(latency));
            }
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            errors.incrementAndGet();
        }
    }

    private static void stage(Map<String, List<Long>> stages, String name, long ms) {
        stages.computeIfAbsent(name, k -> Collections.synchronizedList(new ArrayList<>())).add(ms);
    }

    /**
     * One turn's latency beyond model time: end of speech to first audio, less recognition, the chat model's time to
     * its first token (request sent to first token), and synthesis to the first chunk.
     */
    private static long serverAdded(JsonNode latency) {
        return latency.path("end_of_speech_to_first_audio_ms").asLong() - latency.path("asr_ms").asLong()
                - latency.path("llm_first_token_ms").asLong() - latency.path("tts_first_chunk_ms").asLong();
    }

    /** Sends a turn in 20 ms frames at the pace it would be spoken. */
    static void speak(WebSocket socket, byte[] pcm) throws Exception {
        long start = System.nanoTime();
        for (int at = 0, frame = 0; at < pcm.length; at += FRAME_BYTES, frame++) {
            long due = start + frame * 20_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            socket.sendBinary(ByteBuffer.wrap(Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + FRAME_BYTES))),
                    true).get(10, TimeUnit.SECONDS);
        }
    }

    /** The next {@code response.done}; counts {@code error} events; null after 30 s. */
    static JsonNode awaitDone(LinkedBlockingQueue<JsonNode> events, AtomicInteger errors)
            throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            JsonNode event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event == null) {
                continue;
            }
            String type = event.path("type").asText();
            if (type.equals("error")) {
                errors.incrementAndGet();
            } else if (type.equals("response.done")) {
                return event;
            }
        }
        return null;
    }

    /** Keeps the events, drops the audio (a player would play it). Callbacks of one socket come one at a time. */
    private static final class Listener implements WebSocket.Listener {
        private final LinkedBlockingQueue<JsonNode> events;
        private final StringBuilder text = new StringBuilder();

        Listener(LinkedBlockingQueue<JsonNode> events) {
            this.events = events;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    events.add(JSON.readTree(text.toString()));
                } catch (IOException e) {
                    events.add(JSON.createObjectNode().put("type", "error"));
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }
    }

    // --- the report ------------------------------------------------------------------------------------------------

    private static void report(Run baseline, Run load) {
        System.out.printf(Locale.ROOT, "%nbaseline: %d session, %d turns, %d errors%n", baseline.sessions(),
                baseline.turns(), baseline.errors());
        System.out.printf(Locale.ROOT, "load:     %d sessions, %d turns, %d errors (goal 0)%n%n", load.sessions(),
                load.turns(), load.errors());
        System.out.printf(Locale.ROOT, "%-34s %9s %9s %9s %9s %12s%n", "stage (ms)", "base p50", "base p95",
                "load p50", "load p95", "p95 vs base");
        for (String stage : List.of("end_of_speech_to_transcript_ms", "asr_ms", "transcript_to_first_token_ms",
                "llm_first_token_ms", "first_token_to_first_audio_ms", "tts_first_chunk_ms",
                "end_of_speech_to_first_audio_ms", SERVER_ADDED)) {
            row(stage, baseline.stages().getOrDefault(stage, List.of()), load.stages().getOrDefault(stage, List.of()));
        }
        Bench.row("voice", "end of speech to first audio, p95 at " + load.sessions() + " sessions",
                percentile(load.stages().getOrDefault("end_of_speech_to_first_audio_ms", List.of()), 95),
                "one session", percentile(baseline.stages().getOrDefault("end_of_speech_to_first_audio_ms",
                        List.of()), 95), "ms");
        Bench.row("voice", "server-added latency, p95 at " + load.sessions() + " sessions",
                percentile(load.stages().getOrDefault(SERVER_ADDED, List.of()), 95), "one session",
                percentile(baseline.stages().getOrDefault(SERVER_ADDED, List.of()), 95), "ms");
        System.out.println("\n" + SERVER_ADDED + " = end of speech to first audio - recognition - chat model's first"
                + " token (request sent to first token, on loopback) - synthesis to first chunk, per turn;"
                + " goal: p95 <= 20 ms under load");
    }

    private static void row(String name, List<Long> base, List<Long> load) {
        long baseP95 = percentile(base, 95);
        long loadP95 = percentile(load, 95);
        System.out.printf(Locale.ROOT, "%-34s %9d %9d %9d %9d %11.1fx%n", name, percentile(base, 50), baseP95,
                percentile(load, 50), loadP95, baseP95 == 0 ? Double.NaN : (double) loadP95 / baseP95);
    }

    static long percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private VoiceLoadBench() {
    }
}
