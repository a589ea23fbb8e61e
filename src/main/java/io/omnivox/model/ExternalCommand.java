package io.omnivox.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an engine that is a command-line program (PocketSphinx, Tesseract, espeak-ng, flite) with a real time limit:
 * standard output goes to a temporary file and standard input is written from another thread, so a program that hangs
 * or never reads its input cannot block the caller past {@code timeout}. Failures become {@link ModelException}s that
 * name the program.
 */
public final class ExternalCommand {

    private ExternalCommand() {
    }

    /**
     * Runs {@code command} and returns what it wrote to standard output.
     *
     * @param name    the program's name for error messages, e.g. {@code Tesseract}
     * @param stdin   bytes for standard input, or null for none
     * @param workDir working directory, or null for the current one
     * @param env     extra environment variables
     * @param hint    appended to the message when the program exits with an error (what to install or check)
     */
    public static byte[] run(String name, List<String> command, byte[] stdin, Path workDir, Map<String, String> env,
            Duration timeout, String hint) {
        Path stdout = null;
        Path stderr = null;
        Process process = null;
        try {
            stdout = Files.createTempFile("omnivox-cmd-", ".out");
            stderr = Files.createTempFile("omnivox-cmd-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            if (workDir != null) {
                builder.directory(workDir.toFile());
            }
            builder.environment().putAll(env);
            process = builder.start();
            feed(process, stdin);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ModelException(name + " took longer than " + timeout.toMillis() + " ms");
            }
            if (process.exitValue() != 0) {
                throw new ModelException(name + " exited with code " + process.exitValue() + hint + said(stderr));
            }
            return Files.readAllBytes(stdout);
        } catch (IOException e) {
            throw new ModelException(name + " could not be run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("Interrupted while waiting for " + name, e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    /** The end of what the program wrote to standard error, for the failure's message (empty when nothing). */
    private static String said(Path stderr) throws IOException {
        String text = Files.readString(stderr, java.nio.charset.StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > MAX_STDERR ? "…" + text.substring(text.length() - MAX_STDERR) : text);
    }

    /** Most characters of a program's error output kept in a message. */
    private static final int MAX_STDERR = 600;

    private static void feed(Process process, byte[] stdin) throws IOException {
        if (stdin == null) {
            process.getOutputStream().close();
            return;
        }
        Thread.ofVirtual().name("external-command-stdin").start(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            } catch (IOException ignored) {
                // the program exited without reading its input: its exit code tells what went wrong
            }
        });
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file is not worth failing a request for
            }
        }
    }
}
