package io.omnivox.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.omnivox.audio.AudioFormatException;
import io.omnivox.audio.WavCodec;
import io.omnivox.studio.PodcastScript;
import io.omnivox.tts.StoredVoice;
import io.omnivox.tts.VoiceInfo;
import io.omnivox.tts.VoiceService;
import io.smallrye.common.annotation.Blocking;

/** Voices: the engine's built-in ones and voices cloned from a consenting speaker's recording. */
@Path("/v1/voices")
@Tag(name = "Audio")
@Produces(MediaType.APPLICATION_JSON)
public class VoicesResource {

    public record VoiceList(String object, List<VoiceInfo> data) {
    }

    /** What a preview says, unless told: one sentence per language; others get the English one. */
    static final Map<String, String> SAMPLES = Map.of(
            "en", "Hello! This is how I sound when I read your text aloud.",
            "zh", "你好！这就是我朗读你的文字时的声音。",
            "ja", "こんにちは。これが私があなたの文章を読み上げるときの声です。",
            "ko", "안녕하세요! 제가 글을 소리 내어 읽을 때 이렇게 들립니다.",
            "de", "Hallo! So klinge ich, wenn ich deinen Text vorlese.",
            "fr", "Bonjour ! Voici ma voix quand je lis votre texte à haute voix.",
            "es", "¡Hola! Así sueno cuando leo tu texto en voz alta.",
            "it", "Ciao! Ecco come suono quando leggo ad alta voce il tuo testo.",
            "pt", "Olá! É assim que eu soo quando leio o seu texto em voz alta.",
            "ru", "Здравствуйте! Так звучит мой голос, когда я читаю ваш текст вслух.");
    /** Longest text a preview speaks. */
    static final int MAX_PREVIEW_CHARS = 300;

    /** What a preview says and how; every field may be left out. */
    public record PreviewRequest(String text, String language, String emotion, Double speed) {
    }

    private final VoiceService voices;
    private final SpeechSynthesis synthesis;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;
    private final io.omnivox.account.CurrentUser user;

    public VoicesResource(VoiceService voices, SpeechSynthesis synthesis,
            com.fasterxml.jackson.databind.ObjectMapper mapper, io.omnivox.account.CurrentUser user) {
        this.user = user;
        this.voices = voices;
        this.synthesis = synthesis;
        this.mapper = mapper;
    }

    @GET
    @Operation(summary = "List voices")
    public VoiceList list() {
        return new VoiceList("list", voices.all(user.id()));
    }

    /** A cloned voice and what a zero-shot engine derived from it. */
    public record VoiceDetail(StoredVoice voice, Conditioning conditioning) {
    }

    /** Sizes of the stored conditioning (the values themselves stay on the server). */
    public record Conditioning(int speechTokens, int melFrames, int embeddingDim) {
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Describe a cloned voice")
    public VoiceDetail get(@PathParam("id") String id) {
        StoredVoice voice = voices.cloned(user.id(), id).orElseThrow(() -> new NotFoundException("No cloned voice '" + id + "'"));
        return new VoiceDetail(voice, voices.conditioning(id)
                .map(c -> new Conditioning(c.speechTokens().length, c.melFrames(), c.embedding().length)).orElse(null));
    }

    @POST
    @Blocking
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Clone a voice", description = "Upload 3-30 s of one consenting speaker (WAV, MP3, OGG, WebM, "
            + "M4A) with consent=true, an optional name and the transcript (transcribed if omitted).")
    public Response create(@RestForm("file") FileUpload file, @RestForm("name") String name,
            @RestForm("transcript") String transcript, @RestForm("consent") String consent) {
        if (!"true".equalsIgnoreCase(consent == null ? "" : consent.strip())) {
            throw new InvalidRequestException("consent",
                    "consent=true is required: only clone a voice whose speaker agreed to it");
        }
        if (file == null || file.size() == 0) {
            throw new AudioFormatException(AudioFormatException.Problem.EMPTY, "The multipart field 'file' is empty.");
        }
        String display = name == null || name.isBlank() ? "Cloned voice" : name.strip();
        if (display.length() > 80) {
            throw new InvalidRequestException("name", "name has " + display.length() + " characters; at most 80");
        }
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            StoredVoice voice = voices.clone(display, in, transcript, user.id());
            return Response.status(201).entity(voice).build();
        } catch (VoiceService.UnusablePromptException e) {
            throw new InvalidRequestException(422, e.slug(), "file", e.getMessage());
        } catch (IOException e) {
            throw new AudioFormatException(AudioFormatException.Problem.TRUNCATED, "The upload could not be read.", e);
        }
    }

