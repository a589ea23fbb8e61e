package io.omnivox.model.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import io.omnivox.model.registry.ModelManifest.ModelFile;
import io.omnivox.yaml.DefinitionException;
import io.omnivox.yaml.YamlFiles;

/**
 * The models Omnivox knows: every manifest under the manifests directory, and where each model's files live (one
 * sub-directory per model under the weights directory). Immutable after loading.
 */
public final class ModelRegistry {

    private final Map<String, ModelManifest> manifests;
    private final Path weightsDir;

    private ModelRegistry(Map<String, ModelManifest> manifests, Path weightsDir) {
        this.manifests = manifests;
        this.weightsDir = weightsDir;
    }

    /** Loads every {@code *.yaml} manifest in {@code manifestsDir}; fails at the first invalid one. */
    public static ModelRegistry load(Path manifestsDir, Path weightsDir) {
        Map<String, ModelManifest> manifests = new LinkedHashMap<>();
        for (Path file : YamlFiles.list(manifestsDir)) {
            ModelManifest manifest = ManifestParser.parse(file);
            ModelManifest clash = manifests.put(manifest.name(), manifest);
            if (clash != null) {
                throw new DefinitionException(file, 1, 0, "name",
                        "model '" + manifest.name() + "' is already defined in " + clash.source());
            }
        }
        return new ModelRegistry(Map.copyOf(manifests), weightsDir.toAbsolutePath().normalize());
    }

    /** All manifests, sorted by name. */
    public List<ModelManifest> all() {
        return manifests.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    public Optional<ModelManifest> find(String name) {
        return Optional.ofNullable(manifests.get(name));
    }

    /** The manifest called {@code name}; fails listing the known names. */
    public ModelManifest require(String name) {
        return find(name).orElseThrow(() -> new NoSuchElementException(
                "No model named '" + name + "'; known models: " + String.join(", ", manifests.keySet().stream().sorted().toList())));
    }

    /** Where weights are kept. */
    public Path weightsDir() {
        return weightsDir;
    }

    /** The directory holding one model's files. */
    public Path directory(ModelManifest manifest) {
        return weightsDir.resolve(manifest.name());
    }

    /** The local path of one of a model's files. */
    public Path path(ModelManifest manifest, ModelFile file) {
        return directory(manifest).resolve(file.path());
    }

    /** Files that are absent or whose size differs from the manifest. */
    public List<ModelFile> missingFiles(ModelManifest manifest) {
        return manifest.files().stream().filter(f -> !isPresent(path(manifest, f), f)).toList();
    }

    /** True when every file of the model is on disk with its declared size. */
    public boolean isPresent(ModelManifest manifest) {
        return missingFiles(manifest).isEmpty();
    }

    private static boolean isPresent(Path path, ModelFile file) {
        try {
            return Files.isRegularFile(path) && (file.size().isEmpty() || Files.size(path) == file.size().get());
        } catch (IOException e) {
            return false;
        }
    }
}
