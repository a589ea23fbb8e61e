package io.omnivox.pipeline;

import static io.omnivox.pipeline.ParameterSpec.choice;
import static io.omnivox.pipeline.ParameterSpec.code;
import static io.omnivox.pipeline.ParameterSpec.flag;
import static io.omnivox.pipeline.ParameterSpec.integer;
import static io.omnivox.pipeline.ParameterSpec.integerOrKeyword;
import static io.omnivox.pipeline.ParameterSpec.list;
import static io.omnivox.pipeline.ParameterSpec.number;
import static io.omnivox.pipeline.ParameterSpec.text;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.omnivox.yaml.YamlNode;

/**
 * The kinds of stage a pipeline can chain, each with the media it takes and gives and the table of parameters it
 * accepts. This enum is the single source of truth for the pipeline format; {@code pipelines/README.md} documents it.
 */
public enum StageType {

    /** Voice activity detection: cuts a live audio stream into speech turns. */
    VAD(Media.AUDIO, Media.AUDIO,
            number("threshold", 0.0, 1.0, 0.5, "speech probability above which a frame counts as speech"),
            integer("min-speech-ms", 0, 10_000, 250, "shorter bursts of speech are ignored as noise"),
            integer("min-silence-ms", 0, 10_000, 100, "shorter pauses do not split speech"),
            integer("end-of-speech-ms", 100, 10_000, 600, "silence after which the speaker's turn is over"),
            integer("padding-ms", 0, 2_000, 30, "audio kept before and after each speech segment"),
            integer("max-turn-s", 1, 600, 60, "a turn is cut off after this many seconds")),

    /** Speech recognition: audio to transcript. */
    ASR(Media.AUDIO, Media.TEXT,
            choice("language", "auto", List.of("auto", "zh", "en", "yue", "ja", "ko"), "spoken language"),
            flag("itn", true, "inverse text normalisation: 'twenty five' becomes '25'"),
            integer("partial-interval-ms", 0, 10_000, 0, "how often partial transcripts are emitted; 0 = off")),

    /** Text recognition in an image or scanned page. */
    OCR(Media.IMAGE, Media.TEXT,
            choice("mode", "plain", List.of("plain", "format"), "plain text, or keep layout as Markdown"),
            integerOrKeyword("pages", "all", 1, 10_000, "all pages, or only the first N")),

    /** Reads a document (PDF, DOCX, Markdown, ...) into text chunks. */
    DOCUMENT(Media.DOCUMENT, Media.TEXT,
            integer("chunk-size", 100, 20_000, 800, "characters per chunk"),
            integer("chunk-overlap", 0, 10_000, 100, "characters shared by consecutive chunks")) {

        @Override
        void checkTogether(Map<String, Object> values, YamlNode stage) {
            // An overlap as large as the chunk would never advance through the document.
            if ((Long) values.get("chunk-overlap") >= (Long) values.get("chunk-size")) {
                YamlNode blamed = stage.get("chunk-overlap").orElseGet(() -> stage.require("chunk-size"));
                throw blamed.fail("chunk-overlap (" + values.get("chunk-overlap")
                        + ") must be smaller than chunk-size (" + values.get("chunk-size") + ")");
            }
        }
    },

    /** The LLM agent: answers, rewrites or annotates text, optionally calling tools. */
    AGENT(Media.TEXT, Media.TEXT,
            text("system-prompt", null, "instructions prepended to the conversation; the built-in prompt if unset"),
            list("tools", List.of("search_knowledge", "read_image", "generate_image", "set_voice_style",
                    "current_time"), "tools the agent may call; none by default"),
            text("knowledge-base", null, "knowledge base searched by search_knowledge"),
            integer("max-tool-calls", 1, 20, 5, "tool calls allowed per turn"),
            text("style", null, "output style, e.g. podcast-script or audiobook-annotate; plain answers if unset")),

    /** Machine translation. */
    TRANSLATE(Media.TEXT, Media.TEXT,
            code("target-language", Languages.CODE, Languages.EXPECTED, null, true, "language to translate into"),
            code("source-language", Languages.CODE, Languages.EXPECTED, "auto", false,
                    "language of the input; detected if auto")),

    /** Speech synthesis, optionally expressive and multi-speaker. */
    TTS(Media.TEXT, Media.AUDIO,
            text("voice", "default", "voice name; 'speaker' answers in the user's own voice, cloned from their speech"
                    + " when the engine can clone (CosyVoice), else the session's voice"),
            choice("emotion", "neutral", List.of("neutral", "happy", "sad", "angry", "surprised", "fearful",
                    "disgusted", "from-input"), "emotion of the voice; from-input follows the user's detected emotion"),
            number("speed", 0.5, 2.0, 1.0, "speaking rate"),
            text("instruct", null, "free-form style instruction, e.g. 'whisper, slowly'"),
            flag("stream", true, "start playing before the whole text is synthesised"),
            list("speakers", List.of(), "voices for multi-speaker scripts, in the order the script names them")),

    /** Image generation from a text prompt. */
    IMAGEGEN(Media.TEXT, Media.IMAGE,
            integer("steps", 1, 50, 1, "denoising steps"),
            integer("width", 64, 1024, 8, 512, "image width in pixels"),
            integer("height", 64, 1024, 8, 512, "image height in pixels"),
            number("guidance", 0.0, 20.0, 0.0, "classifier-free guidance scale; 0 = off"));

    /** The field naming a stage's type; allowed in every stage next to its parameters. */
    public static final String TYPE_FIELD = "type";

    private final Media takes;
    private final Media gives;
    private final Map<String, ParameterSpec> parameters;

    StageType(Media takes, Media gives, ParameterSpec... parameters) {
        this.takes = takes;
        this.gives = gives;
        Map<String, ParameterSpec> byName = new LinkedHashMap<>();
        for (ParameterSpec parameter : parameters) {
            byName.put(parameter.name(), parameter);
        }
        this.parameters = Collections.unmodifiableMap(byName);
    }

    /** The name used in pipeline files, e.g. {@code imagegen}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The media this stage consumes. */
    public Media takes() {
        return takes;
    }

    /** The media this stage produces. */
    public Media gives() {
        return gives;
    }

    /** The parameters this stage accepts, by name, in documentation order. */
    public Map<String, ParameterSpec> parameters() {
        return parameters;
    }

    /** The stage type written as {@code id} in a pipeline file. */
    public static Optional<StageType> byId(String id) {
        return Arrays.stream(values()).filter(type -> type.id().equals(id)).findFirst();
    }

    /** All type names, for error messages: {@code vad, asr, ...}. */
    public static String ids() {
        return Arrays.stream(values()).map(StageType::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id();
    }

    /**
     * Checks rules that involve several parameters, after each was validated alone; {@code values} has defaults
     * filled in. Fails at the offending field of {@code stage}.
     */
    void checkTogether(Map<String, Object> values, YamlNode stage) {
        // Most stages have no such rules.
    }

    /** Language codes: ISO 639 with an optional script or region, e.g. {@code en}, {@code yue}, {@code zh-Hant}. */
    private static final class Languages {
        static final Pattern CODE = Pattern.compile("[a-z]{2,3}(-[A-Za-z]{2,4})?");
        static final String EXPECTED = "a language code like en, zh, yue or pt-BR";
    }
}
