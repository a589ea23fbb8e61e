package io.omnivox.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.omnivox.audio.AudioFormatException.Problem;

/**
 * Decodes whatever ffmpeg reads (MP3, FLAC, Ogg/Opus and Vorbis, WebM/Opus from browsers' MediaRecorder, M4A/AAC,
 * AIFF...) and encodes MP3, Opus, AAC and FLAC, by running the {@code ffmpeg} binary (Debian package {@code ffmpeg}).
 * <p>
 * Decoding streams: ffmpeg writes mono 32-bit float at the requested rate to a pipe, read in blocks and handed on in
 * chunks, so a two-hour file is never held in memory. The input is probed by its first bytes first, so non-audio never
 * starts a process. Limits: {@link DecodeLimits#maxBytes()} is counted as ffmpeg is fed,
 * {@link DecodeLimits#maxSeconds()} on the decoded samples; either kills the process the moment it is exceeded. The
 * timeout bounds how long ffmpeg may go without producing anything (a stall), not the whole decode, so a slow
 * consumer of a long stream is not punished; encoding must finish within it.
 * <p>
 * Instances are stateless apart from configuration and safe to share.
 */
public final class FfmpegCodec {

    /** The default stall timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final int READ_BYTES = 64 * 1024;
    private static final int STDERR_TAIL_CHARS = 8 * 1024;
    /** End-of-stream marker on the reader queue (compared by identity). */
    private static final float[] END = new float[0];

    private final String executable;
    private final Duration timeout;
    private volatile Boolean available;

    /** Runs {@code ffmpeg} from the PATH with the default timeout. */
    public FfmpegCodec() {
        this("ffmpeg", DEFAULT_TIMEOUT);
    }

    /**
     * @param executable the ffmpeg binary: a name looked up on the PATH or a path
     * @param timeout    longest stall while decoding, longest whole encode
     */
    public FfmpegCodec(String executable, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.executable = executable;
        this.timeout = timeout;
    }

    /** Whether ffmpeg can be run (checked once with {@code ffmpeg -version}). */
    public boolean isAvailable() {
        Boolean known = available;
        if (known == null) {
            known = probeExecutable();
            available = known;
        }
        return known;
    }

    /**
     * Decodes a whole stream to mono at {@code targetRate}.
     *
     * @throws AudioFormatException  for empty, non-audio, truncated, unsupported, too large or too long input
     * @throws IllegalStateException when ffmpeg is not installed
     * @throws UncheckedIOException  when reading the input fails or ffmpeg stalls past the timeout
     */
    public AudioClip decode(InputStream in, DecodeLimits limits, int targetRate) {
        SampleBuffer all = new SampleBuffer();
        stream(in, limits, targetRate, 1 << 16, all::add);
        return new AudioClip(all.toArray(), targetRate);
    }

    /**
     * Decodes a stream to mono at {@code targetRate}, handing {@code sink} chunks of exactly {@code chunkSamples}
     * samples (the last may be shorter) on the calling thread as ffmpeg produces them. An exception from the sink
     * stops ffmpeg and propagates.
     *
     * @throws AudioFormatException  as {@link #decode}; chunks already delivered stay delivered
     * @throws IllegalStateException when ffmpeg is not installed
     */
    public void stream(InputStream input, DecodeLimits limits, int targetRate, int chunkSamples,
                       Consumer<float[]> sink) {
        checkArguments(targetRate, chunkSamples);
        BufferedInputStream in = new BufferedInputStream(new LimitedInputStream(input, limits), READ_BYTES);
        byte[] head = peek(in, AudioContainer.PROBE_BYTES);
        if (head.length == 0) {
            throw new AudioFormatException(Problem.EMPTY, "The audio is empty (0 bytes).");
        }
        AudioContainer container = AudioContainer.probe(head);
        if (container == AudioContainer.UNKNOWN) {
            throw notRecognised();
        }
        streamProbed(in, container, limits, targetRate, chunkSamples, sink);
    }

