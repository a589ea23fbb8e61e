package io.omnivox.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.omnivox.yaml.DefinitionException;

class PipelineLoaderTest {

    private static final Path REPO_PIPELINES = Path.of("pipelines");

    @TempDir
    Path dir;

    @Test
    void should_load_all_five_shipped_pipelines_when_reading_the_repository_directory() {
        Map<String, PipelineDefinition> pipelines = PipelineLoader.loadAll(REPO_PIPELINES);

        assertThat(pipelines).containsOnlyKeys("audiobook", "interactive-podcast", "podcast", "speech-translation",
                "voice-chat");
        assertThat(stageTypes(pipelines.get("interactive-podcast")))
                .containsExactly(StageType.VAD, StageType.ASR, StageType.AGENT, StageType.TTS);
        assertThat(pipelines.get("interactive-podcast").stages().get(2).text("style")).contains("podcast-hosts");
        assertThat(stageTypes(pipelines.get("voice-chat")))
                .containsExactly(StageType.VAD, StageType.ASR, StageType.AGENT, StageType.TTS);
        assertThat(stageTypes(pipelines.get("speech-translation")))
                .containsExactly(StageType.VAD, StageType.ASR, StageType.TRANSLATE, StageType.TTS);
        assertThat(stageTypes(pipelines.get("podcast")))
                .containsExactly(StageType.DOCUMENT, StageType.AGENT, StageType.TTS);
        assertThat(stageTypes(pipelines.get("audiobook")))
                .containsExactly(StageType.DOCUMENT, StageType.AGENT, StageType.TTS);
    }

    @Test
    void should_fill_defaults_and_keep_set_values_when_loading_voice_chat() {
        PipelineDefinition chat = PipelineLoader.load(REPO_PIPELINES.resolve("voice-chat.yaml"));

        assertThat(chat.input()).isEqualTo(Media.AUDIO);
        assertThat(chat.output()).isEqualTo(Media.AUDIO);
        StageDefinition vad = chat.stages().get(0);
        assertThat(vad.integer("end-of-speech-ms")).isEqualTo(600);
        assertThat(vad.number("threshold")).isEqualTo(0.5);
        StageDefinition tts = chat.stages().get(3);
        assertThat(tts.text("emotion")).contains("from-input");
        assertThat(tts.number("speed")).isEqualTo(1.0);
        assertThat(tts.flag("stream")).isTrue();
        assertThat(tts.text("voice")).contains("default");
        assertThat(tts.text("instruct")).isEmpty();
        assertThat(tts.list("speakers")).isEmpty();
    }

    @Test
    void should_read_the_script_settings_when_loading_the_podcast_and_translation_pipelines() {
        Map<String, PipelineDefinition> pipelines = PipelineLoader.loadAll(REPO_PIPELINES);

        List<StageDefinition> podcast = pipelines.get("podcast").stages();
        assertThat(podcast.get(1).text("style")).contains("podcast-script");
        assertThat(podcast.get(2).list("speakers")).containsExactly("host", "guest");
        assertThat(pipelines.get("audiobook").stages().get(1).text("style")).contains("audiobook-annotate");
        assertThat(pipelines.get("speech-translation").stages().get(2).text("target-language")).contains("en");
    }

    @Test
    void should_report_the_allowed_fields_when_a_stage_has_an_unknown_field() throws IOException {
        Path file = write("chat.yaml", pipeline("""
                  - type: agent
                  - type: tts
                    sped: 1.2
                """));

        assertFails(file, 8, 5, "stages[1].sped",
                "unknown field; allowed here: emotion, instruct, speakers, speed, stream, type, voice");
    }

    @Test
    void should_report_the_allowed_fields_when_the_pipeline_has_an_unknown_field() throws IOException {
        Path file = write("chat.yaml", """
                name: chat
                description: Chat
                input: text
                outputs: text
                stages:
                  - type: agent
                """);

        assertFails(file, 4, 1, "outputs", "unknown field; allowed here: description, input, name, output, stages");
    }

