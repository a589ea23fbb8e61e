package io.omnivox.api;

import java.net.URI;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.omnivox.account.CurrentUser;
import io.omnivox.agent.ChatModels;
import io.omnivox.model.EngineUnavailableException;
import io.omnivox.studio.JobView;
import io.omnivox.studio.PodcastRunner;
import io.omnivox.studio.PodcastScript;
import io.omnivox.studio.StudioJobs;
import io.omnivox.tts.VoiceInfo;
import io.omnivox.tts.VoiceService;

/**
 * {@code /api/podcasts}: hosts talking about a source, as a studio job ({@code /api/jobs/{id}} for progress and
 * downloads: MP3 and M4A with chapters, SRT and WebVTT transcripts, show notes, the script). The script can be read
 * and its lines edited; edited lines are spoken again and the episode rebuilt, the rest kept.
 */
@Path("/api/podcasts")
@Tag(name = "Studio")
@Produces(MediaType.APPLICATION_JSON)
public class PodcastsResource {

    /** A new podcast: the source text, 2 to 4 hosts, and the episode's length, language and tone. */
    public record NewPodcast(String title, String text, List<PodcastRunner.Speaker> speakers, Integer minutes,
            String language, String tone, @JsonProperty("knowledge_base") String knowledgeBase) {
    }

    static final int MAX_SOURCE = 200_000;
    static final int MAX_LINE = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StudioJobs jobs;
    private final VoiceService voices;
    private final ChatModels models;
    private final io.omnivox.rag.KnowledgeBaseService bases;
    private final CurrentUser user;

    public PodcastsResource(StudioJobs jobs, VoiceService voices, ChatModels models,
            io.omnivox.rag.KnowledgeBaseService bases, CurrentUser user) {
        this.bases = bases;
        this.jobs = jobs;
        this.voices = voices;
        this.models = models;
        this.user = user;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make a podcast episode about a source text as a studio job",
            description = "The chat model writes an outline and each section's dialogue; every line is spoken by its "
                    + "host's voice. Answers 202 with the job; follow it at /api/jobs/{id}.")
    public Response create(NewPodcast body) {
        if (body == null) {
            throw new InvalidRequestException("body", "Send a JSON body with 'text' and 'speakers'.");
        }
        String text = body.text() == null ? "" : body.text().strip();
        String knowledgeBase = knowledgeBase(body.knowledgeBase(), text);
        if (knowledgeBase == null && (text.isEmpty() || text.length() > MAX_SOURCE)) {
            throw new InvalidRequestException("text", "'text' (the source) must hold 1 to " + MAX_SOURCE
                    + " characters, or name a 'knowledge_base' to talk about.");
        }
        List<PodcastRunner.Speaker> speakers = speakers(body.speakers());
        int minutes = body.minutes() == null ? 5 : body.minutes();
        if (minutes < 1 || minutes > 60) {
            throw new InvalidRequestException("minutes", "'minutes' must be from 1 to 60.");
        }
        String language = body.language() == null || body.language().isBlank() ? "en" : body.language().strip();
        if (!language.matches("[a-z]{2,3}(-[A-Za-z0-9]{2,4})?")) {
            throw new InvalidRequestException("language", "'language' must be a language code such as 'en' or 'zh'.");
        }
        String tone = short_("tone", body.tone(), "friendly and curious");
        String title = short_("title", body.title(), "Omnivox podcast");
        models.current().orElseThrow(() -> new EngineUnavailableException(models.unavailableReason()));
        PodcastRunner.Request request = new PodcastRunner.Request(title, text, speakers, minutes, language, tone,
                knowledgeBase);
        JobView job = jobs.create(user.id(), PodcastRunner.KIND, request.toJson());
        return Response.accepted(job).location(URI.create("/api/jobs/" + job.id())).build();
    }

    @GET
    @Path("/{id}/script")
    @Operation(summary = "The episode's script: sections of lines (speaker, emotion, text)")
    public JsonNode script(@PathParam("id") UUID id) throws java.io.IOException {
        return JSON.readTree(scriptFile(id).toFile());
    }

