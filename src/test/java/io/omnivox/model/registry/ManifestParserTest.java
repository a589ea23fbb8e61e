package io.omnivox.model.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.omnivox.model.registry.ModelManifest.Capability;
import io.omnivox.model.registry.ModelManifest.FileContract;
import io.omnivox.model.registry.ModelManifest.ModelFile;
import io.omnivox.model.registry.ModelManifest.TensorDecl;
import io.omnivox.yaml.DefinitionException;
import io.omnivox.yaml.YamlFiles;

/**
 * Manifests are written by hand, so every mistake must point at the file, line, column and field; and a valid one
 * must come out exactly as written, because the fetcher and the engines trust it blindly.
 */
class ManifestParserTest {

    private static final Path REPO_MODELS = Path.of("models");
    private static final String MODEL_SHA = "0123456789abcdef".repeat(4);
    private static final String CONFIG_SHA = "fedcba9876543210".repeat(4);

    /** A valid manifest; the line numbers in the failure tests below refer to it. */
    private static final String VALID = """
            name: tiny-vad
            capability: vad
            description: A tiny voice activity detector.
            license: MIT
            homepage: https://example.org/tiny-vad
            enabled: true
            files:
              - path: model.onnx
                url: https://example.org/tiny-vad/model.onnx
                sha256: %s
                size: 2048
              - path: config.json
                url: https://example.org/tiny-vad/config.json
                sha256: %s
                size: 64
            contract:
              - file: model.onnx
                inputs:
                  - name: audio
                    dtype: float32
                    shape: [1, T]
                outputs:
                  - name: speech_prob
                    dtype: float32
                    shape: [1, 1]
                metadata: [sample_rate]
            """.formatted(MODEL_SHA, CONFIG_SHA);

    @TempDir
    Path dir;

    @Test
    void should_read_every_field_when_the_manifest_is_valid() throws IOException {
        // given
        Path file = write("tiny-vad.yaml", VALID);

        // when
        ModelManifest manifest = ManifestParser.parse(file);

        // then
        assertThat(manifest.name()).isEqualTo("tiny-vad");
        assertThat(manifest.capability()).isEqualTo(Capability.VAD);
        assertThat(manifest.description()).isEqualTo("A tiny voice activity detector.");
        assertThat(manifest.license()).isEqualTo("MIT");
        assertThat(manifest.homepage()).isEqualTo("https://example.org/tiny-vad");
        assertThat(manifest.enabled()).isTrue();
        assertThat(manifest.files()).containsExactly(
                new ModelFile("model.onnx", Optional.of("https://example.org/tiny-vad/model.onnx"),
                        Optional.of(MODEL_SHA), Optional.of(2048L)),
                new ModelFile("config.json", Optional.of("https://example.org/tiny-vad/config.json"),
                        Optional.of(CONFIG_SHA), Optional.of(64L)));
        assertThat(manifest.contracts()).containsExactly(new FileContract("model.onnx",
                List.of(new TensorDecl("audio", "float32", List.of("1", "T"))),
                List.of(new TensorDecl("speech_prob", "float32", List.of("1", "1"))),
                List.of("sample_rate")));
        assertThat(manifest.exportRecipe()).isEmpty();
        assertThat(manifest.downloadSize()).isEqualTo(2048 + 64);
        assertThat(manifest.source()).isEqualTo(file);
    }

