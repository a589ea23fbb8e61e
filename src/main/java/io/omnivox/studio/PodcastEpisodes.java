package io.omnivox.studio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.omnivox.agent.KnowledgeSearch;
import io.omnivox.agent.Passage;

/**
 * Finished podcasts as listeners hear them live (the interactive podcast): the episode's lines in order, each with
 * its host and the audio rendered for it, and a search over the episode's sources for answering a listener's
 * question. Sources are the knowledge base the episode was made from, else the source text its sections were
 * written from.
 */
@ApplicationScoped
public class PodcastEpisodes {

    /** Passages given to the hosts for one question. */
    static final int PASSAGES = 4;

    private final StudioJobs jobs;
    private final KnowledgeSearch knowledge;

    public PodcastEpisodes(StudioJobs jobs, KnowledgeSearch knowledge) {
        this.jobs = jobs;
        this.knowledge = knowledge;
    }

    /** One line of the episode: who says it, in which voice, and the file it was rendered to. */
    public record Line(int section, String sectionTitle, String speaker, String voice, String text, Path audio) {
    }

    /**
     * A finished episode.
     *
     * @param sources the passages of the sources that best answer a question, best first
     */
    public record Episode(UUID id, String title, List<PodcastRunner.Speaker> hosts, List<Line> lines,
            java.util.function.BiFunction<String, Integer, List<String>> sources) {

        /** The passages that best answer {@code question}. */
        public List<String> passages(String question) {
            return sources.apply(question, PASSAGES);
        }
    }

    /**
     * The owner's finished podcast {@code id}.
     *
     * @throws jakarta.ws.rs.NotFoundException when the owner has no such job
     * @throws IllegalArgumentException        when it is not a podcast, or not finished
     */
    public Episode open(UUID owner, UUID id) {
        JobView job = jobs.get(owner, id);
        if (!job.kind().equals(PodcastRunner.KIND)) {
            throw new IllegalArgumentException("job " + id + " is a " + job.kind() + ", not a podcast");
        }
        if (!job.state().equals(JobState.SUCCEEDED.name().toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("podcast " + id + " is " + job.state() + "; it can be played once it"
                    + " has succeeded");
        }
        PodcastRunner.Request request = PodcastRunner.Request.of(jobs.input(owner, id));
        Path directory = jobs.directory(owner, id);
        List<Line> lines = new ArrayList<>();
        for (JobSegment segment : jobs.segments(owner, id)) {
            JsonNode spec = StudioFiles.read(segment.spec());
            String speaker = spec.path("speaker").asText();
            String voice = request.speakers().stream().filter(s -> s.name().equals(speaker)).findFirst()
                    .map(PodcastRunner.Speaker::voice).orElse(null);
            lines.add(new Line(spec.path("section").asInt(), spec.path("section_title").asText(), speaker, voice,
                    spec.path("text").asText(), directory.resolve(segment.fileName())));
        }
        return new Episode(id, request.title(), request.speakers(), List.copyOf(lines),
                sources(owner, request, directory));
    }

    /** The knowledge base's own search when the episode was made from one; else BM25 over its source text. */
    private java.util.function.BiFunction<String, Integer, List<String>> sources(UUID owner,
            PodcastRunner.Request request, Path directory) {
        if (request.knowledgeBase() != null && !request.knowledgeBase().isBlank()) {
            List<String> bases = List.of(request.knowledgeBase());
            return (question, limit) -> knowledge.search(owner.toString(), bases, question, limit).stream()
                    .map(Passage::text).toList();
        }
        List<String> parts = new ArrayList<>();
        Path file = directory.resolve("sources.json");
        if (Files.isRegularFile(file)) {
            StudioFiles.readJson(file).forEach(part -> parts.add(part.asText()));
        }
        SourcePassages passages = new SourcePassages(parts);
        return passages::search;
    }
}