    @Test
    void should_name_the_expected_range_when_a_number_has_the_wrong_type() throws IOException {
        Path file = write("chat.yaml", pipeline("""
                  - type: agent
                  - type: tts
                    speed: fast
                """));

        assertFails(file, 8, 5, "stages[1].speed", "expected a number between 0.5 and 2.0, got 'fast'");
    }

    @Test
    void should_name_the_expected_range_when_a_number_is_out_of_range() throws IOException {
        Path file = write("chat.yaml", pipeline("""
                  - type: agent
                    max-tool-calls: 21
                  - type: tts
                """));

        assertFails(file, 7, 5, "stages[0].max-tool-calls", "expected a whole number between 1 and 20, got '21'");
    }

    @Test
    void should_require_a_multiple_of_eight_when_an_image_size_is_not_one() throws IOException {
        Path file = write("draw.yaml", """
                name: draw
                description: Draw
                input: text
                output: image
                stages:
                  - type: imagegen
                    width: 500
                """);

        assertFails(file, 7, 5, "stages[0].width",
                "expected a whole number between 64 and 1024 that is a multiple of 8, got '500'");
    }

    @Test
    void should_point_at_the_list_item_when_a_tool_is_unknown() throws IOException {
        Path file = write("chat.yaml", pipeline("""
                  - type: agent
                    tools: [current_time, browse]
                  - type: tts
                """));

        assertFails(file, 7, 27, "stages[0].tools[1]", "expected one of search_knowledge, read_image, "
                + "generate_image, set_voice_style, current_time, got 'browse'");
    }

    @Test
    void should_list_the_known_types_when_a_stage_type_is_unknown() throws IOException {
        Path file = write("chat.yaml", pipeline("""
                  - type: agent
                  - type: speak
                """));

        assertFails(file, 7, 5, "stages[1].type",
                "unknown stage type 'speak'; known types: vad, asr, ocr, document, agent, translate, tts, imagegen");
    }

    @Test
    void should_name_the_previous_stage_when_asr_follows_agent() throws IOException {
        Path file = write("chat.yaml", """
                name: chat
                description: Chat
                input: text
                output: text
                stages:
                  - type: agent
                  - type: asr
                """);

        assertFails(file, 7, 5, "stages[1].type", "stage 'asr' takes audio, but the previous stage 'agent' gives text");
    }

    @Test
    void should_name_the_pipeline_input_when_the_first_stage_takes_other_media() throws IOException {
        Path file = write("chat.yaml", """
                name: chat
                description: Chat
                input: text
                output: text
                stages:
                  - type: asr
                """);

        assertFails(file, 6, 5, "stages[0].type", "stage 'asr' takes audio, but the pipeline input is text");
    }

    @Test
    void should_name_the_pipeline_output_when_the_last_stage_gives_other_media() throws IOException {
        Path file = write("chat.yaml", """
                name: chat
                description: Chat
                input: text
                output: audio
                stages:
                  - type: agent
                """);

        assertFails(file, 6, 5, "stages[0].type",
                "the last stage 'agent' gives text, but the pipeline output is audio");
    }

    @Test
    void should_fail_at_the_document_start_when_the_name_is_missing() throws IOException {
        Path file = write("chat.yaml", """
                description: Chat
                input: text
                output: text
                stages:
                  - type: agent
                """);

        assertFails(file, 1, 1, "name", "required field is missing");
    }

    @Test
    void should_name_the_file_name_when_the_pipeline_name_differs() throws IOException {
        Path file = write("chat.yaml", """
                name: voice-chat
                description: Chat
                input: text
                output: text
                stages:
                  - type: agent
                """);

        assertFails(file, 1, 1, "name", "must equal the file name 'chat', got 'voice-chat'");
    }

    @Test
    void should_reject_the_name_when_it_has_upper_case_letters() throws IOException {
        Path file = write("Chat.yaml", """
                name: Chat
                description: Chat
                input: text
                output: text
                stages:
                  - type: agent
                """);

        assertFails(file, 1, 1, "name", "expected lower-case letters, digits and '-', got 'Chat'");
    }

