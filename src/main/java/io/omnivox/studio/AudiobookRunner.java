package io.omnivox.studio;

import static io.omnivox.studio.StudioFiles.read;
import static io.omnivox.studio.StudioFiles.readJson;
import static io.omnivox.studio.StudioFiles.writeJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.omnivox.document.DocumentService;
import io.omnivox.document.ParsedDocument;
import io.omnivox.model.EngineUnavailableException;
import io.omnivox.tts.SpeechStyle;
import io.omnivox.tts.SpeechSynthesizer;
import io.omnivox.tts.SynthesisRequest;
import io.omnivox.tts.TtsConfig;
import io.omnivox.tts.TtsEngines;
import io.omnivox.tts.VoiceService;
import io.omnivox.tts.text.SentenceSplitter;

/**
 * Audiobooks: a book (EPUB, DOCX, PDF, Markdown, HTML, text) read aloud by the narrator voice, chapter by chapter.
 * The plan is the chapters' titles and their sentences grouped into segments of a few sentences; each segment is
 * synthesised and checked (not silent, not clipped; synthesised again when it fails, then flagged); the downloads are
 * an M4B with chapter marks, title and author, one MP3 per chapter, both loudness-normalised by ffmpeg (EBU R128,
 * −16 LUFS), and a report of warnings and flagged segments. Quotes are given to the book's characters (by the chat
 * model when there is one, else by said-verb heuristics: {@link DialogueAttribution}) and read in voices of their own;
 * the cast can be read and changed before rendering (a job made with {@code review}) or after it.
 */
@ApplicationScoped
public class AudiobookRunner implements JobRunner {

    public static final String KIND = "audiobook";
    /** Longest text per segment: a few sentences, so a crash or a re-render costs little. */
    static final int SEGMENT_CHARS = 400;
    /** Longest sample line shown for a character when casting. */
    static final int SAMPLE_CHARS = 200;
    private static final ObjectMapper JSON = StudioFiles.JSON;

    private final DocumentService documents;
    private final TtsEngines speech;
    private final VoiceService voices;
    private final TtsConfig ttsConfig;
    private final SegmentQuality quality;
    private final StudioConfig config;
    private final DialogueAttribution attribution;

    public AudiobookRunner(DocumentService documents, TtsEngines speech, VoiceService voices, TtsConfig ttsConfig,
            SegmentQuality quality, StudioConfig config, DialogueAttribution attribution) {
        this.attribution = attribution;
        this.quality = quality;
        this.config = config;
        this.documents = documents;
        this.speech = speech;
        this.voices = voices;
        this.ttsConfig = ttsConfig;
    }

    /** The voice that reads: the requested one (made ready when it is a cloned voice), else the default. */
    private String narrator(SpeechSynthesizer engine, Request request, java.util.UUID owner) {
        if (request.narrator() != null && !request.narrator().isBlank()) {
            voices.usable(engine, request.narrator(), owner);
            return request.narrator();
        }
        return engine.knows(ttsConfig.defaultVoice()) || engine.voices().isEmpty() ? ttsConfig.defaultVoice()
                : engine.voices().get(0).id();
    }

