package io.omnivox.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.omnivox.yaml.DefinitionException;

class PipelineCatalogTest {

    private static final String CHAT = """
            name: chat
            description: Chat
            input: text
            output: text
            stages:
              - type: agent
            """;

    @TempDir
    Path dir;

    @Test
    void should_find_pipelines_by_name_when_the_directory_holds_valid_files() {
        PipelineCatalog catalog = new PipelineCatalog(() -> Path.of("pipelines"));

        assertThat(catalog.all()).extracting(PipelineDefinition::name)
                .containsExactly("audiobook", "interactive-podcast", "podcast", "speech-translation",
                        "voice-chat");
        assertThat(catalog.find("podcast")).get().extracting(PipelineDefinition::input).isEqualTo(Media.DOCUMENT);
        assertThat(catalog.find("karaoke")).isEmpty();
    }

    @Test
    void should_load_no_pipelines_when_the_directory_is_missing() {
        PipelineCatalog catalog = new PipelineCatalog(() -> dir.resolve("absent"));

        assertThat(catalog.all()).isEmpty();
    }

    @Test
    void should_fail_with_the_file_and_line_when_a_file_is_invalid() throws IOException {
        Path file = Files.writeString(dir.resolve("chat.yaml"), CHAT.replace("type: agent", "type: agentt"));
        PipelineCatalog catalog = new PipelineCatalog(() -> dir);

        assertThatThrownBy(catalog::all).isInstanceOf(DefinitionException.class)
                .hasMessageStartingWith(file + ":6:5: stages[0].type: unknown stage type 'agentt'");
    }

    @Test
    void should_name_both_files_when_two_declare_the_same_pipeline() throws IOException {
        Path first = Files.writeString(dir.resolve("chat.yaml"), CHAT);
        Path second = Files.writeString(dir.resolve("chat.yml"), CHAT);

        assertThatThrownBy(() -> PipelineLoader.loadAll(dir)).isInstanceOf(DefinitionException.class)
                .hasMessage(second + ":1:1: name: pipeline 'chat' is already defined in " + first);
    }
}
