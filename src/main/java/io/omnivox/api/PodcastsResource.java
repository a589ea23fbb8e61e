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

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.omnivox.account.CurrentUser;
import io.omnivox.agent.ChatModels;
import io.omnivox.audio.AudioClip;
import io.omnivox.audio.AudioDecoder;
import io.omnivox.audio.AudioFormatException;
import io.omnivox.audio.DecodeLimits;
import io.omnivox.document.DocumentException;
import io.omnivox.document.DocumentService;
import io.omnivox.document.ParsedDocument;
import io.omnivox.model.EngineUnavailableException;
import io.omnivox.studio.JobView;
import io.omnivox.studio.PodcastRunner;
import io.omnivox.studio.PodcastScript;
import io.omnivox.studio.StudioConfig;
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

    /**
     * A new podcast: the source text, 2 to 4 hosts, the episode's length, language and tone, and whether its script
     * is to be reviewed before it is spoken.
     */
    public record NewPodcast(String title, String text, List<PodcastRunner.Speaker> speakers, Integer minutes,
            String language, String tone, @JsonProperty("knowledge_base") String knowledgeBase, Boolean review) {
    }

    static final int MAX_SOURCE = 200_000;
    /** Most documents uploaded with one podcast. */
    static final int MAX_DOCUMENTS = 5;
    /** Intro and outro music: at most 10 MB and 60 s each. */
    static final DecodeLimits MUSIC_LIMITS = new DecodeLimits(10_000_000, 60);
    /** Music is kept at the rate the episode is encoded at. */
    private static final int MUSIC_RATE = 44_100;
    static final int MAX_LINE = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StudioJobs jobs;
    private final VoiceService voices;
    private final ChatModels models;
    private final io.omnivox.rag.KnowledgeBaseService bases;
    private final CurrentUser user;
    private final DocumentService documents;
    private final StudioConfig config;
    private final AudioDecoder decoder;
    private final ObjectMapper mapper;

    public PodcastsResource(StudioJobs jobs, VoiceService voices, ChatModels models,
            io.omnivox.rag.KnowledgeBaseService bases, CurrentUser user, DocumentService documents,
            StudioConfig config, AudioDecoder decoder, ObjectMapper mapper) {
        this.documents = documents;
        this.config = config;
        this.decoder = decoder;
        this.mapper = mapper;
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
        PodcastRunner.Request request = request(body, new PodcastRunner.Uploads(List.of(), null, null));
        JobView job = jobs.create(user.id(), PodcastRunner.KIND, request.toJson());
        return Response.accepted(job).location(URI.create("/api/jobs/" + job.id())).build();
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Make a podcast episode about uploaded documents, with intro and outro music",
            description = "Multipart: 'request' (the JSON body of the JSON form; its 'text' may be empty), 0 to 5 "
                    + "'source' files (PDF, DOCX, EPUB, Markdown, HTML, text, images), optional 'intro' and 'outro'"
                    + " audio (at most 60 s and 10 MB each). The files are read before the job is created, so a bad"
                    + " one is refused at once. Answers 202 with the job.")
    public Response createWithFiles(@RestForm("request") String request, @RestForm("source") List<FileUpload> sources,
            @RestForm("intro") FileUpload intro, @RestForm("outro") FileUpload outro) {
        NewPodcast body;
        try {
            body = request == null || request.isBlank() ? null : mapper.readValue(request, NewPodcast.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidRequestException("request", "The 'request' part must hold the podcast's JSON: "
                    + e.getOriginalMessage());
        }
        List<FileUpload> files = sources == null ? List.of() : sources;
        if (files.size() > MAX_DOCUMENTS) {
            throw new InvalidRequestException("source", "A podcast takes at most " + MAX_DOCUMENTS + " 'source' files;"
                    + " got " + files.size() + ".");
        }
        List<PodcastRunner.Document> parsed = new java.util.ArrayList<>();
        long characters = 0;
        for (FileUpload file : files) {
            PodcastRunner.Document document = document(file);
            characters += document.pages().stream().mapToLong(page -> page.text().length()).sum();
            if (characters > config.maxBookCharacters()) { // the documents' text is kept with the job
                throw new DocumentException(413, "documents-too-long", "The 'source' documents hold more than "
                        + config.maxBookCharacters() + " characters of text together.");
            }
            parsed.add(document);
        }
        PodcastRunner.Uploads uploads = new PodcastRunner.Uploads(parsed, music("intro", intro), music("outro",
                outro));
        PodcastRunner.Request podcast = request(body, uploads);
        JobView job = jobs.create(user.id(), PodcastRunner.KIND, podcast.toJson(), uploads::store);
        return Response.accepted(job).location(URI.create("/api/jobs/" + job.id())).build();
    }

    /** The job's request from the JSON body and what was uploaded with it. */
    private PodcastRunner.Request request(NewPodcast body, PodcastRunner.Uploads uploads) {
        if (body == null) {
            throw new InvalidRequestException("body", "Send a JSON body with 'text' and 'speakers'.");
        }
        String text = body.text() == null ? "" : body.text().strip();
        boolean documented = !uploads.documents().isEmpty();
        String knowledgeBase = knowledgeBase(body.knowledgeBase(), text, documented);
        if (text.length() > MAX_SOURCE || knowledgeBase == null && !documented && text.isEmpty()) {
            throw new InvalidRequestException("text", "'text' (the source) must hold 1 to " + MAX_SOURCE
                    + " characters, or name a 'knowledge_base' or upload 'source' documents to talk about.");
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
        return new PodcastRunner.Request(title, text, speakers, minutes, language, tone, knowledgeBase,
                Boolean.TRUE.equals(body.review()), uploads.documents().stream().map(PodcastRunner.Document::title)
                        .toList(), uploads.intro() != null, uploads.outro() != null);
    }

    /** An uploaded source read now, so that a file that cannot be read is refused before a job exists. */
    private PodcastRunner.Document document(FileUpload file) {
        if (file.size() == 0) {
            throw new DocumentException(400, "document-empty", "The 'source' file " + file.fileName() + " is empty.");
        }
        if (file.size() > config.maxPodcastSourceBytes()) {
            throw new DocumentException(413, "document-too-large", "The 'source' file " + file.fileName() + " has "
                    + file.size() + " bytes; the limit is " + config.maxPodcastSourceBytes() + ".");
        }
        String fileName = KnowledgeBasesResource.fileName(file.fileName());
        ParsedDocument parsed;
        try {
            parsed = documents.parse(file.uploadedFile(), fileName);
        } catch (java.io.IOException e) {
            throw new DocumentException(400, "document-unreadable", "The 'source' file " + fileName
                    + " could not be read.");
        }
        if (parsed.text().isBlank()) {
            throw new DocumentException(422, "document-without-text", "The 'source' file " + fileName
                    + " holds no text to talk about.");
        }
        return new PodcastRunner.Document(parsed.title(), fileName, parsed.pages().stream()
                .map(page -> new PodcastRunner.Page(page.number(), page.text())).toList());
    }

    /** Intro or outro music decoded now (refused when it is not audio, too long or too large), or null. */
    private AudioClip music(String field, FileUpload file) {
        if (file == null) {
            return null;
        }
        if (file.size() == 0) {
            throw new AudioFormatException(AudioFormatException.Problem.EMPTY, "The '" + field + "' part is empty.");
        }
        if (file.size() > MUSIC_LIMITS.maxBytes()) {
            throw new AudioFormatException(AudioFormatException.Problem.TOO_LARGE, "The '" + field + "' music has "
                    + file.size() + " bytes; the limit is " + MUSIC_LIMITS.maxBytes() + ".");
        }
        try (java.io.InputStream in = Files.newInputStream(file.uploadedFile())) {
            return decoder.decode(in, MUSIC_LIMITS, MUSIC_RATE);
        } catch (java.io.IOException e) {
            throw new AudioFormatException(AudioFormatException.Problem.TRUNCATED, "The '" + field
                    + "' music could not be read.", e);
        }
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
        // saved once the job accepts the edit (a running one answers 409 and keeps its script), before it is assembled
        JobView job = jobs.rerender(user.id(), id, changed, () -> {
            try {
                Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(script));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
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
    private String knowledgeBase(String id, String text, boolean documented) {
        if (id == null || id.isBlank()) {
            return null;
        }
        if (!text.isEmpty() || documented) {
            throw new InvalidRequestException("knowledge_base", "Give either 'text' (with 'source' documents) or"
                    + " 'knowledge_base', not both.");
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
        Set<String> known = new HashSet<>(voices.all(user.id()).stream().map(VoiceInfo::id).toList());
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