    /**
     * Encodes {@code clip}: WAV (16-bit) and PCM in Java, the rest with ffmpeg at the clip's rate (Opus at the
     * nearest rate libopus supports).
     *
     * @throws IllegalStateException when ffmpeg is missing or fails
     * @throws UncheckedIOException  when ffmpeg takes longer than the timeout
     */
    public byte[] encode(AudioClip clip, OutputFormat format) {
        switch (format) {
            case WAV:
                return WavCodec.encode(clip, 16);
            case PCM:
                return Pcm16.encode(clip.samples());
            default:
                return encodeWithFfmpeg(clip, format);
        }
    }

    /** Decodes input whose first bytes were already probed as {@code container}; {@code in} is limit-counted. */
    void streamProbed(InputStream in, AudioContainer container, DecodeLimits limits, int targetRate,
                      int chunkSamples, Consumer<float[]> sink) {
        Path temp = null;
        try {
            if (container.needsSeekableInput()) {
                // MP4 files usually carry their index after the audio: ffmpeg must seek, which a pipe cannot.
                temp = Files.createTempFile("omnivox-decode-", ".in");
                try (OutputStream out = Files.newOutputStream(temp)) {
                    in.transferTo(out);
                }
            }
            // rematrix_maxval 1 normalises the down-mix so stereo becomes (L + R) / 2, as in WavReader; ffmpeg's
            // default is (L + R) * 0.707, louder than either channel.
            List<String> command = new ArrayList<>(List.of(executable, "-hide_banner", "-nostdin", "-loglevel",
                    "error", "-i", temp == null ? "pipe:0" : temp.toString(), "-map", "0:a:0", "-rematrix_maxval",
                    "1.0", "-ac", "1", "-ar", Integer.toString(targetRate), "-c:a", "pcm_f32le", "-f", "f32le",
                    "pipe:1"));
            decodeWith(command, temp == null ? in : null, temp, limits, targetRate, chunkSamples, sink);
        } catch (IOException e) {
            throw new UncheckedIOException("could not spool the audio to a temporary file", e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private void decodeWith(List<String> command, InputStream stdinSource, Path temp, DecodeLimits limits,
                            int targetRate, int chunkSamples, Consumer<float[]> sink) {
        Process process = start(command);
        StderrTail stderr = new StderrTail(process.getErrorStream());
        AtomicReference<RuntimeException> inputFailure = new AtomicReference<>();
        Thread writer = stdinSource == null ? null
                : daemon("ffmpeg-stdin", () -> feed(stdinSource, process, inputFailure));
        if (stdinSource == null) {
            closeQuietly(process.getOutputStream());
        }
        BlockingQueue<float[]> queue = new ArrayBlockingQueue<>(4);
        Thread reader = daemon("ffmpeg-stdout", () -> readPcm(process.getInputStream(), queue));
        try {
            Rechunker out = new Rechunker(chunkSamples, sink);
            long maxSamples = limits.maxSamples(targetRate);
            long total = 0;
            while (true) {
                float[] block = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
                if (block == null) {
                    throw timedOut("produced no audio for");
                }
                if (block == END) {
                    break;
                }
                total += block.length;
                if (total > maxSamples) {
                    process.destroyForcibly();
                    throw limits.tooLong();
                }
                out.accept(block);
            }
            RuntimeException failed = inputFailure.get();
            if (failed != null) {
                throw failed;
            }
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw timedOut("did not exit within");
            }
            if (process.exitValue() != 0) {
                throw decodeFailure(stderr.text(), temp, process.exitValue());
            }
            if (total == 0) {
                throw WavCodec.noSamples();
            }
            out.finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while decoding audio"));
        } finally {
            process.destroyForcibly();
            reader.interrupt();
            if (writer != null) {
                writer.interrupt();
            }
        }
    }

    /** Copies the (limit-counted) input to ffmpeg; a failure to read it is recorded and stops ffmpeg. */
    private static void feed(InputStream in, Process process, AtomicReference<RuntimeException> failure) {
        byte[] buffer = new byte[READ_BYTES];
        OutputStream stdin = process.getOutputStream();
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                try {
                    stdin.write(buffer, 0, n);
                } catch (IOException e) {
                    return; // ffmpeg stopped reading (finished, failed or was stopped): its exit status tells
                }
            }
        } catch (RuntimeException e) {
            // TOO_LARGE from the limit, or any failure of the caller's stream: ffmpeg must not see a clean end of
            // input and report a truncated decode as a success.
            failure.set(e);
            process.destroyForcibly();
        } catch (IOException e) {
            failure.set(new UncheckedIOException("reading the audio input failed", e));
            process.destroyForcibly();
        } finally {
            closeQuietly(stdin);
        }
    }

