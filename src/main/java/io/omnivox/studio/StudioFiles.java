package io.omnivox.studio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.omnivox.model.ExternalCommand;
import io.omnivox.tts.SpeechSynthesizer;
import io.omnivox.tts.SynthesisRequest;

/**
 * What the studio's job kinds share: synthesising a line to samples, JSON and files in a job's directory, and
 * encoding with ffmpeg (concatenation lists, loudness normalisation to EBU R128 −16 LUFS, chapter marks through an
 * ffmetadata file), each output written under a temporary name and moved into place.
 */
final class StudioFiles {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FFMPEG_TIMEOUT = Duration.ofMinutes(30);
    private static final String LOUDNORM = "loudnorm=I=-16:TP=-1.5:LRA=11";

    private StudioFiles() {
    }

    /** A chapter mark for {@link #metadata}: a title and where it starts and ends, in milliseconds. */
    record Mark(String title, long startMs, long endMs) {
    }

    /** All the audio of one synthesis request, its chunks joined. */
    static float[] synthesize(SpeechSynthesizer engine, SynthesisRequest request) {
        List<float[]> chunks = new ArrayList<>();
        engine.synthesize(request, chunk -> chunks.add(chunk.clone()));
        float[] audio = new float[chunks.stream().mapToInt(c -> c.length).sum()];
        int at = 0;
        for (float[] chunk : chunks) {
            System.arraycopy(chunk, 0, audio, at, chunk.length);
            at += chunk.length;
        }
        return audio;
    }

    /** ffmpeg's concat-demuxer input arguments for {@code files} (in the job's directory), through a list file. */
    static List<String> concat(Path dir, String name, List<Path> files) {
        StringBuilder list = new StringBuilder();
        files.forEach(f -> list.append("file '").append(f.getFileName()).append("'\n"));
        Path file = dir.resolve(name + ".list");
        write(file, list.toString().getBytes(StandardCharsets.UTF_8));
        return List.of("-f", "concat", "-safe", "0", "-i", file.getFileName().toString());
    }

    /**
     * How the inputs are mapped when the second input is an ffmetadata file from {@link #metadata}: the audio of the
     * first, tags and chapters of the second. Goes after every {@code -i} (ffmpeg reads an option before an
     * {@code -i} as that input's own).
     */
    static final List<String> AUDIO_WITH_METADATA = List.of("-map", "0:a", "-map_metadata", "1", "-map_chapters",
            "1");

    /** An ffmetadata file with tags and chapter marks, as an extra ffmpeg input ({@code -i}). */
    static List<String> metadata(Path dir, String name, Map<String, String> tags, List<Mark> marks) {
        StringBuilder text = new StringBuilder(";FFMETADATA1\n");
        tags.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                text.append(key).append('=').append(escape(value)).append('\n');
            }
        });
        for (Mark mark : marks) {
            text.append("[CHAPTER]\nTIMEBASE=1/1000\nSTART=").append(mark.startMs()).append("\nEND=")
                    .append(mark.endMs()).append("\ntitle=").append(escape(mark.title())).append('\n');
        }
        Path file = dir.resolve(name + ".ffmeta");
        write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        return List.of("-i", file.getFileName().toString());
    }

    /**
     * Encodes {@code inputs} (the first one audio) to {@code output} in the job's directory: mono, 44.1 kHz,
     * loudness-normalised, with {@code encoding} (codec and bitrate) and ffmpeg's {@code format}.
     */
    static void encode(Path dir, List<String> inputs, List<String> encoding, String format, String output) {
        List<String> normalised = new ArrayList<>(inputs);
        normalised.addAll(List.of("-af", LOUDNORM));
        encodeFiltered(dir, normalised, encoding, format, output);
    }

    /**
     * Like {@link #encode}, for arguments that filter the audio themselves: a {@code -filter_complex} graph that ends
     * in {@link #loudnorm} and is mapped to the output.
     */
    static void encodeFiltered(Path dir, List<String> arguments, List<String> encoding, String format,
            String output) {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error",
                "-y"));
        command.addAll(arguments);
        command.addAll(List.of("-ar", "44100", "-ac", "1"));
        command.addAll(encoding);
        String part = output + ".part";
        command.addAll(List.of("-f", format, part));
        ExternalCommand.run("ffmpeg", command, null, dir, Map.of(), FFMPEG_TIMEOUT,
                "; the studio encodes with ffmpeg (Debian package ffmpeg)");
        try {
            Files.move(dir.resolve(part), dir.resolve(output), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The loudness normalisation every studio output gets, as a filter-graph step from {@code in} to {@code out}. */
    static String loudnorm(String in, String out) {
        return "[" + in + "]" + LOUDNORM + "[" + out + "]";
    }

    /** ffmetadata escapes '=', ';', '#', '\' and newlines with a backslash. */
    static String escape(String value) {
        return value.replaceAll("([=;#\\\\\n])", "\\\\$1");
    }

    /** A job's input as JSON. */
    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A job's input read back from its JSON. */
    static <T> T fromJson(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeJson(Path file, Object value) {
        try {
            write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
