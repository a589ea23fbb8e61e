package io.omnivox;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Starts the app with {@code -Dkey=value} properties; the HTTP port is picked free. */
    static AppProcess start(Path workDir, String... properties) throws IOException {
        String jar = System.getProperty("omnivox.app.jar", "target/quarkus-app/quarkus-run.jar");
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Domnivox.models.fetch-on-startup=false");
        command.add("-Domnivox.models.dir=" + workDir.resolve("weights"));
        command.add("-Domnivox.models.manifests=" + Path.of("models").toAbsolutePath());
        command.add("-Domnivox.pipelines.dir=" + Path.of("pipelines").toAbsolutePath());
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

    /** Waits for the process to end by itself; returns its exit code, or fails after {@code seconds}. */
    int awaitExit(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("the app did not exit within " + seconds + " s; log:\n" + output());
        }
        return process.exitValue();
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