    private static void readPcm(InputStream stdout, BlockingQueue<float[]> queue) {
        byte[] bytes = new byte[READ_BYTES];
        int carry = 0;
        try (stdout) {
            int n;
            while ((n = stdout.read(bytes, carry, bytes.length - carry)) >= 0) {
                int available = carry + n;
                int floats = available / 4;
                if (floats > 0) {
                    float[] block = new float[floats];
                    ByteBuffer.wrap(bytes, 0, floats * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(block);
                    queue.put(block);
                }
                carry = available - floats * 4;
                System.arraycopy(bytes, floats * 4, bytes, 0, carry);
            }
        } catch (IOException e) {
            // The process died or was stopped; the caller learns why from its exit status.
        } catch (InterruptedException e) {
            return; // the caller gave up
        }
        try {
            queue.put(END);
        } catch (InterruptedException e) {
            // the caller gave up
        }
    }

    private byte[] encodeWithFfmpeg(AudioClip clip, OutputFormat format) {
        Path out = null;
        Process process = null;
        try {
            // A file, not a pipe: MP3's LAME tag (encoder delay, exact length) is written by seeking back.
            out = Files.createTempFile("omnivox-encode-", "." + format.extension());
            List<String> command = new ArrayList<>(List.of(executable, "-hide_banner", "-nostdin", "-loglevel",
                    "error", "-f", "f32le", "-ar", Integer.toString(clip.sampleRate()), "-ac", "1", "-i", "pipe:0"));
            command.addAll(format.ffmpegArguments());
            command.addAll(List.of("-y", out.toString()));
            process = start(command);
            StderrTail stderr = new StderrTail(process.getErrorStream());
            Process running = process;
            daemon("ffmpeg-stdin", () -> writeFloats(clip.samples(), running));
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw timedOut("did not finish encoding within");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("ffmpeg could not encode " + format + ": "
                        + clean(stderr.text(), out));
            }
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding " + format + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while encoding audio"));
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
            deleteQuietly(out);
        }
    }

    private static void writeFloats(float[] samples, Process process) {
        byte[] bytes = new byte[READ_BYTES];
        ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream stdin = process.getOutputStream()) {
            for (int start = 0; start < samples.length; start += bytes.length / 4) {
                int n = Math.min(bytes.length / 4, samples.length - start);
                view.clear();
                view.asFloatBuffer().put(samples, start, n);
                stdin.write(bytes, 0, n * 4);
            }
        } catch (IOException e) {
            // ffmpeg exited early; its exit status and stderr say why
        }
    }

    private Process start(List<String> command) {
        try {
            return new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run ffmpeg ('" + executable + "'): install the Debian package "
                    + "ffmpeg (apt-get install ffmpeg). It decodes MP3, FLAC, Ogg/Opus, WebM and M4A uploads and "
                    + "encodes MP3, Opus, AAC and FLAC; WAV works without it.", e);
        }
    }

    private boolean probeExecutable() {
        try {
            Process process = new ProcessBuilder(executable, "-hide_banner", "-version")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
            } finally {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private UncheckedIOException timedOut(String what) {
        return new UncheckedIOException(new InterruptedIOException("ffmpeg " + what + " " + timeout.toMillis()
                + " ms and was stopped"));
    }

    /** Maps ffmpeg's complaint to the caller's problem; ffmpeg's wording is stable across releases for these. */
    static AudioFormatException decodeFailure(String stderr, Path temp, int exitValue) {
        String text = stderr.toLowerCase(Locale.ROOT);
        String detail = clean(stderr, temp);
        if (detail.isEmpty()) {
            detail = "ffmpeg exited with status " + exitValue;
        }
        if (text.contains("matches no streams") || text.contains("does not contain any stream")) {
            return new AudioFormatException(Problem.NOT_AUDIO, "The file contains no audio stream.");
        }
        if (text.contains("moov atom not found") || text.contains("partial file") || text.contains("end of file")
                || text.contains("truncat")) {
            return new AudioFormatException(Problem.TRUNCATED, "The audio file is truncated: " + detail);
        }
        if (text.contains("decoder") && text.contains("not found") || text.contains("unsupported codec")
                || text.contains("could not find codec") || text.contains("not yet implemented")
                || text.contains("unknown codec") || text.contains("no decoder")) {
            return new AudioFormatException(Problem.UNSUPPORTED_CODEC, "The audio codec is not supported: "
                    + detail);
        }
        return new AudioFormatException(Problem.NOT_AUDIO, "The audio could not be decoded: " + detail);
    }

    /** The first line of ffmpeg's stderr, without our temp paths, pipe names and demuxer addresses. */
    private static String clean(String stderr, Path temp) {
        String text = temp == null ? stderr : stderr.replace(temp.toString(), "input");
        for (String line : text.split("\\R")) {
            String cleaned = line.replaceAll("\\[[^\\]]* @ 0x[0-9a-fA-F]+\\] ", "").replace("pipe:0: ", "")
                    .replace("pipe:1: ", "").strip();
            if (!cleaned.isEmpty()) {
                return cleaned.length() > 300 ? cleaned.substring(0, 300) + "..." : cleaned;
            }
        }
        return "";
    }

    static AudioFormatException notRecognised() {
        return new AudioFormatException(Problem.NOT_AUDIO, "The input is not a recognised audio file; send WAV, "
                + "MP3, FLAC, Ogg (Opus/Vorbis), WebM/Matroska, M4A/MP4 (AAC), AIFF, CAF, AMR or AU.");
    }

    static byte[] peek(BufferedInputStream in, int bytes) {
        try {
            in.mark(bytes);
            byte[] head = in.readNBytes(bytes);
            in.reset();
            return head;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the audio input failed", e);
        }
    }

    static void checkArguments(int targetRate, int chunkSamples) {
        if (targetRate < WavReader.MIN_RATE || targetRate > WavReader.MAX_RATE) {
            throw new IllegalArgumentException("target rate must be " + WavReader.MIN_RATE + "-"
                    + WavReader.MAX_RATE + " Hz, got " + targetRate);
        }
        if (chunkSamples <= 0) {
            throw new IllegalArgumentException("chunkSamples must be positive, got " + chunkSamples);
        }
    }

    private static Thread daemon(String name, Runnable task) {
        return Thread.ofPlatform().name(name).daemon().start(task);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing useful to do: the process is finishing or gone
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                path.toFile().deleteOnExit();
            }
        }
    }

    /** Drains stderr on its own thread (a full pipe would block ffmpeg), keeping only the last few kilobytes. */
    private static final class StderrTail {

        private final StringBuilder tail = new StringBuilder();
        private final Thread thread;

        StderrTail(InputStream stderr) {
            this.thread = daemon("ffmpeg-stderr", () -> drain(stderr));
        }

        private void drain(InputStream stderr) {
            byte[] buffer = new byte[4096];
            try (stderr) {
                int n;
                while ((n = stderr.read(buffer)) >= 0) {
                    synchronized (tail) {
                        tail.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        if (tail.length() > STDERR_TAIL_CHARS) {
                            tail.delete(0, tail.length() - STDERR_TAIL_CHARS);
                        }
                    }
                }
            } catch (IOException e) {
                // the process is gone; what we have is what there is
            }
        }

        /** Everything kept, once ffmpeg has closed stderr (or after a second). */
        String text() throws InterruptedException {
            thread.join(1000);
            synchronized (tail) {
                return tail.toString();
            }
        }
    }
}