    @Test
    void should_report_the_position_when_the_yaml_syntax_is_invalid() throws IOException {
        Path file = write("chat.yaml", """
                name: chat
                description: Chat
                input: text
                output: text
                stages: [agent
                """);

        DefinitionException e = catchThrowableOfType(DefinitionException.class, () -> PipelineLoader.load(file));

        assertThat(e.getMessage()).startsWith(file + ":6:1: not valid YAML: ");
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.field()).isEmpty();
    }

    @Test
    void should_point_at_the_second_occurrence_when_a_key_is_duplicated() throws IOException {
        Path file = write("chat.yaml", pipeline("""
                  - type: agent
                  - type: tts
                    speed: 1.2
                    speed: 1.4
                """));

        assertFails(file, 9, 5, "stages[1].speed", "duplicate key 'speed'");
    }

    @Test
    void should_require_the_target_language_when_a_translate_stage_omits_it() throws IOException {
        Path file = write("chat.yaml", pipeline("""
                  - type: translate
                    source-language: zh
                  - type: tts
                """));

        assertFails(file, 6, 5, "stages[0].target-language", "required field is missing");
    }

    @Test
    void should_describe_language_codes_when_the_target_language_is_malformed() throws IOException {
        Path file = write("chat.yaml", pipeline("""
                  - type: translate
                    target-language: English
                  - type: tts
                """));

        assertFails(file, 7, 5, "stages[0].target-language",
                "expected a language code like en, zh, yue or pt-BR, got 'English'");
    }

    @Test
    void should_reject_the_overlap_when_it_is_not_smaller_than_the_chunk() throws IOException {
        Path file = write("read.yaml", """
                name: read
                description: Read
                input: document
                output: text
                stages:
                  - type: document
                    chunk-size: 200
                    chunk-overlap: 200
                """);

        assertFails(file, 8, 5, "stages[0].chunk-overlap", "chunk-overlap (200) must be smaller than chunk-size (200)");
    }

    @Test
    void should_require_a_stage_when_the_list_is_empty() throws IOException {
        Path file = write("chat.yaml", """
                name: chat
                description: Chat
                input: text
                output: text
                stages: []
                """);

        assertFails(file, 5, 1, "stages", "at least one stage is required");
    }

    @Test
    void should_list_the_allowed_media_when_the_output_is_a_document() throws IOException {
        Path file = write("chat.yaml", """
                name: chat
                description: Chat
                input: text
                output: document
                stages:
                  - type: agent
                """);

        assertFails(file, 4, 1, "output", "expected one of audio, text, image, got 'document'");
    }

    @Test
    void should_accept_ocr_page_counts_when_given_a_number_or_all() throws IOException {
        Path file = write("scan.yaml", """
                name: scan
                description: Scan
                input: image
                output: text
                stages:
                  - type: ocr
                    pages: 3
                  - type: agent
                """);

        PipelineDefinition scan = PipelineLoader.load(file);

        assertThat(scan.stages().get(0).value("pages")).contains(3L);
        assertThat(scan.stages().get(0).text("mode")).contains("plain");
    }

    /** A text-to-audio pipeline named {@code chat} around the given stage lines; stages start on line 6. */
    private static String pipeline(String stages) {
        return """
                name: chat
                description: Chat
                input: text
                output: audio
                stages:
                """ + stages;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static void assertFails(Path file, int line, int column, String field, String problem) {
        assertThatThrownBy(() -> PipelineLoader.load(file))
                .isInstanceOfSatisfying(DefinitionException.class, e -> {
                    assertThat(e).hasMessage(file + ":" + line + ":" + column + ": " + field + ": " + problem);
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.field()).isEqualTo(field);
                });
    }

    private static List<StageType> stageTypes(PipelineDefinition pipeline) {
        return pipeline.stages().stream().map(StageDefinition::type).toList();
    }
}
