package io.omnivox.model.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One model as {@code models/NAME.yaml} describes it: what it is for, where each file comes from and the I/O contract
 * of its ONNX files. Weights are never in the repository; {@link ModelFile}s say where to get them.
 *
 * @param name         unique id, equal to the manifest's file name
 * @param capability   what the model does
 * @param description  one or two sentences for people
 * @param license      licence of the weights
 * @param homepage     upstream page
 * @param enabled      fetched by default on first run
 * @param files        the files that make up the model
 * @param contracts    declared inputs/outputs/metadata of the ONNX files
 * @param exportRecipe where no public ONNX export exists: the document that explains how to produce the files
 * @param source       the manifest file it was read from
 */
public record ModelManifest(String name, Capability capability, String description, String license, String homepage,
        boolean enabled, List<ModelFile> files, List<FileContract> contracts, Optional<String> exportRecipe,
        Path source) {

    /** What a model is used for. */
    public enum Capability {
        ASR, VAD, OCR, TTS, IMAGEGEN, LLM, EMBEDDING
    }

    /**
     * One file of a model.
     *
     * @param path   relative path inside the model's directory
     * @param url    where to download it; empty for files produced by the export recipe
     * @param sha256 lowercase hex SHA-256, present whenever {@code url} is
     * @param size   size in bytes, present whenever {@code url} is
     */
    public record ModelFile(String path, Optional<String> url, Optional<String> sha256, Optional<Long> size) {

        public boolean downloadable() {
            return url.isPresent();
        }
    }

    /** A declared tensor: name, element type and shape with symbolic dimensions as written (e.g. {@code T+4}). */
    public record TensorDecl(String name, String dtype, List<String> shape) {
    }

    /** The contract of one ONNX file of the model. */
    public record FileContract(String file, List<TensorDecl> inputs, List<TensorDecl> outputs, List<String> metadata) {
    }

    /** Total declared size of the downloadable files, in bytes. */
    public long downloadSize() {
        return files.stream().flatMap(f -> f.size().stream()).mapToLong(Long::longValue).sum();
    }
}
