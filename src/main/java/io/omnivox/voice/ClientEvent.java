package io.omnivox.voice;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON control event from the client (see {@code docs/voice-protocol.md}); the {@code type} field picks the record.
 * Binary frames are audio and never become a {@code ClientEvent}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ClientEvent.SessionUpdate.class, name = "session.update"),
        @JsonSubTypes.Type(value = ClientEvent.AudioAppend.class, name = "input_audio_buffer.append"),
        @JsonSubTypes.Type(value = ClientEvent.AudioCommit.class, name = "input_audio_buffer.commit"),
        @JsonSubTypes.Type(value = ClientEvent.AudioClear.class, name = "input_audio_buffer.clear"),
        @JsonSubTypes.Type(value = ClientEvent.ResponseCancel.class, name = "response.cancel"),
        @JsonSubTypes.Type(value = ClientEvent.ItemTruncate.class, name = "conversation.item.truncate"),
        @JsonSubTypes.Type(value = ClientEvent.PodcastPlay.class, name = "podcast.play") })
public sealed interface ClientEvent {

    /** Changes session settings; {@code session} holds only the fields to change. */
    record SessionUpdate(JsonNode session) implements ClientEvent {
    }

    /** Input audio as base64, the same as a binary frame. */
    record AudioAppend(String audio) implements ClientEvent {
    }

    /** Ends the user's turn now. */
    record AudioCommit() implements ClientEvent {
    }

    /** Drops the audio of the turn in progress. */
    record AudioClear() implements ClientEvent {
    }

    /** Stops the reply in progress. */
    record ResponseCancel() implements ClientEvent {
    }

    /** Plays the session's podcast from {@code line}, or from where it stopped when null. */
    record PodcastPlay(Integer line) implements ClientEvent {
    }

    /** How much of a reply's audio the client played before stopping it. */
    record ItemTruncate(@JsonProperty("item_id") String itemId, @JsonProperty("audio_end_ms") Long audioEndMs)
            implements ClientEvent {
    }
}