    /**
     * What an audiobook job is asked for (its input JSON).
     *
     * @param file     the uploaded book, stored in the job's directory under this name
     * @param fileName the name it was uploaded with (its extension helps format detection)
     * @param narrator the voice id that reads it; blank for the engine's default
     * @param cast     voices for characters by name (any case); other main characters get voices of their own
     * @param review   stop after planning for the cast to be reviewed, until the job is approved
     */
    public record Request(String file, String fileName, String title, String author, String narrator,
            Map<String, String> cast, boolean review) {
        public String toJson() {
            return StudioFiles.toJson(this);
        }

        static Request of(String json) {
            return StudioFiles.fromJson(json, Request.class);
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<String> plan(Context job) {
        Request request = Request.of(job.input());
        job.stage("reading the book");
        ParsedDocument book;
        try {
            book = documents.parse(job.directory().resolve(request.file()), request.fileName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int characters = book.text().length();
        if (characters > config.maxBookCharacters()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The book has %,d characters of text; at"
                    + " most %,d are read aloud in one job (omnivox.studio.max-book-characters). Split it into"
                    + " volumes.", characters, config.maxBookCharacters()));
        }
        BookChapters.Result chapters = BookChapters.of(book);
        if (chapters.chapters().isEmpty()) {
            throw new IllegalArgumentException("The book holds no text to read.");
        }
        SpeechSynthesizer engine = speech.current()
                .orElseThrow(() -> new EngineUnavailableException(speech.unavailableReason()));
        String narrator = narrator(engine, request, job.owner());
        List<DialogueAttribution.Attributed> attributed = new ArrayList<>();
        for (int c = 0; c < chapters.chapters().size(); c++) {
            job.stage("finding who speaks in chapter " + (c + 1) + " of " + chapters.chapters().size());
            attributed.add(attribution.lines(chapters.chapters().get(c).title(), chapters.chapters().get(c).text()));
        }
        List<List<Dialogue.Line>> lines = attributed.stream().map(DialogueAttribution.Attributed::lines).toList();
        Map<String, String> cast = cast(engine, narrator, request.cast(), lines);
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("title", titleOf(request, book, chapters));
        plan.put("warnings", chapters.warnings());
        plan.put("chapters", chapters.chapters().stream().map(BookChapters.Chapter::title).toList());
        plan.put("attribution", attributed.stream().map(a -> a.method().id()).toList());
        plan.put("narrator", narrator);
        plan.put("characters", characters(lines));
        writeJson(job.directory().resolve("plan.json"), plan);
        SentenceSplitter sentences = new SentenceSplitter(1, SEGMENT_CHARS, 1);
        List<String> specs = new ArrayList<>();
        for (int c = 0; c < chapters.chapters().size(); c++) {
            String title = chapters.chapters().get(c).title();
            StringBuilder narration = new StringBuilder();
            for (Dialogue.Line line : lines.get(c)) {
                if (!line.quoted()) {
                    narration.append(narration.isEmpty() ? "" : " ").append(line.text());
                    continue;
                }
                flush(specs, sentences, c, title, narration, narrator);
                String voice = line.speaker() == null ? narrator : cast.getOrDefault(line.speaker(), narrator);
                for (String text : group(sentences.split(line.text()))) {
                    specs.add(spec(c, title, text, line.speaker(), voice, line.emotion()));
                }
            }
            flush(specs, sentences, c, title, narration, narrator);
        }
        return specs;
    }

    private static void flush(List<String> specs, SentenceSplitter sentences, int chapter, String title,
            StringBuilder narration, String narrator) {
        for (String text : group(sentences.split(narration.toString()))) {
            specs.add(spec(chapter, title, text, null, narrator, "neutral"));
        }
        narration.setLength(0);
    }

    /**
     * Voices for the book's characters: those asked for, then, for each character with at least two lines, a voice
     * of the engine's not yet taken (the narrator's last); characters with one line keep the narrator's voice.
     */
    static Map<String, String> cast(SpeechSynthesizer engine, String narrator, Map<String, String> asked,
            List<List<Dialogue.Line>> lines) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        lines.forEach(chapter -> chapter.stream().filter(l -> l.speaker() != null)
                .forEach(l -> counts.merge(l.speaker(), 1, Integer::sum)));
        Map<String, String> byKey = new java.util.HashMap<>();
        if (asked != null) {
            asked.forEach((name, voice) -> byKey.put(Dialogue.key(name), voice));
        }
        List<String> free = new ArrayList<>(engine.voices().stream().map(io.omnivox.tts.VoiceInfo::id)
                .filter(v -> !v.equals(narrator) && !byKey.containsValue(v)).toList());
        Map<String, String> cast = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> character : counts.entrySet()) {
            String voice = byKey.get(Dialogue.key(character.getKey()));
            if (voice == null && character.getValue() >= 2 && !free.isEmpty()) {
                voice = free.remove(0);
            }
            cast.put(character.getKey(), voice == null ? narrator : voice);
        }
        return cast;
    }

