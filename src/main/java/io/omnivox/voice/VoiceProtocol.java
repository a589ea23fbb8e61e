package io.omnivox.voice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;

/** Reads client events and writes server events as the JSON text frames of {@code docs/voice-protocol.md}. */
public final class VoiceProtocol {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private VoiceProtocol() {
    }

    /**
     * The event in a text frame.
     *
     * @throws VoiceProtocolException {@code invalid_json}, {@code unknown_event} or {@code invalid_field}
     */
    public static ClientEvent read(String frame) {
        JsonNode tree;
        try {
            tree = JSON.readTree(frame);
        } catch (JsonProcessingException e) {
            throw new VoiceProtocolException("invalid_json", "The frame is not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject() || !tree.path("type").isTextual()) {
            throw new VoiceProtocolException("invalid_json", "An event is a JSON object with a string 'type'");
        }
        try {
            return JSON.treeToValue(tree, ClientEvent.class);
        } catch (InvalidTypeIdException e) {
            throw new VoiceProtocolException("unknown_event", "Unknown event type '" + tree.path("type").asText()
                    + "'");
        } catch (JsonProcessingException e) {
            throw new VoiceProtocolException("invalid_field", "Bad '" + tree.path("type").asText() + "' event: "
                    + e.getOriginalMessage());
        }
    }

    /** The type named in a frame, for error reports; null when there is none. */
    public static String typeOf(String frame) {
        try {
            JsonNode type = JSON.readTree(frame).path("type");
            return type.isTextual() ? type.asText() : null;
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    public static String write(ServerEvent event) {
        try {
            return JSON.writerFor(ServerEvent.class).writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + event.getClass().getSimpleName(), e);
        }
    }
}
