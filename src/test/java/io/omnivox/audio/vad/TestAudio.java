package io.omnivox.audio.vad;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import io.omnivox.audio.AudioClip;

/**
 * Real recordings and clips built from them, for VAD tests. The recordings come from Debian's
 * {@code pocketsphinx-testdata} (installed by {@code .ci/run}); tests skip when it is absent. The other speech sample
 * at hand, {@code shared/data/speech/zh_zero_shot_prompt.wav}, is 24 kHz float PCM, not an integer multiple of 16 kHz,
 * so it waits for a real resampler.
 */
final class TestAudio {

    static final int RATE = VoiceActivityDetector.SAMPLE_RATE;
    static final Path POCKETSPHINX = Path.of("/usr/share/pocketsphinx/test/data");
    /** "go forward ten meters": raw 16 kHz s16le, 2.79 s. */
    static final Path GOFORWARD = POCKETSPHINX.resolve("goforward.raw");
    static final Path LIBRIVOX = POCKETSPHINX.resolve("librivox");
    static final Path CARDS = POCKETSPHINX.resolve("cards");

    /**
     * Where the speech in goforward.raw is, in seconds, from an energy analysis in 10 ms frames above 100 Hz: the
     * background sits near -69 dBFS; "go" jumps from -69 to -41 dBFS at 0.50 s, and "meters" fades from -50 dBFS at
     * 2.17 s into the background by 2.25 s. (Below 100 Hz a thump goes on to 2.39 s; it is not speech.)
     */
    static final double GOFORWARD_SPEECH_START = 0.50;
    static final double GOFORWARD_SPEECH_END = 2.25;
    /** The same recording cut to [0.40 s, 2.35 s): the utterance with 0.1 s of its own background on each side. */
    static final double GOFORWARD_CUT_START = 0.40;
    static final double GOFORWARD_CUT_END = 2.35;

    private TestAudio() {
    }

    /** goforward.raw as samples; skips the test when pocketsphinx-testdata is not installed. */
    static float[] goForward() {
        assumeTrue(Files.isRegularFile(GOFORWARD),
                "needs Debian's pocketsphinx-testdata (" + GOFORWARD + "); .ci/run installs it");
        try {
            byte[] bytes = Files.readAllBytes(GOFORWARD);
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            float[] samples = new float[bytes.length / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = buffer.getShort() / 32768f;
            }
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** goforward.raw cut to [{@link #GOFORWARD_CUT_START}, {@link #GOFORWARD_CUT_END}). */
    static float[] goForwardCut() {
        return java.util.Arrays.copyOfRange(goForward(), samples(GOFORWARD_CUT_START), samples(GOFORWARD_CUT_END));
    }

    /** A 16 kHz mono 16-bit WAV as samples, read with javax.sound.sampled; skips when the file is absent. */
    static float[] wav(Path file) {
        assumeTrue(Files.isRegularFile(file),
                "needs Debian's pocketsphinx-testdata (" + file + "); .ci/run installs it");
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat format = in.getFormat();
            if (format.getSampleRate() != RATE || format.getChannels() != 1 || format.getSampleSizeInBits() != 16
                    || format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED) {
                throw new IllegalStateException(file + ": expected 16 kHz mono 16-bit PCM, got " + format);
            }
            byte[] bytes = in.readAllBytes();
            ByteBuffer buffer = ByteBuffer.wrap(bytes)
                    .order(format.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            float[] samples = new float[bytes.length / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = buffer.getShort() / 32768f;
            }
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalStateException(file + " is not a WAV file javax.sound.sampled reads", e);
        }
    }

    /** Digital silence. */
    static float[] silence(double seconds) {
        return new float[samples(seconds)];
    }

    /** Gaussian white noise at {@code dbfs} RMS (0 dBFS: RMS 1), from a fixed seed. */
    static float[] whiteNoise(double seconds, double dbfs, long seed) {
        Random random = new Random(seed);
        double rms = Math.pow(10, dbfs / 20);
        float[] noise = new float[samples(seconds)];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (random.nextGaussian() * rms);
        }
        return noise;
    }

    /** {@code noise} added to {@code signal} sample by sample (the noise repeats if shorter). */
    static float[] mix(float[] signal, float[] noise) {
        float[] out = signal.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += noise[i % noise.length];
        }
        return out;
    }

    /** The pieces one after another. */
    static float[] concat(float[]... pieces) {
        int length = 0;
        for (float[] piece : pieces) {
            length += piece.length;
        }
        float[] out = new float[length];
        int at = 0;
        for (float[] piece : pieces) {
            System.arraycopy(piece, 0, out, at, piece.length);
            at += piece.length;
        }
        return out;
    }

    static AudioClip clip(float[] samples) {
        return new AudioClip(samples, RATE);
    }

    static int samples(double seconds) {
        return (int) Math.round(seconds * RATE);
    }

    /** Feeds the clip to a fresh stream in random-sized chunks (1 sample to 4000) and collects every event. */
    static List<VadEvent> stream(VoiceActivityDetector vad, float[] samples, long seed) {
        Random random = new Random(seed);
        List<VadEvent> events = new ArrayList<>();
        try (VadStream stream = vad.open()) {
            int at = 0;
            while (at < samples.length) {
                int n = Math.min(samples.length - at, 1 + random.nextInt(random.nextBoolean() ? 40 : 4000));
                events.addAll(stream.accept(samples, at, n));
                at += n;
            }
            events.addAll(stream.finish());
        }
        return events;
    }

    /** The segments of the {@link VadEvent.SpeechEnded} events. */
    static List<SpeechSegment> segments(List<VadEvent> events) {
        return events.stream().filter(VadEvent.SpeechEnded.class::isInstance)
                .map(e -> ((VadEvent.SpeechEnded) e).segment()).toList();
    }
}