    @Test
    void should_default_to_disabled_and_accept_files_without_url_when_an_export_recipe_is_given() throws IOException {
        // given: no public ONNX export exists, so the file is produced locally
        Path file = write("tiny-tts.yml", """
                name: tiny-tts
                capability: TTS
                description: Exported by hand.
                license: Apache-2.0
                homepage: https://example.org/tiny-tts
                files:
                  - path: onnx/decoder.onnx
                export:
                  recipe: docs/export/tiny-tts.md
                """);

        // when
        ModelManifest manifest = ManifestParser.parse(file);

        // then
        assertThat(manifest.enabled()).isFalse();
        assertThat(manifest.capability()).isEqualTo(Capability.TTS);
        assertThat(manifest.files()).containsExactly(
                new ModelFile("onnx/decoder.onnx", Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(manifest.files().get(0).downloadable()).isFalse();
        assertThat(manifest.exportRecipe()).contains("docs/export/tiny-tts.md");
        assertThat(manifest.contracts()).isEmpty();
        assertThat(manifest.downloadSize()).isZero();
    }

    @Test
    void should_store_the_checksum_in_lowercase_when_written_in_uppercase() throws IOException {
        // given: checksums pasted from some tools are uppercase; comparison with the computed one is lowercase
        Path file = write("tiny-vad.yaml", VALID.replace("sha256: " + MODEL_SHA, "sha256: " + MODEL_SHA.toUpperCase()));

        // when
        ModelManifest manifest = ManifestParser.parse(file);

        // then
        assertThat(manifest.files().get(0).sha256()).contains(MODEL_SHA);
    }

    @Test
    void should_list_the_allowed_fields_when_a_top_level_field_is_unknown() throws IOException {
        // given: a typo of "enabled"
        Path file = write("tiny-vad.yaml", VALID.replace("enabled: true", "enabeld: true"));

        // when / then
        assertFails(file, 6, 1, "enabeld", "unknown field; allowed here: "
                + "capability, contract, description, enabled, export, files, homepage, license, name");
    }

    @Test
    void should_report_the_missing_field_when_a_required_field_is_absent() throws IOException {
        // given
        Path file = write("tiny-vad.yaml", VALID.replace("license: MIT\n", ""));

        // when / then
        assertFails(file, 1, 1, "license", "required field is missing");
    }

    @Test
    void should_reject_the_checksum_when_it_is_not_64_hex_digits() throws IOException {
        // given
        Path file = write("tiny-vad.yaml", VALID.replace("sha256: " + MODEL_SHA, "sha256: 12ab"));

        // when / then
        assertFails(file, 10, 5, "files[0].sha256", "must be 64 hexadecimal digits, got '12ab'");
    }

    @Test
    void should_reject_the_size_when_it_is_negative() throws IOException {
        // given
        Path file = write("tiny-vad.yaml", VALID.replace("size: 2048", "size: -5"));

        // when / then
        assertFails(file, 11, 5, "files[0].size", "must be a positive number of bytes, got -5");
    }

    @Test
    void should_list_the_capabilities_when_the_capability_is_unknown() throws IOException {
        // given
        Path file = write("tiny-vad.yaml", VALID.replace("capability: vad", "capability: teleport"));

        // when / then
        assertFails(file, 2, 1, "capability",
                "unknown capability 'teleport'; one of: asr, vad, ocr, tts, imagegen, llm, embedding");
    }

    @Test
    void should_list_the_dtypes_when_a_tensor_dtype_is_unknown() throws IOException {
        // given
        Path file = write("tiny-vad.yaml", VALID.replaceFirst("dtype: float32", "dtype: float8"));

        // when / then
        assertFails(file, 20, 9, "contract[0].inputs[0].dtype", "unknown dtype 'float8'; one of: "
                + "bfloat16, bool, float16, float32, float64, int16, int32, int64, int8, string, uint8");
    }

    @Test
    void should_name_the_expected_name_when_the_name_differs_from_the_file_name() throws IOException {
        // given: the manifest was copied to a new file and the name not updated
        Path file = write("other-vad.yaml", VALID);

        // when / then
        assertFails(file, 1, 1, "name", "must equal the file name 'other-vad', got 'tiny-vad'");
    }

    @Test
    void should_ask_for_an_export_recipe_when_a_file_has_no_url() throws IOException {
        // given: config.json without url, sha256 and size, and no export section
        Path file = write("tiny-vad.yaml", VALID.replace("""
                    url: https://example.org/tiny-vad/config.json
                    sha256: %s
                    size: 64
                """.formatted(CONFIG_SHA), ""));

        // when / then
        assertFails(file, 12, 5, "files[1]", "a file without url needs an export.recipe that explains how to produce it");
    }

    @Test
    void should_reject_the_contract_when_it_names_a_file_the_model_does_not_have() throws IOException {
        // given
        Path file = write("tiny-vad.yaml", VALID.replace("- file: model.onnx", "- file: encoder.onnx"));

        // when / then
        assertFails(file, 17, 5, "contract[0].file", "names no file of this model: 'encoder.onnx'");
    }

    @Test
    void should_point_at_the_syntax_error_when_the_yaml_is_invalid() throws IOException {
        // given: an unclosed flow sequence on line 21; the parser only notices at the ':' of "outputs:" below it
        Path file = write("tiny-vad.yaml", VALID.replace("shape: [1, T]", "shape: [1, T"));

        // when / then
        assertFails(file, 22, 12, "", "not valid YAML: expected ',' or ']', but got :");
    }

    @Test
    void should_name_both_files_when_two_manifests_define_the_same_model() throws IOException {
        // given: the same model as .yaml and .yml (the name must equal the file name, so only the extension differs)
        Path first = write("tiny-vad.yaml", VALID);
        Path second = write("tiny-vad.yml", VALID);

        // when / then
        assertThatThrownBy(() -> ModelRegistry.load(dir, dir.resolve("weights")))
                .isInstanceOfSatisfying(DefinitionException.class, e -> {
                    assertThat(e).hasMessage(second + ":1: name: model 'tiny-vad' is already defined in " + first);
                    assertThat(e.file()).isEqualTo(second);
                });
    }

    @Test
    void should_count_a_file_as_missing_until_it_has_the_declared_size() throws IOException {
        // given: the model file complete, config.json one byte short (e.g. a copy that was cut)
        write("tiny-vad.yaml", VALID);
        ModelRegistry registry = ModelRegistry.load(dir, dir.resolve("weights"));
        ModelManifest manifest = registry.require("tiny-vad");
        ModelFile model = manifest.files().get(0);
        ModelFile config = manifest.files().get(1);
        Files.createDirectories(registry.directory(manifest));
        Files.write(registry.path(manifest, model), new byte[2048]);
        Files.write(registry.path(manifest, config), new byte[63]);

        // when
        List<ModelFile> missingWhenShort = registry.missingFiles(manifest);
        boolean presentWhenShort = registry.isPresent(manifest);
        Files.write(registry.path(manifest, config), new byte[64]);
        List<ModelFile> missingWhenComplete = registry.missingFiles(manifest);

        // then
        assertThat(registry.path(manifest, config))
                .isEqualTo(dir.resolve("weights").toAbsolutePath().normalize().resolve("tiny-vad/config.json"));
        assertThat(missingWhenShort).containsExactly(config);
        assertThat(presentWhenShort).isFalse();
        assertThat(missingWhenComplete).isEmpty();
        assertThat(registry.isPresent(manifest)).isTrue();
    }

    @Test
    void should_report_every_file_missing_when_nothing_was_fetched() throws IOException {
        // given
        write("tiny-vad.yaml", VALID);
        ModelRegistry registry = ModelRegistry.load(dir, dir.resolve("weights"));
        ModelManifest manifest = registry.require("tiny-vad");

        // when
        List<ModelFile> missing = registry.missingFiles(manifest);

        // then
        assertThat(missing).isEqualTo(manifest.files());
        assertThat(registry.isPresent(manifest)).isFalse();
    }

    @Test
    void should_parse_every_manifest_when_reading_the_repository_models_directory(@TempDir Path weights) {
        // given: the shipped manifests, if this checkout has any yet
        List<Path> files = YamlFiles.list(REPO_MODELS);
        assumeFalse(files.isEmpty(), "no manifests under models/ yet");

        // when: loading them all also catches duplicate names across files
        ModelRegistry registry = ModelRegistry.load(REPO_MODELS, weights);

        // then
        assertThat(registry.all()).hasSameSizeAs(files);
        assertThat(registry.all()).allSatisfy(m -> assertThat(m.files()).isNotEmpty());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static void assertFails(Path file, int line, int column, String field, String problem) {
        String fieldPart = field.isEmpty() ? "" : field + ": ";
        assertThatThrownBy(() -> ManifestParser.parse(file))
                .isInstanceOfSatisfying(DefinitionException.class, e -> {
                    assertThat(e).hasMessage(file + ":" + line + ":" + column + ": " + fieldPart + problem);
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.field()).isEqualTo(field);
                });
    }
}
