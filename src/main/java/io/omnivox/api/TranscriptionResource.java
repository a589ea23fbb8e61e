package io.omnivox.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.omnivox.asr.AsrConfig;
import io.omnivox.asr.Language;
import io.omnivox.asr.Subtitles;
import io.omnivox.asr.Transcript;
import io.omnivox.asr.TranscriptionResult;
import io.omnivox.asr.TranscriptionService;
import io.omnivox.audio.AudioFormatException;
import io.smallrye.common.annotation.Blocking;

/**
 * OpenAI-compatible speech to text: {@code POST /v1/audio/transcriptions} with a multipart {@code file}. Beyond
 * OpenAI's fields, {@code verbose_json} carries SenseVoice's emotion and audio events per segment, and every response
 * names the engine that produced it (body field or {@code X-Omnivox-Engine} header).
 */
@Path("/v1/audio/transcriptions")
@Tag(name = "Audio")
public class TranscriptionResource {

    static final String ENGINE_HEADER = "X-Omnivox-Engine";
    static final String NOTE_HEADER = "X-Omnivox-Note";

    private final TranscriptionService service;
    private final AsrConfig config;

    public TranscriptionResource(TranscriptionService service, AsrConfig config) {
        this.service = service;
        this.config = config;
    }

    /** Output formats OpenAI defines. */
    enum Format {
        JSON, TEXT, SRT, VTT, VERBOSE_JSON;

        static Format parse(String value) {
            if (value == null || value.isBlank()) {
                return JSON;
            }
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("response_format must be one of json, text, srt, vtt, verbose_json; got '"
                        + value + "'");
            }
        }
    }

    @POST
    @Blocking
    @ModelWork(Work.TRANSCRIPTION)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Transcribe audio", description = "OpenAI-compatible transcription with language, emotion "
            + "and audio events (verbose_json). Accepts WAV, MP3, FLAC, OGG/Opus, WebM/Opus and M4A.")
    public Response transcribe(@RestForm("file") FileUpload file, @RestForm("model") String model,
            @RestForm("language") String language, @RestForm("prompt") String prompt,
            @RestForm("response_format") String responseFormat,
            @RestForm("timestamp_granularities[]") List<String> granularities) {
        Format format = Format.parse(responseFormat);
        Language lang = Language.fromCode(language).orElseThrow(() -> new BadRequestException(
                "language '" + language + "' is not supported; use one of auto, zh, en, yue, ja, ko"));
        if (file == null) {
            throw new BadRequestException("the multipart field 'file' with the audio is required");
        }
        checkSize(file);
        TranscriptionResult result;
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            result = service.transcribe(in, lang, config.itn());
        } catch (IOException e) {
            throw new AudioFormatException(AudioFormatException.Problem.TRUNCATED, "The upload could not be read: "
                    + e.getMessage(), e);
        }
        List<String> notes = new ArrayList<>();
        if (prompt != null && !prompt.isBlank()) {
            notes.add("prompt is ignored: " + result.engine() + " does not take a text prompt");
        }
        boolean words = granularities != null && granularities.contains("word");
        Response.ResponseBuilder response = render(format, result, words, notes).header(ENGINE_HEADER, result.engine());
        notes.forEach(n -> response.header(NOTE_HEADER, n));
        return response.build();
    }

    private void checkSize(FileUpload file) {
        if (file.size() == 0) {
            throw new AudioFormatException(AudioFormatException.Problem.EMPTY, "The uploaded file is empty.");
        }
        if (file.size() > config.maxUploadBytes()) {
            throw new AudioFormatException(AudioFormatException.Problem.TOO_LARGE, "The upload has " + file.size()
                    + " bytes; the limit is " + config.maxUploadBytes() + ".");
        }
    }

    private static Response.ResponseBuilder render(Format format, TranscriptionResult result, boolean words,
            List<String> notes) {
        return switch (format) {
            case JSON -> Response.ok(Map.of("text", result.text()), MediaType.APPLICATION_JSON);
            case TEXT -> Response.ok(result.text() + "\n", MediaType.TEXT_PLAIN + ";charset=utf-8");
            case SRT -> Response.ok(Subtitles.srt(result), "application/x-subrip;charset=utf-8");
            case VTT -> Response.ok(Subtitles.vtt(result), "text/vtt;charset=utf-8");
            case VERBOSE_JSON -> Response.ok(verbose(result, words, notes), MediaType.APPLICATION_JSON);
        };
    }

    private static Map<String, Object> word(Transcript.TimedToken token) {
        Map<String, Object> word = new LinkedHashMap<>();
        word.put("word", token.text());
        word.put("start", token.start());
        word.put("end", token.end());
        return word;
    }

    private static Map<String, Object> verbose(TranscriptionResult result, boolean words, List<String> notes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("task", "transcribe");
        body.put("language", result.language());
        body.put("duration", result.durationSeconds());
        body.put("text", result.text());
        body.put("emotion", result.emotion());
        body.put("events", result.events());
        body.put("no_speech", result.noSpeech());
        body.put("engine", result.engine());
        List<Map<String, Object>> segments = new ArrayList<>();
        for (int i = 0; i < result.segments().size(); i++) {
            TranscriptionResult.Segment s = result.segments().get(i);
            Transcript t = s.transcript();
            Map<String, Object> segment = new LinkedHashMap<>();
            segment.put("id", i);
            segment.put("start", s.start());
            segment.put("end", s.end());
            segment.put("text", t.text());
            segment.put("language", t.language());
            segment.put("emotion", t.emotion());
            segment.put("events", t.events());
            segment.put("itn", t.itn());
            segment.put("no_speech_prob", t.noSpeech() ? 1.0 : 0.0);
            segments.add(segment);
        }
        body.put("segments", segments);
        if (words) {
            body.put("words", result.segments().stream().flatMap(s -> s.transcript().words().stream())
                    .map(TranscriptionResource::word).toList());
        }
        if (!notes.isEmpty()) {
            body.put("notes", notes);
        }
        return body;
    }
}
