package io.omnivox.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.omnivox.api.CosyVoiceEngineTest;
import io.omnivox.api.SenseVoiceEngineTest;

/**
 * The packaged app (as {@code ./omnivox} runs it) for benchmarks: fixture SenseVoice and CosyVoice in its model
 * registry (the real Java front ends, decoders and ONNX sessions; tiny graphs), its data in a scratch directory, a
 * known admin key, CPU only (CUDA first in a {@code --gpu} report), and the caller's extra {@code -D} settings.
 */
final class BenchApp {

    private BenchApp() {
    }

    static Process start(Path work, String key, String... properties) throws Exception {
        Path manifests = Files.createDirectories(work.resolve("models"));
        Path weights = Files.createDirectories(work.resolve("weights"));
        for (Map<String, String> fixture : List.of(new SenseVoiceEngineTest.FixtureWeights().getConfigOverrides(),
                new CosyVoiceEngineTest.FixtureWeights().getConfigOverrides())) {
            try (DirectoryStream<Path> yamls = Files.newDirectoryStream(Path.of(fixture.get("omnivox.models.manifests")),
                    "*.yaml")) {
                for (Path yaml : yamls) {
                    Files.copy(yaml, manifests.resolve(yaml.getFileName()));
                }
            }
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of(fixture.get("omnivox.models.dir")))) {
                for (Path dir : dirs) {
                    Files.createSymbolicLink(weights.resolve(dir.getFileName()), dir);
                }
            }
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dquarkus.http.port=" + freePort(), "-Domnivox.models.manifests=" + manifests,
                "-Domnivox.models.dir=" + weights, "-Domnivox.models.fetch-on-startup=false",
                "-Domnivox.data-dir=" + work.resolve("data"), "-Domnivox.tts.voices-dir=" + work.resolve("voices"),
                "-Domnivox.auth.bootstrap-key=" + key, Bench.appDevice(), "-Dquarkus.log.level=WARN"));
        command.addAll(Arrays.asList(properties));
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("app.log").toFile()).start();
    }

    /** Waits until the app is ready; prints its engines' status and returns its port. */
    static int awaitReady(Process app) throws Exception {
        String portArg = app.info().arguments().flatMap(a -> Arrays.stream(a).filter(s -> s.startsWith(
                "-Dquarkus.http.port=")).findFirst()).orElseThrow();
        int port = Integer.parseInt(portArg.substring(portArg.indexOf('=') + 1));
        HttpClient http = HttpClient.newHttpClient();
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    System.out.println("engines: " + ready.body().replaceAll("\\s+", " ").replaceAll(".*\"data\": \\{",
                            "{").replaceAll("}.*", "}"));
                    return port;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the app did not become ready");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
