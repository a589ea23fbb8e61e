package io.omnivox;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}) started as a user starts it, in its own JVM,
 * with system properties for the test. Output goes to a log file the test can read.
 */
final class AppProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    final int port;

    private AppProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** The admin key the app is started with (registered as its bootstrap key). */
    static final String ADMIN_KEY = "ovx_packaged-app-test-key-0123456789abcdef";

    /**
     * Starts the app with {@code -Dkey=value} properties and {@link #ADMIN_KEY} as bootstrap key; the HTTP port is
     * picked free, and the data (database) stays in {@code workDir}.
     */
    static AppProcess start(Path workDir, String... properties) throws IOException {
        List<String> withKey = new ArrayList<>(List.of(properties));
        withKey.add(0, "omnivox.auth.bootstrap-key=" + ADMIN_KEY);
        return startWithoutKey(workDir, withKey.toArray(String[]::new));
    }

    /** Starts the app without a configured bootstrap key: a new database gets a generated, printed one. */
    static AppProcess startWithoutKey(Path workDir, String... properties) throws IOException {
        String jar = System.getProperty("omnivox.app.jar", "target/quarkus-app/quarkus-run.jar");
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Domnivox.models.fetch-on-startup=false");
        command.add("-Domnivox.models.dir=" + workDir.resolve("weights"));
        command.add("-Domnivox.models.manifests=" + Path.of("models").toAbsolutePath());
        command.add("-Domnivox.pipelines.dir=" + Path.of("pipelines").toAbsolutePath());
        command.add("-Domnivox.data-dir=" + workDir.resolve("data"));
        command.add("-Domnivox.tts.voices-dir=" + workDir.resolve("voices"));
        for (String property : properties) {
            command.add("-D" + property);
        }
        command.add("-jar");
        command.add(Path.of(jar).toAbsolutePath().toString());
        Path log = workDir.resolve("app.log");
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new AppProcess(process, log, port);
    }

    /** Waits until the app answers readiness (whatever the status), or fails after 60 s or when it exits. */
    HttpResponse<String> awaitReady() throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the app exited during startup:\n" + output());
            }
            try {
                return get("/q/health/ready", null);
            } catch (IOException notYetListening) {
                Thread.sleep(250);
            }
        }
        throw new AssertionError("the app did not answer within 60 s:\n" + output());
    }

    /** GET {@code path}, with {@code key} as Bearer key unless null. */
    /** POSTs a JSON body with the key. */
    HttpResponse<String> postJson(String path, String json, String key) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Waits for the process to end by itself; returns its exit code, or fails after {@code seconds}. */
    int awaitExit(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("the app did not exit within " + seconds + " s; log:\n" + output());
        }
        return process.exitValue();
    }

    /** Kills the process at once (SIGKILL): no shutdown hooks, no flushing; as a crash or a power cut would. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }

    /** POSTs one file as the multipart field {@code file}, with extra text fields, with the key. */
    HttpResponse<String> postFile(String path, String fileName, byte[] content, java.util.Map<String, String> fields,
            String key) throws IOException, InterruptedException {
        String boundary = "omnivox-" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (var field : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** GETs {@code path} into bytes, with the key. */
    byte[] download(String path, String key) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + key).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + response.statusCode());
            }
            return response.body();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
