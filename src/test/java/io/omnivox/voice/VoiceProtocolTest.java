package io.omnivox.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class VoiceProtocolTest {

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };

    static final SessionSettings DEFAULTS = new SessionSettings("voice-chat", "alloy", "auto", "en", null, List.of(), null,
            SessionSettings.AudioFormat.PCM16, 16_000, SessionSettings.AudioFormat.PCM16, SessionSettings.Transport.JSON,
            22050, new SessionSettings.TurnDetection(600, 250, 30_000),
            new SessionSettings.Interruption(SessionSettings.InterruptionPolicy.WORDS, 2));
    static final List<String> PIPELINES = List.of("voice-chat", "speech-translation");

    @Test
    void should_read_each_client_event() {
        assertThat(VoiceProtocol.read("{\"type\": \"input_audio_buffer.append\", \"audio\": \"AAA=\"}"))
                .isEqualTo(new ClientEvent.AudioAppend("AAA="));
        assertThat(VoiceProtocol.read("{\"type\": \"input_audio_buffer.commit\"}")).isInstanceOf(
                ClientEvent.AudioCommit.class);
        assertThat(VoiceProtocol.read("{\"type\": \"input_audio_buffer.clear\"}")).isInstanceOf(
                ClientEvent.AudioClear.class);
        assertThat(VoiceProtocol.read("{\"type\": \"response.cancel\", \"event_id\": \"e1\"}")).isInstanceOf(
                ClientEvent.ResponseCancel.class);
        assertThat(VoiceProtocol.read("{\"type\": \"conversation.item.truncate\", \"item_id\": \"i1\","
                + " \"audio_end_ms\": 1840}")).isEqualTo(new ClientEvent.ItemTruncate("i1", 1840L));
        ClientEvent update = VoiceProtocol.read("{\"type\": \"session.update\", \"session\": {\"voice\": \"nova\"}}");
        assertThat(((ClientEvent.SessionUpdate) update).session().path("voice").asText()).isEqualTo("nova");
    }

    @Test
    void should_name_what_is_wrong_with_a_bad_frame() {
        assertThatThrownBy(() -> VoiceProtocol.read("{not json"))
                .isInstanceOfSatisfying(VoiceProtocolException.class, e -> assertThat(e.code()).isEqualTo(
                        "invalid_json"));
        assertThatThrownBy(() -> VoiceProtocol.read("[1, 2]"))
                .isInstanceOfSatisfying(VoiceProtocolException.class, e -> assertThat(e.code()).isEqualTo(
                        "invalid_json"));
        assertThatThrownBy(() -> VoiceProtocol.read("{\"type\": \"teleport\"}"))
                .isInstanceOfSatisfying(VoiceProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo("unknown_event");
                    assertThat(e.getMessage()).contains("teleport");
                });
        assertThatThrownBy(() -> VoiceProtocol.read("{\"type\": \"conversation.item.truncate\", \"audio_end_ms\":"
                + " \"soon\"}"))
                .isInstanceOfSatisfying(VoiceProtocolException.class, e -> assertThat(e.code()).isEqualTo(
                        "invalid_field"));
        assertThat(VoiceProtocol.typeOf("{\"type\": \"teleport\"}")).isEqualTo("teleport");
        assertThat(VoiceProtocol.typeOf("garbage")).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_write_server_events_with_their_type_and_snake_case_fields() throws Exception {
        ObjectMapper json = new ObjectMapper();

        Map<String, Object> started = json.readValue(VoiceProtocol.write(new ServerEvent.SpeechStarted("item_1", 320)),
                MAP);
        Map<String, Object> error = json.readValue(VoiceProtocol.write(ServerEvent.Error.of("frame_too_large", "too big",
                null)), MAP);
        Map<String, Object> created = json.readValue(VoiceProtocol.write(new ServerEvent.SessionCreated(DEFAULTS)), MAP);

        assertThat(started).containsEntry("type", "input_audio_buffer.speech_started")
                .containsEntry("item_id", "item_1").containsEntry("audio_start_ms", 320);
        assertThat(error).containsEntry("type", "error");
        assertThat((Map<String, Object>) error.get("error")).containsEntry("code", "frame_too_large")
                .containsEntry("type", "invalid_request_error").doesNotContainKey("event_type");
        assertThat((Map<String, Object>) created.get("session")).containsEntry("input_audio_format", "pcm16")
                .containsEntry("output_audio_transport", "json");
        assertThat((Map<String, Object>) ((Map<String, Object>) created.get("session")).get("interruption"))
                .containsEntry("policy", "words");
    }

    @Test
    void should_apply_a_partial_session_update_and_refuse_bad_fields() throws Exception {
        ObjectMapper json = new ObjectMapper();

        SessionSettings updated = DEFAULTS.apply(json.readTree("{\"pipeline\": \"speech-translation\","
                + " \"turn_detection\": {\"silence_duration_ms\": 800}, \"interruption\": {\"policy\": \"any\"},"
                + " \"output_audio_transport\": \"binary\"}"), PIPELINES);

        assertThat(updated.pipeline()).isEqualTo("speech-translation");
        assertThat(updated.turnDetection()).isEqualTo(new SessionSettings.TurnDetection(800, 250, 30_000));
        assertThat(updated.interruption().policy()).isEqualTo(SessionSettings.InterruptionPolicy.ANY);
        assertThat(updated.outputAudioTransport()).isEqualTo(SessionSettings.Transport.BINARY);
        assertThat(updated.voice()).isEqualTo("alloy");

        assertThatThrownBy(() -> DEFAULTS.apply(json.readTree("{\"pipeline\": \"podcast\"}"), PIPELINES))
                .hasMessageContaining("session.pipeline");
        assertThatThrownBy(() -> DEFAULTS.apply(json.readTree("{\"turn_detection\": {\"silence_duration_ms\": 5}}"),
                PIPELINES)).hasMessageContaining("turn_detection.silence_duration_ms");
        assertThatThrownBy(() -> DEFAULTS.apply(json.readTree("{\"interruption\": {\"policy\": \"never\"}}"),
                PIPELINES)).hasMessageContaining("interruption.policy");
        assertThatThrownBy(() -> DEFAULTS.apply(json.readTree("{\"input_audio_format\": \"mp3\"}"), PIPELINES))
                .hasMessageContaining("input_audio_format");
    }
}
