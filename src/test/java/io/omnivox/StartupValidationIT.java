package io.omnivox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An invalid pipeline or manifest stops the packaged app at startup with the file, line and field. */
class StartupValidationIT {

    @Test
    void should_refuse_to_start_when_a_pipeline_is_invalid(@TempDir Path dir) throws Exception {
        Path pipelines = Files.createDirectories(dir.resolve("pipelines"));
        Files.writeString(pipelines.resolve("broken.yaml"), """
                name: broken
                description: speaks too fast
                input: text
                output: audio
                stages:
                  - type: tts
                    speed: fast
                """);

        try (AppProcess app = AppProcess.start(dir, "omnivox.pipelines.dir=" + pipelines)) {
            int exit = app.awaitExit(60);

            assertThat(exit).as(app.output()).isNotZero();
            assertThat(app.output()).contains("broken.yaml:7:5: stages[0].speed: expected a number");
        }
    }

    @Test
    void should_refuse_to_start_when_a_manifest_is_invalid(@TempDir Path dir) throws Exception {
        Path manifests = Files.createDirectories(dir.resolve("models"));
        Files.writeString(manifests.resolve("tiny.yaml"), """
                name: tiny
                capability: asr
                description: a model with a truncated checksum
                license: MIT
                homepage: https://example.org/tiny
                files:
                  - path: model.onnx
                    url: https://example.org/tiny/model.onnx
                    sha256: abc123
                    size: 10
                """);

        try (AppProcess app = AppProcess.start(dir, "omnivox.models.manifests=" + manifests)) {
            int exit = app.awaitExit(60);

            assertThat(exit).as(app.output()).isNotZero();
            assertThat(app.output()).contains("tiny.yaml:9:5: files[0].sha256: must be 64 hexadecimal digits");
        }
    }

    @Test
    void should_refuse_to_start_without_authentication_unless_it_listens_on_loopback_only(@TempDir Path dir)
            throws Exception {
        try (AppProcess app = AppProcess.start(dir, "omnivox.auth.enabled=false", "quarkus.http.host=0.0.0.0")) {
            int exit = app.awaitExit(60);

            assertThat(exit).as(app.output()).isNotZero();
            assertThat(app.output()).contains("omnivox.auth.enabled=false makes every request the administrator")
                    .contains("quarkus.http.host is 0.0.0.0");
        }
    }
}