    @PUT
    @Path("/{id}/script")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit lines of the script; the edited lines are spoken again and the episode rebuilt",
            description = "The same sections and lines, in the same order, with new text, speaker or emotion. Answers "
                    + "202 with the job; 200 while it awaits review, when only the script changes.")
    public Response edit(@PathParam("id") UUID id, JsonNode edited) throws java.io.IOException {
        java.nio.file.Path file = scriptFile(id);
        JsonNode script = JSON.readTree(file.toFile());
        Set<String> hosts = new HashSet<>();
        script.path("speakers").forEach(name -> hosts.add(name.asText()));
        JsonNode sections = edited == null ? null : edited.path("sections");
        if (sections == null || !sections.isArray() || sections.size() != script.path("sections").size()) {
            throw new InvalidRequestException(422, "script-shape", "sections", "Send the script's "
                    + script.path("sections").size() + " sections with their lines; adding or removing sections or"
                    + " lines needs a new podcast.");
        }
        List<String> before = PodcastRunner.specs(JSON.treeToValue(script, PodcastScript.class));
        for (int s = 0; s < sections.size(); s++) {
            JsonNode old = script.path("sections").get(s);
            JsonNode after = sections.get(s);
            if (after.path("lines").size() != old.path("lines").size()) {
                throw new InvalidRequestException(422, "script-shape", "sections[" + s + "].lines", "Section " + s
                        + " has " + old.path("lines").size() + " lines; send as many.");
            }
            for (int l = 0; l < after.path("lines").size(); l++) {
                JsonNode line = after.path("lines").get(l);
                String speaker = line.path("speaker").asText();
                String text = line.path("text").asText().strip();
                if (!hosts.contains(speaker)) {
                    throw new InvalidRequestException(422, "unknown-speaker", "sections[" + s + "].lines[" + l
                            + "].speaker", "'" + speaker + "' is not a host of this podcast; the hosts are " + hosts
                            + ".");
                }
                if (text.isEmpty() || text.length() > MAX_LINE) {
                    throw new InvalidRequestException("sections[" + s + "].lines[" + l + "].text", "A line must hold"
                            + " 1 to " + MAX_LINE + " characters.");
                }
                ((ObjectNode) old.path("lines").get(l)).put("speaker", speaker).put("text", text)
                        .put("emotion", PodcastScript.emotion(line.path("emotion").asText(null)));
            }
        }
        // the runner's own segment specs before and after: the lines whose spec changed are spoken again
        List<String> after = PodcastRunner.specs(JSON.treeToValue(script, PodcastScript.class));
        Map<Integer, String> changed = new HashMap<>();
        for (int position = 0; position < after.size(); position++) {
            if (!after.get(position).equals(before.get(position))) {
                changed.put(position, after.get(position));
            }
        }
        if (changed.isEmpty()) {
            return Response.ok(jobs.get(user.id(), id)).build();
        }
        Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(script)); // before it is assembled
        JobView job = jobs.rerender(user.id(), id, changed);
        return job.awaitingReview() ? Response.ok(job).build() : Response.accepted(job).build(); // nothing under way
    }

    private java.nio.file.Path scriptFile(UUID id) {
        JobView job = jobs.get(user.id(), id);
        if (!job.kind().equals(PodcastRunner.KIND)) {
            throw new jakarta.ws.rs.NotFoundException("You have no podcast " + id + ".");
        }
        java.nio.file.Path file = jobs.directory(user.id(), id).resolve("script.json");
        if (!Files.isRegularFile(file)) {
            throw new ClientErrorException("The script is not written yet (the job is " + job.state() + ").", 409);
        }
        return file;
    }

    /** The caller's knowledge base to talk about, or null; 404 for one that is not theirs. */
    private String knowledgeBase(String id, String text) {
        if (id == null || id.isBlank()) {
            return null;
        }
        if (!text.isEmpty()) {
            throw new InvalidRequestException("knowledge_base", "Give either 'text' or 'knowledge_base', not both.");
        }
        UUID kb;
        try {
            kb = UUID.fromString(id.strip());
        } catch (IllegalArgumentException e) {
            throw new jakarta.ws.rs.NotFoundException("You have no knowledge base " + id + ".");
        }
        bases.get(user.id(), kb); // 404 unless it is the caller's
        return kb.toString();
    }

    private List<PodcastRunner.Speaker> speakers(List<PodcastRunner.Speaker> given) {
        if (given == null || given.size() < 2 || given.size() > 4) {
            throw new InvalidRequestException("speakers", "A podcast has 2 to 4 speakers, each with a name and a"
                    + " voice.");
        }
        Set<String> known = new HashSet<>(voices.all().stream().map(VoiceInfo::id).toList());
        Set<String> names = new HashSet<>();
        List<PodcastRunner.Speaker> speakers = new java.util.ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            PodcastRunner.Speaker speaker = given.get(i);
            String name = speaker == null || speaker.name() == null ? "" : speaker.name().strip();
            if (name.isEmpty() || name.length() > 40 || name.contains(":") || !names.add(name.toLowerCase())) {
                throw new InvalidRequestException("speakers[" + i + "].name", "Each speaker needs a distinct name of"
                        + " at most 40 characters, without ':'.");
            }
            if (speaker.voice() == null || !known.contains(speaker.voice())) {
                throw new InvalidRequestException(422, "unknown-voice", "speakers[" + i + "].voice", "There is no"
                        + " voice '" + speaker.voice() + "'; GET /v1/voices lists them.");
            }
            speakers.add(new PodcastRunner.Speaker(name, speaker.voice(), short_("speakers[" + i + "].persona",
                    speaker.persona(), "")));
        }
        return speakers;
    }

    private static String short_(String field, String value, String fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        if (value.length() > 300) {
            throw new InvalidRequestException(field, "'" + field + "' may hold at most 300 characters.");
        }
        return value.strip();
    }
}
