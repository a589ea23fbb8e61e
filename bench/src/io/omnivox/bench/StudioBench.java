package io.omnivox.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Audiobook throughput per speech engine on this machine: the packaged app makes the same generated book (chapters of
 * plain sentences) with each engine, through {@code POST /api/audiobooks}, timed from upload to the finished M4B
 * (parsing, synthesis, quality control, encoding). Reports characters of text per second of wall time and the
 * real-time factor, each engine against espeak-ng measured in the same run; segments are checked for silence,
 * clipping and length, not transcribed back (the fixture recogniser cannot judge speech). CosyVoice runs its fixture model: the
 * real Java pipeline around tiny graphs, so its number says what Omnivox's own work costs, not the model's.
 * Usage: {@code bench/run studio [characters]}.
 */
public final class StudioBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "ovx_studio-bench-key-0123456789abcdef";

    record Result(String engine, int characters, double seconds, double audioSeconds) {
        double charactersPerSecond() {
            return characters / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        int characters = args.length > 0 ? Integer.parseInt(args[0]) : Bench.quick() ? 1_200 : 6_000;
        String book = book(characters);
        List<Result> results = new ArrayList<>();
        for (String engine : List.of("espeak-ng", "flite", "cosyvoice")) {
            results.add(run(engine, book));
        }
        Result baseline = results.get(0);
        System.out.printf(Locale.ROOT, "%nbook: %d characters in %d chapters%n%n", book.length(), chapters(book));
        System.out.printf(Locale.ROOT, "%-12s %10s %12s %12s %16s%n", "engine", "wall s", "chars/s", "audio/wall",
                "chars/s vs espeak");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-12s %10.1f %12.1f %12.2f %15.2fx%n", r.engine(), r.seconds(),
                    r.charactersPerSecond(), r.audioSeconds() / r.seconds(),
                    r.charactersPerSecond() / baseline.charactersPerSecond());
            Bench.row("studio", r.engine() + ": audiobook wall time per second of audio",
                    r.seconds() / r.audioSeconds() * 1000, "real time", 1000, "ms");
        }
    }

    private static Result run(String engine, String book) throws Exception {
        Path work = Files.createTempDirectory("omnivox-studio-bench");
        // the fixture SenseVoice cannot judge speech: quality control without transcribing back (it would flag every
        // segment after synthesising it twice)
        Process app = BenchApp.start(work, KEY, "-Domnivox.tts.engine=" + engine, "-Domnivox.studio.qc.asr-check=off");
        try {
            int port = BenchApp.awaitReady(app);
            HttpClient http = HttpClient.newHttpClient();
            long start = System.nanoTime();
            String boundary = "bench" + System.nanoTime();
            byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"book.md\"\r\n"
                    + "Content-Type: text/markdown\r\n\r\n" + book + "\r\n--" + boundary + "--\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/audiobooks")).header("Authorization", "Bearer " + KEY)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 202) {
                throw new IllegalStateException(engine + ": " + created.statusCode() + " " + created.body());
            }
            String job = JSON.readTree(created.body()).path("id").asText();
            JsonNode view;
            do {
                Thread.sleep(200);
                view = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/jobs/" + job)).header("Authorization", "Bearer " + KEY).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
            } while (!view.path("state").asText().matches("succeeded|failed|cancelled")
                    && System.nanoTime() - start < Duration.ofMinutes(30).toNanos());
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!view.path("state").asText().equals("succeeded")) {
                throw new IllegalStateException(engine + ": the job ended " + view);
            }
            JsonNode report = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/jobs/" + job + "/artifacts/report.json")).header("Authorization", "Bearer " + KEY)
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            System.out.printf(Locale.ROOT, "%s: %.1f s for %d segments%n", engine, seconds,
                    view.path("segments_total").asInt());
            return new Result(engine, book.length(), seconds, report.path("duration_ms").asLong() / 1000.0);
        } finally {
            app.destroy();
            app.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A book of about {@code characters} characters: chapters of ten plain sentences. */
    static String book(int characters) {
        StringBuilder book = new StringBuilder();
        int chapter = 0;
        int sentence = 0;
        while (book.length() < characters) {
            if (sentence % 10 == 0) {
                book.append("\n# Chapter ").append(++chapter).append("\n\n");
            }
            sentence++;
            book.append("Sentence ").append(sentence).append(" tells how the boats came home along the grey coast, ")
                    .append("and how the keeper watched them from the lamp room. ");
        }
        return book.toString().strip();
    }

    private static long chapters(String book) {
        return book.lines().filter(l -> l.startsWith("# ")).count();
    }

    private StudioBench() {
    }
}