    /** Each character who speaks, in order of appearance: how many quotes and the first one, for casting. */
    private static List<Map<String, Object>> characters(List<List<Dialogue.Line>> lines) {
        Map<String, Map<String, Object>> characters = new LinkedHashMap<>();
        lines.forEach(chapter -> chapter.stream().filter(l -> l.speaker() != null).forEach(l -> {
            Map<String, Object> character = characters.computeIfAbsent(l.speaker(), name -> {
                Map<String, Object> fresh = new LinkedHashMap<>();
                fresh.put("name", name);
                fresh.put("lines", 0);
                fresh.put("sample", l.text().length() <= SAMPLE_CHARS ? l.text()
                        : l.text().substring(0, SAMPLE_CHARS) + "…");
                return fresh;
            });
            character.put("lines", (int) character.get("lines") + 1);
        }));
        return List.copyOf(characters.values());
    }

    /** Sentences joined into segments of at most {@link #SEGMENT_CHARS} characters (a longer sentence stands alone). */
    static List<String> group(List<String> sentences) {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String sentence : sentences) {
            if (!current.isEmpty() && current.length() + 1 + sentence.length() > SEGMENT_CHARS) {
                segments.add(current.toString());
                current.setLength(0);
            }
            current.append(current.isEmpty() ? "" : " ").append(sentence.strip());
        }
        if (!current.isEmpty()) {
            segments.add(current.toString());
        }
        return segments;
    }

    @Override
    public Rendered render(Context job, int position, String spec, Path target) {
        SpeechSynthesizer engine = speech.current()
                .orElseThrow(() -> new EngineUnavailableException(speech.unavailableReason()));
        Request request = Request.of(job.input());
        JsonNode line = read(spec);
        String voice = line.path("voice").asText("");
        if (voice.isEmpty()) {
            voice = narrator(engine, request, job.owner());
        } else {
            voices.usable(engine, voice, job.owner());
        }
        return quality.render(engine, new SynthesisRequest(line.path("text").asText(), voice, new SpeechStyle(
                line.path("emotion").asText("neutral"), 1.0, 0, "")), target);
    }

    @Override
    public List<Artifact> assemble(Context job, List<SegmentFile> segments) {
        Request request = Request.of(job.input());
        Path dir = job.directory();
        String title = readJson(dir.resolve("plan.json")).path("title").asText();
        Map<Integer, List<SegmentFile>> byChapter = new LinkedHashMap<>(); // by the chapter's index in the plan
        for (SegmentFile segment : segments) {
            byChapter.computeIfAbsent(read(segment.spec()).path("chapter").asInt(), k -> new ArrayList<>()).add(segment);
        }
        List<Artifact> artifacts = new ArrayList<>();
        List<StudioFiles.Mark> marks = new ArrayList<>();
        long start = 0;
        for (List<SegmentFile> chapter : byChapter.values()) {
            int number = marks.size() + 1;
            String chapterTitle = read(chapter.get(0).spec()).path("title").asText();
            long length = chapter.stream().mapToLong(SegmentFile::durationMs).sum();
            marks.add(new StudioFiles.Mark(chapterTitle, start, start + length));
            start += length;
            job.stage("encoding chapter " + number + " of " + byChapter.size());
            String name = chapterFile(number);
            StudioFiles.encode(dir, StudioFiles.concat(dir, "chapter-" + number, files(chapter)), List.of("-metadata",
                    "title=" + chapterTitle, "-metadata", "album=" + title, "-metadata", "track=" + number,
                    "-c:a", "libmp3lame", "-b:a", "96k"), "mp3", name);
            artifacts.add(new Artifact(name, "audio/mpeg", dir.resolve(name)));
        }
        job.stage("encoding the book");
        List<String> inputs = new ArrayList<>(StudioFiles.concat(dir, "book", files(segments)));
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("title", title);
        tags.put("album", title);
        tags.put("artist", request.author());
        inputs.addAll(StudioFiles.metadata(dir, "book", tags, marks));
        List<String> maps = new ArrayList<>(StudioFiles.AUDIO_WITH_METADATA);
        List<String> encoding = new ArrayList<>(List.of("-c:a", "aac", "-b:a", "64k"));
        cover(dir, request).ifPresent(cover -> {
            inputs.addAll(List.of("-i", cover));
            maps.addAll(List.of("-map", "2:v"));
            encoding.addAll(List.of("-c:v", "copy", "-disposition:v:0", "attached_pic"));
        });
        inputs.addAll(maps);
        StudioFiles.encode(dir, inputs, encoding, "ipod", "book.m4b");
        artifacts.add(0, new Artifact("book.m4b", "audio/mp4", dir.resolve("book.m4b")));
        artifacts.add(new Artifact("report.json", "application/json", report(job, List.copyOf(byChapter.keySet()),
                marks, segments)));
        return artifacts;
    }

    /** The EPUB's cover, written next to the segments for ffmpeg; empty for other books or none. */
    private java.util.Optional<String> cover(Path dir, Request request) {
        if (!request.file().endsWith(".epub")) {
            return java.util.Optional.empty();
        }
        return documents.epubCover(dir.resolve(request.file())).map(cover -> {
            String name = "cover." + (cover.mediaType().equals("image/png") ? "png" : "jpg");
            StudioFiles.write(dir.resolve(name), cover.image());
            return name;
        });
    }

    private static String chapterFile(int number) {
        return String.format(Locale.ROOT, "chapter-%02d.mp3", number);
    }

    private static List<Path> files(List<SegmentFile> segments) {
        return segments.stream().map(SegmentFile::file).toList();
    }

    /**
     * The report: warnings, the chapters with where they start and end in the M4B, their MP3s and how their quotes
     * were attributed ({@code llm} or {@code heuristic}), the characters' voices, the totals.
     */
    private static Path report(Context job, List<Integer> chapterIndices, List<StudioFiles.Mark> marks,
            List<SegmentFile> segments) {
        JsonNode plan = readJson(job.directory().resolve("plan.json"));
        ObjectNode report = JSON.createObjectNode();
        report.put("title", plan.path("title").asText());
        report.set("warnings", plan.path("warnings"));
        com.fasterxml.jackson.databind.node.ArrayNode chapters = report.putArray("chapters");
        for (int i = 0; i < marks.size(); i++) {
            ObjectNode chapter = chapters.addObject().put("title", marks.get(i).title()).put("start_ms", marks.get(i)
                    .startMs()).put("end_ms", marks.get(i).endMs()).put("file", chapterFile(i + 1));
            JsonNode method = plan.path("attribution").path(chapterIndices.get(i));
            if (method.isTextual()) { // books planned before attribution was recorded have none
                chapter.put("attribution", method.asText());
            }
        }
        report.put("narrator", plan.path("narrator").asText());
        ObjectNode characters = report.putObject("characters"); // as spoken: a recast changes the segments' voices
        for (SegmentFile segment : segments) {
            JsonNode line = read(segment.spec());
            String speaker = line.path("speaker").asText(null);
            if (speaker != null) {
                ObjectNode character = characters.has(speaker) ? (ObjectNode) characters.get(speaker)
                        : characters.putObject(speaker).put("lines", 0);
                character.put("voice", line.path("voice").asText()).put("lines", character.path("lines").asInt() + 1);
            }
        }
        report.put("segments", segments.size());
        report.put("duration_ms", segments.stream().mapToLong(SegmentFile::durationMs).sum());
        Path file = job.directory().resolve("report.json");
        writeJson(file, report);
        return file;
    }

    /** An audiobook's cast: the narrator's voice and each character who speaks. */
    public record Cast(String narrator, List<CastMember> characters) {

        /** Whether a character of that name (any case) speaks in the book. */
        public boolean speaks(String name) {
            return characters.stream().anyMatch(c -> c.name().equalsIgnoreCase(name));
        }

        public List<String> names() {
            return characters.stream().map(CastMember::name).toList();
        }
    }

    /**
     * A character as cast: the name the book gives, how many quotes they say, the first one, and the voice that reads
     * them (the narrator's for a character with a single line unless cast).
     */
    public record CastMember(String name, int lines, String sample, String voice) {
    }

    /**
     * The cast of a planned audiobook ({@code plan.json} in {@code directory}) with the voices its segments have now,
     * so it shows edits made since planning.
     */
    public static Cast cast(Path directory, List<JobSegment> segments) {
        JsonNode plan = readJson(directory.resolve("plan.json"));
        String narrator = plan.path("narrator").asText();
        Map<String, String> voices = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> samples = new LinkedHashMap<>();
        for (JobSegment segment : segments) {
            JsonNode line = read(segment.spec());
            String speaker = line.path("speaker").asText(null);
            if (speaker != null) {
                voices.putIfAbsent(speaker, line.path("voice").asText(narrator));
                counts.merge(speaker, 1, Integer::sum);
                samples.putIfAbsent(speaker, line.path("text").asText());
            }
        }
        List<CastMember> characters = new ArrayList<>();
        if (plan.has("characters")) {
            for (JsonNode c : plan.path("characters")) {
                String name = c.path("name").asText();
                characters.add(new CastMember(name, c.path("lines").asInt(), c.path("sample").asText(),
                        voices.getOrDefault(name, narrator)));
            }
        } else { // planned before the plan kept its characters: counted by segment
            counts.forEach((name, lines) -> characters.add(new CastMember(name, lines, samples.get(name),
                    voices.get(name))));
        }
        return new Cast(narrator, characters);
    }

    /**
     * The segments whose voice a new {@code cast} (character name in any case to voice id) changes, each with its new
     * spec, by position; characters not named keep their voices.
     */
    public static Map<Integer, String> recast(List<JobSegment> segments, Map<String, String> cast) {
        Map<String, String> byKey = new java.util.HashMap<>();
        cast.forEach((name, voice) -> byKey.put(Dialogue.key(name), voice));
        Map<Integer, String> changed = new LinkedHashMap<>();
        for (JobSegment segment : segments) {
            JsonNode spec = read(segment.spec());
            String speaker = spec.path("speaker").asText(null);
            String voice = speaker == null ? null : byKey.get(Dialogue.key(speaker));
            if (voice != null && !voice.equals(spec.path("voice").asText())) {
                changed.put(segment.position(), ((ObjectNode) spec).put("voice", voice).toString());
            }
        }
        return changed;
    }

    static String spec(int chapter, String title, String text, String speaker, String voice, String emotion) {
        ObjectNode spec = JSON.createObjectNode().put("chapter", chapter).put("title", title).put("text", text)
                .put("speaker", speaker).put("voice", voice).put("emotion", emotion);
        return spec.toString();
    }

    /**
     * The book's title: as given, else the document's own (an EPUB's metadata, a DOCX's title), else the file's name;
     * a document "title" that is only its first chapter's heading (a Markdown book) is not the book's.
     */
    private static String titleOf(Request request, ParsedDocument book, BookChapters.Result chapters) {
        if (request.title() != null && !request.title().isBlank()) {
            return request.title().strip();
        }
        String own = book.title() == null ? "" : book.title().strip();
        if (!own.isEmpty() && !own.equals(chapters.chapters().get(0).title())) {
            return own;
        }
        String name = request.fileName() == null ? "Audiobook" : request.fileName();
        return name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    }
}