    @POST
    @Blocking
    @Path("/{id}/preview")
    @Consumes(MediaType.WILDCARD) // the body is optional: a bare POST, whatever type a client puts on it, is fine
    @Produces({ "audio/wav", ProblemDetail.MEDIA_TYPE })
    @Operation(summary = "Hear a voice", description = "A short WAV of the voice saying 'text' (at most "
            + MAX_PREVIEW_CHARS + " characters) or, without it, a sample sentence in 'language' (else the voice's "
            + "own), with an optional 'emotion' and 'speed' (0.25 to 4.0).")
    public Response preview(@PathParam("id") String id, String body) {
        PreviewRequest request = previewRequest(body);
        VoiceInfo voice = voices.all(user.id()).stream().filter(v -> v.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("No voice '" + id + "'; GET /v1/voices lists them."));
        String emotion = request.emotion() == null || request.emotion().isBlank() ? "neutral"
                : request.emotion().strip().toLowerCase(Locale.ROOT);
        if (!PodcastScript.EMOTIONS.contains(emotion)) {
            throw new InvalidRequestException("emotion", "emotion must be one of " + PodcastScript.EMOTIONS + ".");
        }
        SpeechSynthesis.Prepared prepared = synthesis.prepare(previewText(request, voice), id, emotion,
                request.speed(), null);
        // buffered rather than streamed: a preview is short, and its header then carries its real length
        return Response.ok(WavCodec.encode(prepared.whole(), 16), "audio/wav")
                .header(TranscriptionResource.ENGINE_HEADER, prepared.engine().engine()).build();
    }

    private PreviewRequest previewRequest(String body) {
        if (body == null || body.isBlank()) {
            return new PreviewRequest(null, null, null, null);
        }
        try {
            return mapper.readValue(body, PreviewRequest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidRequestException("body", "The body, when there is one, must be a JSON object with "
                    + "'text', 'language', 'emotion' or 'speed'.");
        }
    }

    /** The text to say: as given, else the sample sentence of the language asked for or the voice's own. */
    private static String previewText(PreviewRequest request, VoiceInfo voice) {
        if (request.text() != null && !request.text().isBlank()) {
            if (request.text().length() > MAX_PREVIEW_CHARS) {
                throw new InvalidRequestException("text", "A preview says at most " + MAX_PREVIEW_CHARS
                        + " characters; got " + request.text().length() + ".");
            }
            return request.text().strip();
        }
        String language = request.language() == null || request.language().isBlank() ? voice.language()
                : request.language().strip();
        if (language != null && !language.isEmpty() && !language.matches("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*")) {
            throw new InvalidRequestException("language", "language must be a code such as 'en' or 'zh-CN'.");
        }
        String base = language == null ? "" : language.split("[-_]")[0].toLowerCase(Locale.ROOT);
        return SAMPLES.getOrDefault(base, SAMPLES.get("en"));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a cloned voice")
    public Response delete(@PathParam("id") String id) {
        if (voices.isBuiltIn(id)) {
            return Response.status(409).type(ProblemDetail.MEDIA_TYPE).entity(ProblemDetail.of(409,
                    "voice-built-in", "Conflict", "'" + id + "' is a built-in voice and cannot be deleted",
                    "/v1/voices/" + id)).build();
        }
        if (!voices.delete(user.id(), id)) {
            throw new NotFoundException("No cloned voice '" + id + "'");
        }
        return Response.noContent().build();
    }
}
