package io.omnivox.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Keeps pipelines/README.md honest: the parameter table in {@link StageType} is what users must find documented. */
class PipelineReadmeTest {

    @Test
    void should_document_every_stage_and_parameter_when_the_readme_is_read() throws IOException {
        String readme = Files.readString(Path.of("pipelines", "README.md"));

        for (StageType type : StageType.values()) {
            assertThat(readme).as("stage %s", type).contains("### `" + type.id() + "`");
            for (String parameter : type.parameters().keySet()) {
                assertThat(readme).as("parameter %s.%s", type, parameter).contains("| `" + parameter + "`");
            }
        }
    }
}
