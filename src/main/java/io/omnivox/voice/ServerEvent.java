package io.omnivox.voice;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A JSON event to the client (see {@code docs/voice-protocol.md}); serialised with its {@code type}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ServerEvent.SessionCreated.class, name = "session.created"),
        @JsonSubTypes.Type(value = ServerEvent.SessionUpdated.class, name = "session.updated"),
        @JsonSubTypes.Type(value = ServerEvent.SpeechStarted.class, name = "input_audio_buffer.speech_started"),
        @JsonSubTypes.Type(value = ServerEvent.SpeechStopped.class, name = "input_audio_buffer.speech_stopped"),
        @JsonSubTypes.Type(value = ServerEvent.TranscriptionDelta.class,
                name = "conversation.item.input_audio_transcription.delta"),
        @JsonSubTypes.Type(value = ServerEvent.TranscriptionCompleted.class,
                name = "conversation.item.input_audio_transcription.completed"),
        @JsonSubTypes.Type(value = ServerEvent.ResponseCreated.class, name = "response.created"),
        @JsonSubTypes.Type(value = ServerEvent.TextDelta.class, name = "response.text.delta"),
        @JsonSubTypes.Type(value = ServerEvent.AudioDelta.class, name = "response.audio.delta"),
        @JsonSubTypes.Type(value = ServerEvent.AudioDone.class, name = "response.audio.done"),
        @JsonSubTypes.Type(value = ServerEvent.ResponseDone.class, name = "response.done"),
        @JsonSubTypes.Type(value = ServerEvent.ResponseCancelled.class, name = "response.cancelled"),
        @JsonSubTypes.Type(value = ServerEvent.PodcastLine.class, name = "podcast.line"),
        @JsonSubTypes.Type(value = ServerEvent.PodcastEnded.class, name = "podcast.ended"),
        @JsonSubTypes.Type(value = ServerEvent.Error.class, name = "error") })
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ServerEvent {

    record SessionCreated(SessionSettings session) implements ServerEvent {
    }

    record SessionUpdated(SessionSettings session) implements ServerEvent {
    }

    record SpeechStarted(@JsonProperty("item_id") String itemId, @JsonProperty("audio_start_ms") long audioStartMs)
            implements ServerEvent {
    }

    record SpeechStopped(@JsonProperty("item_id") String itemId, @JsonProperty("audio_end_ms") long audioEndMs)
            implements ServerEvent {
    }

    /** A partial transcript: {@code text} is the whole partial, {@code delta} what was appended to the last one. */
    record TranscriptionDelta(@JsonProperty("item_id") String itemId, String delta, String text)
            implements ServerEvent {
    }

    record TranscriptionCompleted(@JsonProperty("item_id") String itemId, String transcript, String language,
            String emotion, List<String> events) implements ServerEvent {
    }

    record ResponseCreated(Response response) implements ServerEvent {
    }

    record TextDelta(@JsonProperty("response_id") String responseId, @JsonProperty("item_id") String itemId,
            String delta) implements ServerEvent {
    }

    record AudioDelta(@JsonProperty("response_id") String responseId, @JsonProperty("item_id") String itemId,
            String delta, @JsonProperty("audio_start_ms") long audioStartMs) implements ServerEvent {
    }

    record AudioDone(@JsonProperty("response_id") String responseId, @JsonProperty("item_id") String itemId,
            @JsonProperty("audio_ms") long audioMs) implements ServerEvent {
    }

    record ResponseDone(Response response) implements ServerEvent {
    }

    record ResponseCancelled(@JsonProperty("response_id") String responseId, String reason) implements ServerEvent {
    }

    /** A line of the podcast being played starts: its number in the episode, section, host and words. */
    record PodcastLine(@JsonProperty("response_id") String responseId, int line, int section,
            @JsonProperty("section_title") String sectionTitle, String speaker, String text) implements ServerEvent {
    }

    /** The podcast was played to its end. */
    record PodcastEnded(@JsonProperty("podcast_id") String podcastId) implements ServerEvent {
    }

    record Error(Problem error) implements ServerEvent {
        public static Error of(String code, String message, String eventType) {
            String type = code.equals("response_failed") || code.equals("engine_unavailable") ? "server_error"
                    : "invalid_request_error";
            return new Error(new Problem(type, code, message, eventType));
        }
    }

    /** What went wrong: {@code type} is the class of error, {@code code} the specific one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Problem(String type, String code, String message, @JsonProperty("event_type") String eventType) {
    }

    /**
     * A reply, as {@code response.created} and {@code response.done} describe it.
     *
     * @param latency milliseconds per stage, in {@code response.done} only
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Response(String id, @JsonProperty("item_id") String itemId, String status,
            @JsonProperty("output_text") String outputText, @JsonProperty("voice_style") Map<String, Object> voiceStyle,
            List<Map<String, Object>> citations, Map<String, Long> latency) {

        public static Response created(String id, String itemId) {
            return new Response(id, itemId, "in_progress", null, null, null, null);
        }
    }
}
