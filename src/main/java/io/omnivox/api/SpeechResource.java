package io.omnivox.api;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.omnivox.audio.FfmpegStreamEncoder;
import io.omnivox.audio.OutputFormat;
import io.omnivox.audio.Pcm16;
import io.omnivox.audio.WavWriter;
import io.omnivox.tts.SpeechSynthesizer;
import io.omnivox.tts.SynthesisRequest;
import io.omnivox.tts.TtsConfig;
import io.smallrye.common.annotation.Blocking;

/**
 * OpenAI-compatible text to speech: {@code POST /v1/audio/speech}. Every format streams sentence by sentence as
 * chunked transfer, so playback starts before the whole text is synthesised: WAV and PCM written in Java, compressed
 * formats through one ffmpeg process fed as the speech is produced. The engine is named in {@code X-Omnivox-Engine}.
 */
@Path("/v1/audio/speech")
@Tag(name = "Audio")
public class SpeechResource {

    private static final Logger LOG = Logger.getLogger(SpeechResource.class);

    /** OpenAI's request body, plus nothing: {@code instructions} carries style for instruct-capable engines. */
    public record SpeechRequest(String model, String input, String voice, String response_format, Double speed,
            String instructions) {
    }

    private final SpeechSynthesis synthesis;
    private final TtsConfig config;
    private final String ffmpegCommand;

    public SpeechResource(SpeechSynthesis synthesis, TtsConfig config, io.omnivox.audio.AudioConfig audio) {
        this.synthesis = synthesis;
        this.config = config;
        this.ffmpegCommand = audio.ffmpeg();
    }

    @POST
    @Blocking
    @ModelWork(Work.SPEECH)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Speak text", description = "OpenAI-compatible speech synthesis; wav and pcm stream as they "
            + "are synthesised. Formats: mp3, opus, aac, flac, wav, pcm.")
    public Response speak(SpeechRequest request) {
        if (request == null) {
            throw new InvalidRequestException("input", "a JSON body with 'input' is required");
        }
        String text = validText(request.input());
        OutputFormat format = format(request.response_format());
        String voice = request.voice() == null || request.voice().isBlank() ? config.defaultVoice() : request.voice();
        SpeechSynthesis.Prepared prepared = synthesis.prepare(text, voice, "neutral", request.speed(),
                request.instructions());
        SpeechSynthesizer engine = prepared.engine();
        StreamingOutput body = out -> write(engine, prepared.request(), format, out);
        return Response.ok(body, format.mediaType()).header(TranscriptionResource.ENGINE_HEADER, engine.engine()).build();
    }

    private String validText(String input) {
        if (input == null || input.isBlank()) {
            throw new InvalidRequestException("input", "input must contain text to speak");
        }
        if (input.length() > config.maxInputChars()) {
            throw new InvalidRequestException("input", "input has " + input.length() + " characters; the limit is "
                    + config.maxInputChars());
        }
        return input;
    }

    private static OutputFormat format(String value) {
        if (value == null || value.isBlank()) {
            return OutputFormat.MP3;
        }
        try {
            return OutputFormat.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("response_format",
                    "response_format must be one of mp3, opus, aac, flac, wav, pcm; got '" + value + "'");
        }
    }

    private void write(SpeechSynthesizer engine, SynthesisRequest request, OutputFormat format, OutputStream out)
            throws IOException {
        try {
            switch (format) {
                case WAV -> streamWav(engine, request, out);
                case PCM -> streamPcm(engine, request, out);
                default -> streamEncoded(engine, request, format, out);
            }
        } catch (RuntimeException e) {
            // the status line is gone: log and cut the stream so the client sees a truncated body, not a fake success
            LOG.errorf(e, "Speech synthesis failed mid-stream with %s", engine.engine());
            throw new IOException("speech synthesis failed: " + e.getMessage(), e);
        }
    }

    private static void streamWav(SpeechSynthesizer engine, SynthesisRequest request, OutputStream out) {
        WavWriter wav = new WavWriter(out, engine.sampleRate(), 16, -1);
        engine.synthesize(request, chunk -> {
            wav.write(chunk);
            return flush(out);
        });
    }

    private static void streamPcm(SpeechSynthesizer engine, SynthesisRequest request, OutputStream out) {
        engine.synthesize(request, chunk -> {
            try {
                out.write(Pcm16.encode(chunk));
            } catch (IOException e) {
                return false;
            }
            return flush(out);
        });
    }

    private void streamEncoded(SpeechSynthesizer engine, SynthesisRequest request, OutputFormat format,
            OutputStream out) {
        try (FfmpegStreamEncoder encoder = FfmpegStreamEncoder.start(ffmpegCommand, format, engine.sampleRate(), out)) {
            engine.synthesize(request, encoder::write);
        }
    }

    /** Sends what is buffered; a client that went away stops synthesis. */
    private static boolean flush(OutputStream out) {
        try {
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

}
