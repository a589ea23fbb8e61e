package io.omnivox.tts;


import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.omnivox.audio.AudioClip;
import io.omnivox.audio.WavCodec;
import io.omnivox.model.ExternalCommand;
import io.omnivox.model.ModelException;
import io.omnivox.tts.text.TextFrontend;

/**
 * The light fallback engines: Debian's {@code espeak-ng} (about a hundred languages) or {@code flite} (English, a
 * clearer voice), run as commands, one sentence at a time so the first sentence is heard while later ones are still
 * being synthesised. Non-verbal markup is removed (these engines cannot laugh or breathe); speed and pitch map onto
 * the engines' own controls.
 */
public final class CommandLineSynthesizer implements SpeechSynthesizer {

    /** The supported programs and how to call them. */
    public enum Program {
        ESPEAK_NG("espeak-ng", 22_050),
        FLITE("flite", 16_000);

        private final String engine;
        private final int sampleRate;

        Program(String engine, int sampleRate) {
            this.engine = engine;
            this.sampleRate = sampleRate;
        }
    }

    /** OpenAI's voice names mapped onto espeak-ng voices (variants give different timbres). */
    static final Map<String, String> OPENAI_VOICES = Map.of("alloy", "en-us", "echo", "en-us+m3", "fable", "en-gb",
            "onyx", "en-us+m7", "nova", "en-us+f3", "shimmer", "en-us+f4", "coral", "en-us+f2", "sage", "en-gb+f3",
            "ash", "en-us+m2", "ballad", "en-gb+m3");
    /** flite's built-in voices. */
    static final List<String> FLITE_VOICES = List.of("slt", "rms", "awb", "kal", "kal16");

    /** Runs the program with arguments and stdin, returning its stdout (a WAV file). Replaceable in tests. */
    @FunctionalInterface
    interface Runner {
        byte[] run(List<String> command, byte[] stdin, Path workDir) throws IOException;
    }

    /** Markup removed (these engines cannot laugh or breathe), numbers and units read out, split into sentences. */
    private static final TextFrontend FRONTEND = new TextFrontend(Integer.MAX_VALUE);

    private final Program program;
    private final Path binary;
    private final Runner runner;

    public CommandLineSynthesizer(Program program, Path binary, Duration timeout) {
        this(program, binary, (command, stdin, dir) -> ExternalCommand.run(program.engine, command, stdin, dir,
                Map.of(), timeout, " (is the Debian package " + program.engine + " installed?)"));
    }

    CommandLineSynthesizer(Program program, Path binary, Runner runner) {
        this.program = program;
        this.binary = binary;
        this.runner = runner;
    }

    @Override
    public String engine() {
        return program.engine;
    }

    @Override
    public int sampleRate() {
        return program.sampleRate;
    }

    @Override
    public List<VoiceInfo> voices() {
        List<VoiceInfo> voices = new ArrayList<>();
        if (program == Program.FLITE) {
            FLITE_VOICES.forEach(v -> voices.add(new VoiceInfo(v, "flite " + v, "en", engine())));
            OPENAI_VOICES.keySet().stream().sorted().forEach(v -> voices.add(new VoiceInfo(v, v, "en", engine())));
        } else {
            OPENAI_VOICES.keySet().stream().sorted().forEach(v -> voices.add(new VoiceInfo(v, v, "en", engine())));
            for (String language : List.of("en-us", "en-gb", "cmn", "yue", "ja", "ko", "fr", "de", "es", "it", "pt",
                    "ru", "ar", "hi")) {
                voices.add(new VoiceInfo(language, "espeak-ng " + language, language.split("-")[0], engine()));
            }
        }
        return voices;
    }

    @Override
    public void synthesize(SynthesisRequest request, ChunkSink sink) {
        for (String sentence : FRONTEND.preparePlain(request.text(), languageOf(request.voice()))) {
            AudioClip clip = synthesizeOne(sentence, request.voice(), request.style());
            if (!sink.accept(clip.samples())) {
                return;
            }
        }
    }

    private AudioClip synthesizeOne(String sentence, String voice, SpeechStyle style) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("omnivox-tts-");
            byte[] wav = runner.run(command(voice, style, dir), sentence.getBytes(StandardCharsets.UTF_8), dir);
            if (program == Program.FLITE) {
                wav = Files.readAllBytes(dir.resolve("out.wav")); // flite writes a file, not standard output
            }
            AudioClip clip = WavCodec.decode(wav);
            if (clip.sampleRate() != program.sampleRate) {
                throw new ModelException(engine() + " produced " + clip.sampleRate() + " Hz, expected "
                        + program.sampleRate);
            }
            return clip;
        } catch (IOException e) {
            throw new ModelException(engine() + " failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private List<String> command(String voice, SpeechStyle style, Path dir) {
        if (program == Program.FLITE) {
            String fliteVoice = FLITE_VOICES.contains(voice) ? voice : "slt";
            return List.of(binary.toString(), "-voice", fliteVoice, "--setf",
                    "duration_stretch=" + String.format(Locale.ROOT, "%.3f", 1.0 / style.speed()), "-f", "/dev/stdin",
                    "-o", dir.resolve("out.wav").toString());
        }
        String espeakVoice = OPENAI_VOICES.getOrDefault(voice, voice);
        int wordsPerMinute = (int) Math.round(Math.max(80, Math.min(450, 175 * style.speed())));
        int pitch = (int) Math.round(Math.max(0, Math.min(99, 50 + 4 * style.pitch())));
        return List.of(binary.toString(), "-v", espeakVoice, "-s", String.valueOf(wordsPerMinute), "-p",
                String.valueOf(pitch), "-b", "1", "--stdout");
    }

    /** The language espeak-ng will read in, for number reading: Chinese voices get Chinese numbers. */
    static String languageOf(String voice) {
        return voice != null && (voice.startsWith("cmn") || voice.startsWith("yue") || voice.startsWith("zh")) ? "zh"
                : "en";
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a leftover temp directory is not worth failing speech for
        }
    }

}
