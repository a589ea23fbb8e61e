package io.omnivox.asr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.omnivox.asr.Transcript.TimedToken;
import io.omnivox.audio.WavCodec;
import io.omnivox.model.ExternalCommand;
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
            Files.write(wav, WavCodec.encode(request.audio(), 16)); // the en-us acoustic model takes 16 kHz 16-bit
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

    private List<String> run(Path wav) {
        byte[] out = ExternalCommand.run("PocketSphinx", List.of(binary.toString(), "-infile", wav.toString(), "-time",
                "yes", "-logfn", "/dev/null"), null, null, Map.of(), timeout, " (is pocketsphinx-en-us installed?)");
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
