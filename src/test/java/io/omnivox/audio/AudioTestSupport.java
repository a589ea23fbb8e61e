package io.omnivox.audio;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds WAV files byte by byte (independently of {@link WavWriter}, so the codec is not tested against itself),
 * generates test signals, measures them, and runs the command-line tools (sox, ffmpeg) used as references.
 */
final class AudioTestSupport {

    static final Path SHARED_SPEECH = Path.of("..", "shared", "data", "speech");
    static final Path POCKETSPHINX = Path.of("/usr/share/pocketsphinx/test/data");

    private AudioTestSupport() {
    }

    // ---- WAV bytes ------------------------------------------------------------------------------------------------

    /** "RIFF" + size + "WAVE" + the chunks, which are written as given. */
    static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii("WAVE"));
        for (byte[] chunk : chunks) {
            body.writeBytes(chunk);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("RIFF"));
        out.writeBytes(le(body.size(), 4));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** A chunk with its true size and, for an odd size, the pad byte. */
    static byte[] chunk(String id, byte[] body) {
        byte[] c = chunkClaiming(id, body.length, body);
        if (body.length % 2 == 1) {
            c = concat(c, new byte[1]);
        }
        return c;
    }

    /** A chunk whose header claims {@code declaredSize} whatever the body (no pad byte). */
    static byte[] chunkClaiming(String id, long declaredSize, byte[] body) {
        return concat(ascii(id), le((int) declaredSize, 4), body);
    }

    /** A 16-byte PCM-style fmt chunk body. */
    static byte[] fmt(int tag, int channels, int rate, int bits) {
        int blockAlign = channels * ((bits + 7) / 8);
        return concat(le(tag, 2), le(channels, 2), le(rate, 4), le(rate * blockAlign, 4), le(blockAlign, 2),
                le(bits, 2));
    }

    /** A 40-byte WAVE_FORMAT_EXTENSIBLE fmt chunk body with the standard KSDATAFORMAT GUID for {@code subTag}. */
    static byte[] fmtExtensible(int subTag, int channels, int rate, int containerBits, int validBits, int mask) {
        byte[] guidTail = {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71};
        return concat(fmt(0xFFFE, channels, rate, containerBits), le(22, 2), le(validBits, 2), le(mask, 4),
                le(subTag, 2), guidTail);
    }

    static byte[] pcm16(int... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int v : values) {
            out.writeBytes(le(v, 2));
        }
        return out.toByteArray();
    }

    static byte[] le(long v, int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) (v >> (8 * i));
        }
        return b;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] floatsLe(float[] samples) {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(samples);
        return b.array();
    }

    static float[] readFloatsLe(byte[] bytes) {
        float[] out = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    // ---- signals --------------------------------------------------------------------------------------------------

    static float[] sine(double frequency, int rate, double seconds, double amplitude) {
        float[] s = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (amplitude * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return s;
    }

    /** Amplitude of the {@code frequency} component over {@code samples[from, to)}, by projection. */
    static double amplitude(float[] samples, int rate, double frequency, int from, int to) {
        double re = 0;
        double im = 0;
        for (int i = from; i < to; i++) {
            double phase = 2 * Math.PI * frequency * i / rate;
            re += samples[i] * Math.cos(phase);
            im += samples[i] * Math.sin(phase);
        }
        return 2 * Math.hypot(re, im) / (to - from);
    }

    static double rms(float[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    /** 10 log10(reference energy / difference energy) over {@code [from, to)}. */
    static double snrDb(float[] reference, float[] test, int from, int to) {
        double signal = 0;
        double noise = 0;
        for (int i = from; i < to; i++) {
            signal += (double) reference[i] * reference[i];
            double d = reference[i] - test[i];
            noise += d * d;
        }
        return 10 * Math.log10(signal / noise);
    }

    /** The strongest frequency (Hz) in the middle of {@code samples}, by a Hann-windowed FFT with interpolation. */
    static double dominantFrequency(float[] samples, int rate) {
        int n = Integer.highestOneBit(Math.min(samples.length, 1 << 16));
        int start = (samples.length - n) / 2;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = samples[start + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
        }
        fft(re, im);
        int best = 1;
        double[] mag = new double[n / 2];
        for (int k = 1; k < n / 2; k++) {
            mag[k] = Math.hypot(re[k], im[k]);
            if (mag[k] > mag[best]) {
                best = k;
            }
        }
        double offset = 0;
        if (best > 1 && best < n / 2 - 1) {
            double a = Math.log(mag[best - 1]);
            double b = Math.log(mag[best]);
            double c = Math.log(mag[best + 1]);
            offset = 0.5 * (a - c) / (a - 2 * b + c);
        }
        return (best + offset) * rate / n;
    }

    private static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = -2 * Math.PI / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < len / 2; k++) {
                    double wr = Math.cos(angle * k);
                    double wi = Math.sin(angle * k);
                    double xr = re[i + k + len / 2] * wr - im[i + k + len / 2] * wi;
                    double xi = re[i + k + len / 2] * wi + im[i + k + len / 2] * wr;
                    re[i + k + len / 2] = re[i + k] - xr;
                    im[i + k + len / 2] = im[i + k] - xi;
                    re[i + k] += xr;
                    im[i + k] += xi;
                }
            }
        }
    }

    // ---- generated streams ----------------------------------------------------------------------------------------

    /** 16-bit sample {@code i} of {@link #patternWav}: deterministic, every value checkable, not periodic in chunks. */
    static int patternSample(long i) {
        return (int) ((i * 7919) % 65536) - 32768;
    }

    /**
     * A mono 16-bit WAV of {@code frames} pattern samples, generated as it is read (never held in memory). With
     * {@code frames} &lt; 0 the sizes say "until end of stream" and it never ends.
     */
    static InputStream patternWav(int rate, long frames) {
        long dataBytes = frames < 0 ? 0xFFFFFFFFL : frames * 2;
        byte[] header = riffHeaderOnly(fmt(1, 1, rate, 16), dataBytes);
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (frames >= 0 && position >= header.length + frames * 2) {
                    return -1;
                }
                int n = 0;
                while (n < len && (frames < 0 || position < header.length + frames * 2)) {
                    if (position < header.length) {
                        b[off + n] = header[(int) position];
                    } else {
                        long byteIndex = position - header.length;
                        int sample = patternSample(byteIndex / 2);
                        b[off + n] = (byte) (byteIndex % 2 == 0 ? sample : sample >> 8);
                    }
                    n++;
                    position++;
                }
                return n;
            }
        };
    }

    private static byte[] riffHeaderOnly(byte[] fmtBody, long dataBytes) {
        return concat(ascii("RIFF"), le(dataBytes == 0xFFFFFFFFL ? 0xFFFFFFFFL : 36 + dataBytes, 4), ascii("WAVE"),
                chunk("fmt ", fmtBody), ascii("data"), le(dataBytes, 4));
    }

    // ---- tools ----------------------------------------------------------------------------------------------------

    static boolean toolAvailable(String tool) {
        try {
            Process p = new ProcessBuilder(tool, tool.equals("sox") ? "--version" : "-version")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void assumeTool(String tool) {
        assumeTrue(toolAvailable(tool), tool + " is not installed (Debian package " + tool
                + "; .ci/run installs it): skipping the tests that use it as a reference");
    }

    /** Runs a command, failing the test with its output if it does not exit 0 within 60 s. Returns stdout. */
    static byte[] run(String... command) {
        return run(List.of(command));
    }

    static byte[] run(List<String> command) {
        try {
            Path log = Files.createTempFile("audio-test-", ".log");
            try {
                Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " failed: " + Files.readString(log));
                }
                return out;
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs ffmpeg (quiet, overwriting) with the given arguments. */
    static byte[] ffmpeg(String... arguments) {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                "-y"));
        command.addAll(List.of(arguments));
        return run(command);
    }
}
