package io.omnivox.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * Overload on purpose: the packaged app with a small chat capacity and voice session limit, driven at twice each.
 * Chat clients (half of them streaming) post back to back and, when refused, wait as the 429's {@code Retry-After}
 * says; voice clients hold sessions (speaking Debian's "go forward" recording in turns when it is installed) and,
 * when closed with 1013, try again a second later. The chat model is a loopback OpenAI-compatible server that takes
 * {@value #MODEL_MS} ms per answer, so requests overlap as they would on a busy model. Reports answers, what was shed
 * (429s, 1013 closes), every other outcome as an error (goal 0), and latency percentiles against one client alone.
 * Usage: {@code bench/run load [chat capacity] [voice sessions] [seconds]}.
 */
public final class LoadBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "ovx_load-bench-key-0123456789abcdef0123";
    private static final int MODEL_MS = 400;
    private static final int TRY_AGAIN_LATER = 1013;
    private static final String ASK = "{\"messages\": [{\"role\": \"user\", \"content\": \"Hello\"}]";

    /** What one kind of client saw. */
    record Tally(AtomicInteger ok, AtomicInteger shed, AtomicInteger errors, AtomicInteger accepted, List<Long> okMs,
            List<Long> shedMs, List<String> errorSamples) {

        Tally() {
            this(new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new AtomicInteger(),
                    Collections.synchronizedList(new ArrayList<>()), Collections.synchronizedList(new ArrayList<>()),
                    Collections.synchronizedList(new ArrayList<>()));
        }

        void error(String what) {
            errors.incrementAndGet();
            if (errorSamples.size() < 5) {
                errorSamples.add(what);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int chatCapacity = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int voiceSessions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : Bench.quick() ? 10 : 30;
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path work = Files.createTempDirectory("omnivox-load-bench");
        HttpServer model = slowChatServer();
        // the queue holds half the capacity, so that some of the 2x overload waits and the rest is shed
        Process app = BenchApp.start(work, KEY,
                "-Domnivox.agent.openai.base-url=http://127.0.0.1:" + model.getAddress().getPort() + "/v1",
                "-Domnivox.api.capacity.chat=" + chatCapacity,
                "-Domnivox.api.capacity.queue=" + Math.max(1, chatCapacity / 2),
                "-Domnivox.api.capacity.max-wait=1s",
                "-Domnivox.voice.max-sessions=" + voiceSessions,
                "-Domnivox.api.rate-limit.requests-per-minute=1000000");
        try {
            int port = BenchApp.awaitReady(app);
            URI chat = URI.create("http://127.0.0.1:" + port + "/v1/chat/completions");
            URI voice = URI.create("ws://127.0.0.1:" + port + "/ws/voice");
            System.out.printf(Locale.ROOT, "chat capacity %d (queue %d, 1 s wait), voice sessions %d, model %d ms, "
                    + "%d s per run%n", chatCapacity, Math.max(1, chatCapacity / 2), voiceSessions, MODEL_MS, seconds);
            chatRun(chat, 1, 3); // warm-up
            Tally chatAlone = chatRun(chat, 1, Math.max(3, seconds / 3));
            Tally chatLoad = chatRun(chat, 2 * chatCapacity, seconds);
            Tally voiceLoad = voiceRun(voice, 2 * voiceSessions, seconds);
            report(chatAlone, chatLoad, voiceLoad, chatCapacity, voiceSessions, work);
            if (chatLoad.errors().get() + voiceLoad.errors().get() > 0) {
                System.out.println("errors other than shedding: goal 0 NOT met (app log: " + work.resolve("app.log")
                        + ")");
            }
        } finally {
            app.destroy();
            app.waitFor(10, TimeUnit.SECONDS);
            model.stop(0);
        }
    }

    // --- the slow model --------------------------------------------------------------------------------------------

    /** An OpenAI-compatible server that answers after {@link #MODEL_MS} ms, or streams its answer over that time. */
    private static HttpServer slowChatServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 500);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", exchange -> {
            boolean stream = JSON.readTree(exchange.getRequestBody()).path("stream").asBoolean(false);
            if (!stream) {
                sleep(MODEL_MS);
                byte[] body = ("{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                        + "\"Going forward ten meters.\"},\"finish_reason\":\"stop\"}]}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            String[] pieces = { "Going ", "forward ", "ten ", "meters." };
            try (var out = exchange.getResponseBody()) {
                for (String piece : pieces) {
                    sleep(MODEL_MS / pieces.length);
                    out.write(("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + piece + "\"}}]}\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                out.write(("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        return server;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- chat clients ----------------------------------------------------------------------------------------------

    private static Tally chatRun(URI uri, int clients, int seconds) throws InterruptedException {
        Tally tally = new Tally();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            boolean stream = i % 2 == 1;
            threads.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < deadline) {
                    long wait = chatOnce(http, uri, stream, tally);
                    sleep(wait);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return tally;
    }

    /** One request; returns how long to wait before the next (the Retry-After of a 429). */
    private static long chatOnce(HttpClient http, URI uri, boolean stream, Tally tally) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ASK + (stream ? ", \"stream\": true}" : "}"))).build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (response.statusCode() == 200 && answered(response.body(), stream)) {
                tally.ok().incrementAndGet();
                tally.okMs().add(ms);
                return 0;
            }
            var retryAfter = response.headers().firstValue("Retry-After");
            if (response.statusCode() == 429 && retryAfter.isPresent() && response.headers()
                    .firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                tally.shed().incrementAndGet();
                tally.shedMs().add(ms);
                return Long.parseLong(retryAfter.get()) * 1000;
            }
            tally.error(response.statusCode() + " " + abbreviated(response.body()));
        } catch (Exception e) {
            tally.error(e.toString());
        }
        return 100;
    }

    /** A whole answer: the JSON completion, or a stream that ends with [DONE] and carries no error event. */
    private static boolean answered(String body, boolean stream) {
        return stream ? body.contains("data: [DONE]") && !body.contains("\"error\"")
                : body.contains("\"chat.completion\"");
    }

    private static String abbreviated(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    // --- voice clients ---------------------------------------------------------------------------------------------

    private static Tally voiceRun(URI uri, int clients, int seconds) throws Exception {
        Tally tally = new Tally();
        byte[] speech = Files.isRegularFile(VoiceLoadBench.SPEECH) ? Files.readAllBytes(VoiceLoadBench.SPEECH) : null;
        if (speech == null) {
            System.out.println("voice: no " + VoiceLoadBench.SPEECH + " (Debian's pocketsphinx-testdata): sessions "
                    + "send silence and take no turns");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < deadline) {
                    if (!session(uri, speech, deadline, tally)) {
                        sleep(1000); // shed: try again later, as 1013 asks
                    }
                }
            }));
            sleep(50);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return tally;
    }

    /** One session until the deadline; false when it was shed. */
    private static boolean session(URI uri, byte[] speech, long deadline, Tally tally) {
        Events events = new Events();
        WebSocket socket;
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + KEY)
                    .buildAsync(uri, events).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            tally.error("connect: " + e);
            return true;
        }
        long start = System.nanoTime();
        try {
            // a shed session is closed at once; one that stays open a moment was accepted
            Integer code = events.closed.completeOnTimeout(null, 300, TimeUnit.MILLISECONDS).get();
            if (code != null) {
                if (code == TRY_AGAIN_LATER) {
                    tally.shed().incrementAndGet();
                    tally.shedMs().add((System.nanoTime() - start) / 1_000_000);
                    return false;
                }
                tally.error("closed with " + code);
                return true;
            }
            tally.accepted().incrementAndGet();
            events.closed = new CompletableFuture<>();
            byte[] turn = speech == null ? null
                    : VoiceLoadBench.concat(speech, new byte[VoiceLoadBench.TRAILING_SILENCE_SAMPLES * 2]);
            while (System.nanoTime() < deadline && !events.closed.isDone()) {
                if (turn == null) {
                    VoiceLoadBench.speak(socket, new byte[16_000 * 2]); // a second of silence
                    continue;
                }
                VoiceLoadBench.speak(socket, turn);
                AtomicInteger errors = new AtomicInteger();
                JsonNode done = VoiceLoadBench.awaitDone(events.queue, errors);
                if (done == null || errors.get() > 0) {
                    tally.error("turn: " + (done == null ? "no response.done in 30 s" : errors + " error events"));
                    break;
                }
                tally.ok().incrementAndGet();
                tally.okMs().add(done.path("response").path("latency").path("end_of_speech_to_first_audio_ms")
                        .asLong());
            }
            if (events.closed.isDone()) {
                tally.error("closed with " + events.closed.getNow(null) + " mid-session");
            } else {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            tally.error(e.toString());
        }
        return true;
    }

    /** Events as JSON, audio dropped, and the close code. */
    private static final class Events implements WebSocket.Listener {
        final LinkedBlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
        volatile CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    queue.add(JSON.readTree(text.toString()));
                } catch (IOException e) {
                    queue.add(JSON.createObjectNode().put("type", "error"));
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

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }
    }

    // --- the report ------------------------------------------------------------------------------------------------

    private static void report(Tally alone, Tally chat, Tally voice, int chatCapacity, int voiceSessions, Path work) {
        System.out.printf(Locale.ROOT, "%n%-34s %8s %8s %8s %8s %8s %8s %10s%n", "run", "answers", "shed", "errors",
                "p50 ms", "p95 ms", "p99 ms", "shed p50");
        line("chat, 1 client", alone);
        line("chat, " + 2 * chatCapacity + " clients (2x capacity)", chat);
        line("voice, " + 2 * voiceSessions + " clients (2x sessions)", voice);
        System.out.printf(Locale.ROOT, "voice sessions: %d accepted, %d shed with 1013%n", voice.accepted().get(),
                voice.shed().get());
        System.out.println("\nshed = 429 problem+json with Retry-After (chat), close 1013 (voice); answers' latency: "
                + "request to whole answer (chat), end of speech to first audio (voice)");
        for (String sample : chat.errorSamples()) {
            System.out.println("chat error: " + sample);
        }
        for (String sample : voice.errorSamples()) {
            System.out.println("voice error: " + sample);
        }
        Bench.row("load", "chat p95 at 2x capacity (" + chat.shed().get() + " shed, " + chat.errors().get()
                + " errors)", VoiceLoadBench.percentile(chat.okMs(), 95), "one client",
                VoiceLoadBench.percentile(alone.okMs(), 95), "ms");
        Bench.row("load", "voice sessions shed (1013) at 2x sessions (" + voice.errors().get() + " errors)",
                voice.shed().get(), "connection attempts", voice.shed().get() + voice.accepted().get(), "");
    }

    private static void line(String name, Tally t) {
        System.out.printf(Locale.ROOT, "%-34s %8d %8d %8d %8d %8d %8d %10d%n", name, t.ok().get(), t.shed().get(),
                t.errors().get(), VoiceLoadBench.percentile(t.okMs(), 50), VoiceLoadBench.percentile(t.okMs(), 95),
                VoiceLoadBench.percentile(t.okMs(), 99), VoiceLoadBench.percentile(t.shedMs(), 50));
    }

    private LoadBench() {
    }
}
