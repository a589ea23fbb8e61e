package io.omnivox.voice;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A voice session's settings, as {@code session.created} shows them and {@code session.update} changes them (see
 * {@code docs/voice-protocol.md}). Immutable; {@link #apply} returns the updated copy or refuses a bad field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionSettings(String pipeline, String voice, String language,
        @JsonProperty("target_language") String targetLanguage,
        @JsonProperty("conversation_id") String conversationId,
        @JsonProperty("knowledge_bases") List<String> knowledgeBases,
        @JsonProperty("podcast_id") String podcastId,
        @JsonProperty("input_audio_format") AudioFormat inputAudioFormat,
        @JsonProperty("input_sample_rate") int inputSampleRate,
        @JsonProperty("output_audio_format") AudioFormat outputAudioFormat,
        @JsonProperty("output_audio_transport") Transport outputAudioTransport,
        @JsonProperty("output_sample_rate") int outputSampleRate,
        @JsonProperty("turn_detection") TurnDetection turnDetection, Interruption interruption) {

    /** Audio encodings on the wire. */
    public enum AudioFormat {
        @JsonProperty("pcm16")
        PCM16,
        @JsonProperty("opus")
        OPUS
    }

    /** How reply audio travels. */
    public enum Transport {
        @JsonProperty("json")
        JSON,
        @JsonProperty("binary")
        BINARY
    }

    /** When speech interrupts a reply that is playing. */
    public enum InterruptionPolicy {
        /** Any detected speech. */
        @JsonProperty("any")
        ANY,
        /** At least one word that is not a backchannel ("mhm", "ok", "yeah"); noises never. */
        @JsonProperty("words")
        WORDS,
        /** At least {@code min_words} words that are not backchannels. */
        @JsonProperty("min_words")
        MIN_WORDS
    }

    public record TurnDetection(@JsonProperty("silence_duration_ms") int silenceDurationMs,
            @JsonProperty("min_speech_ms") int minSpeechMs, @JsonProperty("max_turn_ms") int maxTurnMs) {
    }

    public record Interruption(InterruptionPolicy policy, @JsonProperty("min_words") int minWords) {
    }

    /** The only input rate: what the voice activity detector and the recognisers take. */
    public static final int INPUT_SAMPLE_RATE = 16_000;

    public SessionSettings {
        knowledgeBases = knowledgeBases == null ? List.of() : List.copyOf(knowledgeBases);
    }

    /**
     * These settings with the fields present in {@code patch} changed.
     *
     * @throws VoiceProtocolException {@code invalid_field} naming the first bad field
     */
    public SessionSettings apply(JsonNode patch, List<String> pipelines) {
        if (patch == null || !patch.isObject()) {
            throw new VoiceProtocolException("invalid_field", "session must be an object");
        }
        String newPipeline = text(patch, "pipeline", pipeline);
        if (!pipelines.contains(newPipeline)) {
            throw new VoiceProtocolException("invalid_field", "session.pipeline must be one of " + pipelines
                    + "; got '" + newPipeline + "'");
        }
        return new SessionSettings(newPipeline, text(patch, "voice", voice), text(patch, "language", language),
                text(patch, "target_language", targetLanguage), text(patch, "conversation_id", conversationId),
                strings(patch, "knowledge_bases", knowledgeBases), text(patch, "podcast_id", podcastId),
                choice(patch, "input_audio_format", AudioFormat.class, inputAudioFormat), sampleRate(patch),
                choice(patch, "output_audio_format", AudioFormat.class, outputAudioFormat),
                choice(patch, "output_audio_transport", Transport.class, outputAudioTransport), outputSampleRate,
                turnDetection(patch.path("turn_detection")), interruption(patch.path("interruption")));
    }

    /**
     * Whether replies are written the same way under both settings: same pipeline, podcast, conversation, knowledge
     * bases and target language (voice, audio formats, turn detection and interruption do not change the writer).
     */
    public boolean sameReplyWriter(SessionSettings other) {
        return java.util.Objects.equals(pipeline, other.pipeline) && java.util.Objects.equals(podcastId, other.podcastId)
                && java.util.Objects.equals(conversationId, other.conversationId)
                && knowledgeBases.equals(other.knowledgeBases)
                && java.util.Objects.equals(targetLanguage, other.targetLanguage);
    }

    /** These settings with reply audio at {@code rate} (the speech engine's, or the Opus rate it is encoded at). */
    public SessionSettings withOutputSampleRate(int rate) {
        return new SessionSettings(pipeline, voice, language, targetLanguage, conversationId, knowledgeBases,
                podcastId, inputAudioFormat, inputSampleRate, outputAudioFormat, outputAudioTransport, rate, turnDetection,
                interruption);
    }

    /** Input is 16 kHz: the rate the detector and the recognisers work at (browsers resample for free). */
    private int sampleRate(JsonNode patch) {
        JsonNode value = patch.get("input_sample_rate");
        if (value != null && (!value.canConvertToInt() || value.asInt() != INPUT_SAMPLE_RATE)) {
            throw new VoiceProtocolException("invalid_field", "session.input_sample_rate must be " + INPUT_SAMPLE_RATE
                    + " (PCM16 mono at 16000 Hz); got " + value + ". Resample on the client, e.g. an AudioContext"
                    + " created with sampleRate 16000.");
        }
        return inputSampleRate;
    }

    private TurnDetection turnDetection(JsonNode patch) {
        if (patch.isMissingNode()) {
            return turnDetection;
        }
        return new TurnDetection(
                number(patch, "turn_detection.silence_duration_ms", turnDetection.silenceDurationMs(), 100, 5_000),
                number(patch, "turn_detection.min_speech_ms", turnDetection.minSpeechMs(), 0, 5_000),
                number(patch, "turn_detection.max_turn_ms", turnDetection.maxTurnMs(), 1_000, 120_000));
    }

    private Interruption interruption(JsonNode patch) {
        if (patch.isMissingNode()) {
            return interruption;
        }
        return new Interruption(choice(patch, "interruption.policy", InterruptionPolicy.class, interruption.policy()),
                number(patch, "interruption.min_words", interruption.minWords(), 1, 20));
    }

    private static String text(JsonNode patch, String field, String current) {
        JsonNode value = patch.get(field);
        if (value == null) {
            return current;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new VoiceProtocolException("invalid_field", "session." + field + " must be a non-empty string");
        }
        return value.asText().strip();
    }

    private static List<String> strings(JsonNode patch, String field, List<String> current) {
        JsonNode value = patch.get(field);
        if (value == null) {
            return current;
        }
        if (!value.isArray()) {
            throw new VoiceProtocolException("invalid_field", "session." + field + " must be an array of ids");
        }
        List<String> out = new java.util.ArrayList<>();
        value.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static <E extends Enum<E>> E choice(JsonNode patch, String field, Class<E> type, E current) {
        JsonNode value = patch.get(field.contains(".") ? field.substring(field.lastIndexOf('.') + 1) : field);
        if (value == null) {
            return current;
        }
        try {
            return Enum.valueOf(type, value.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new VoiceProtocolException("invalid_field", "session." + field + " cannot be '" + value.asText()
                    + "'");
        }
    }

    private static int number(JsonNode patch, String field, int current, int min, int max) {
        JsonNode value = patch.get(field.substring(field.lastIndexOf('.') + 1));
        if (value == null) {
            return current;
        }
        if (!value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw new VoiceProtocolException("invalid_field", "session." + field + " must be a number from " + min
                    + " to " + max);
        }
        return value.asInt();
    }
}
