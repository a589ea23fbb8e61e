package io.omnivox.model.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LazyModelTest {

    private static ModelCatalog catalog(Path root) throws Exception {
        Path manifests = Files.createDirectories(root.resolve("models"));
        Files.writeString(manifests.resolve("tiny.yaml"), """
                name: tiny
                capability: vad
                description: one small file
                license: MIT
                homepage: https://example.org
                files:
                  - path: tiny.bin
                    url: https://example.org/tiny.bin
                    sha256: 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
                    size: 5
                """);
        return new ModelCatalog(new ModelsConfig() {
            public Path manifests() {
                return manifests;
            }

            public Path dir() {
                return root.resolve("weights");
            }

            public Optional<List<String>> enabled() {
                return Optional.empty();
            }

            public boolean fetchOnStartup() {
                return false;
            }
        });
    }

    @Test
    void should_load_once_the_weights_appear(@TempDir Path root) throws Exception {
        AtomicInteger loads = new AtomicInteger();
        LazyModel<String> model = new LazyModel<>(catalog(root), "tiny", dir -> "engine#" + loads.incrementAndGet());

        assertThat(model.get()).isEmpty();
        assertThat(model.reason()).contains("weights missing", "models/fetch tiny");

        Files.createDirectories(root.resolve("weights/tiny"));
        Files.writeString(root.resolve("weights/tiny/tiny.bin"), "hello");

        assertThat(model.get()).contains("engine#1");
        assertThat(model.get()).contains("engine#1");
        assertThat(loads).hasValue(1);
    }

    @Test
    void should_remember_a_load_failure_instead_of_retrying(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("weights/tiny"));
        Files.writeString(root.resolve("weights/tiny/tiny.bin"), "hello");
        AtomicInteger attempts = new AtomicInteger();
        LazyModel<String> model = new LazyModel<>(catalog(root), "tiny", dir -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("not an ONNX file");
        });

        assertThat(model.get()).isEmpty();
        assertThat(model.get()).isEmpty();
        assertThat(attempts).hasValue(1);
        assertThat(model.reason()).contains("failed to load", "not an ONNX file");
    }
}
