package io.omnivox.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;

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
import io.omnivox.tts.StoredVoice;
import io.omnivox.tts.VoiceInfo;
import io.omnivox.tts.VoiceService;
import io.smallrye.common.annotation.Blocking;

/** Voices: the engine's built-in ones and voices cloned from a consenting speaker's recording. */
@Path("/v1/voices")
@Tag(name = "Audio")
@Produces(MediaType.APPLICATION_JSON)
public class VoicesResource {

    /** Until accounts exist (the thinking issue), every voice belongs to the local user. */
    static final String LOCAL_OWNER = "local";

    public record VoiceList(String object, List<VoiceInfo> data) {
    }

    private final VoiceService voices;

    public VoicesResource(VoiceService voices) {
        this.voices = voices;
    }

    @GET
    @Operation(summary = "List voices")
    public VoiceList list() {
        return new VoiceList("list", voices.all());
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
        StoredVoice voice = voices.cloned(id).orElseThrow(() -> new NotFoundException("No cloned voice '" + id + "'"));
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
            StoredVoice voice = voices.clone(display, in, transcript, LOCAL_OWNER);
            return Response.status(201).entity(voice).build();
        } catch (VoiceService.UnusablePromptException e) {
            throw new InvalidRequestException(422, e.slug(), "file", e.getMessage());
        } catch (IOException e) {
            throw new AudioFormatException(AudioFormatException.Problem.TRUNCATED, "The upload could not be read.", e);
        }
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
        if (!voices.delete(id)) {
            throw new NotFoundException("No cloned voice '" + id + "'");
        }
        return Response.noContent().build();
    }
}
