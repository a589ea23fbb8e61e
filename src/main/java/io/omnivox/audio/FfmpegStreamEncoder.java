package io.omnivox.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Encodes audio while it is being produced: PCM chunks go into one ffmpeg process, whose encoded output is copied to
 * {@code sink} as it appears, so a compressed reply (MP3, Opus, AAC, FLAC) streams like WAV does. Formats that need a
 * seekable output for their headers (an MP3 LAME tag, FLAC's total length) are written without those fields, which
 * players do not need.
 */
public final class FfmpegStreamEncoder implements AutoCloseable {

    private final Process process;
    private final OutputStream stdin;
    private final Thread copier;
    private volatile IOException copyFailure;

    private FfmpegStreamEncoder(Process process, OutputStream sink) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.copier = Thread.ofVirtual().name("ffmpeg-encode-copy").start(() -> copy(process.getInputStream(), sink));
    }

    /** Starts ffmpeg for mono float input at {@code sampleRate} producing {@code format} into {@code sink}. */
    public static FfmpegStreamEncoder start(String ffmpeg, OutputFormat format, int sampleRate, OutputStream sink) {
        if (format.ffmpegArguments().isEmpty()) {
            throw new IllegalArgumentException(format + " is written in Java, not by ffmpeg");
        }
        List<String> command = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-loglevel", "error", "-f", "f32le",
                "-ar", String.valueOf(sampleRate), "-ac", "1", "-i", "pipe:0"));
        command.addAll(format.ffmpegArguments());
        command.add("pipe:1");
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return new FfmpegStreamEncoder(process, sink);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + ffmpeg + " (apt-get install ffmpeg): " + e.getMessage(), e);
        }
    }

    /** Feeds one chunk; false when the client or ffmpeg went away (stop producing). */
    public boolean write(float[] pcm) {
        if (copyFailure != null) {
            return false;
        }
        ByteBuffer bytes = ByteBuffer.allocate(pcm.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : pcm) {
            bytes.putFloat(v);
        }
        try {
            stdin.write(bytes.array());
            stdin.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Ends the input and waits until every encoded byte reached the sink. */
    @Override
    public void close() {
        try {
            stdin.close();
            copier.join(TimeUnit.SECONDS.toMillis(60));
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (copyFailure != null) {
            throw new UncheckedIOException("Sending encoded audio failed", copyFailure);
        }
    }

    private void copy(InputStream encoded, OutputStream sink) {
        byte[] buffer = new byte[16 * 1024];
        try (encoded) {
            for (int n; (n = encoded.read(buffer)) >= 0;) {
                sink.write(buffer, 0, n);
                sink.flush();
            }
        } catch (IOException e) {
            copyFailure = e;
            process.destroyForcibly();
        }
    }
}
