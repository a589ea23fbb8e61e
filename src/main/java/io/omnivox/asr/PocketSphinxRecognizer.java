package io.omnivox.asr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.omnivox.asr.Transcript.TimedToken;
import io.omnivox.audio.AudioClip;
import io.omnivox.model.ModelException;

/**
 * The light fallback: CMU PocketSphinx from Debian ({@code pocketsphinx}, {@code pocketsphinx-en-us}), run as its
 * {@code pocketsphinx_continuous} command on a temporary 16-bit WAV. English only, approximate, no emotion or events —
 * but real speech recognition on a fresh machine without SenseVoice weights.
 */
public final class PocketSphinxRecognizer implements SpeechRecognizer {

    public static final String ENGINE = "pocketsphinx";

    /** {@code word start end confidence}, e.g. {@code leisure(2) 2.260 2.710 0.454575}. */
    private static final Pattern WORD = Pattern.compile("^(\\S+) (\\d+\\.\\d+) (\\d+\\.\\d+) (\\S+)$");

    private final Path binary;
    private final Duration timeout;

    public PocketSphinxRecognizer(Path binary, Duration timeout) {
        this.binary = binary;
        this.timeout = timeout;
    }

    /** Whether the Debian command is installed at {@code binary}. */
    public static boolean available(Path binary) {
        return Files.isExecutable(binary);
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public List<Transcript> transcribeAll(List<RecognitionRequest> requests) {
        return requests.stream().map(this::recognise).toList();
    }

    private Transcript recognise(RecognitionRequest request) {
        Path wav = null;
        try {
            wav = Files.createTempFile("omnivox-asr-", ".wav");
            Files.write(wav, pcm16Wav(request.audio()));
            List<TimedToken> words = parse(run(wav));
            String text = String.join("", words.stream().map(TimedToken::text).toList()).strip();
            return new Transcript(text, "en", "EMO_UNKNOWN", text.isEmpty() ? List.of() : List.of("Speech"), false,
                    words);
        } catch (IOException e) {
            throw new ModelException("PocketSphinx failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(wav);
        }
    }

    private List<String> run(Path wav) throws IOException {
        Process process = new ProcessBuilder(binary.toString(), "-infile", wav.toString(), "-time", "yes",
                "-logfn", "/dev/null").redirectErrorStream(false).start();
        process.getErrorStream().close();
        byte[] out;
        try (InputStream stdout = process.getInputStream()) {
            out = stdout.readAllBytes();
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new ModelException("PocketSphinx took longer than " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ModelException("Interrupted while waiting for PocketSphinx", e);
        }
        if (process.exitValue() != 0) {
            throw new ModelException("PocketSphinx exited with code " + process.exitValue());
        }
        return new String(out, StandardCharsets.UTF_8).lines().toList();
    }

    /** Word lines with times; fillers ({@code <s>}, {@code <sil>}, {@code [NOISE]}) dropped, variants unmarked. */
    static List<TimedToken> parse(List<String> lines) {
        List<TimedToken> words = new ArrayList<>();
        for (String line : lines) {
            Matcher m = WORD.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            String word = m.group(1).replaceFirst("\\(\\d+\\)$", "");
            if (word.startsWith("<") || word.startsWith("[") || word.startsWith("+")) {
                continue;
            }
            words.add(new TimedToken(" " + word, Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))));
        }
        return words;
    }

    /** A minimal 16 kHz mono 16-bit WAV, which is what the en-us acoustic model expects. */
    static byte[] pcm16Wav(AudioClip clip) {
        float[] s = clip.samples();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + s.length * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + s.length * 2)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(clip.sampleRate()).putInt(clip.sampleRate() * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(s.length * 2);
        for (float v : s) {
            b.putShort((short) Math.round(Math.max(-1f, Math.min(1f, v)) * 32767f));
        }
        return b.array();
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is not worth failing a transcription for
            }
        }
    }
}
