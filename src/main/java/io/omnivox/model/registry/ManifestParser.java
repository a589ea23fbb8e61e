package io.omnivox.model.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.omnivox.model.registry.ModelManifest.Capability;
import io.omnivox.model.registry.ModelManifest.FileContract;
import io.omnivox.model.registry.ModelManifest.ModelFile;
import io.omnivox.model.registry.ModelManifest.TensorDecl;
import io.omnivox.yaml.DefinitionException;
import io.omnivox.yaml.YamlFiles;
import io.omnivox.yaml.YamlNode;

/** Reads and validates one {@code models/NAME.yaml}; every error names the file, line and field. */
public final class ManifestParser {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> DTYPES = Set.of("float32", "float16", "bfloat16", "float64", "int8", "uint8",
            "int16", "int32", "int64", "bool", "string");
    private static final Set<String> TOP_LEVEL = Set.of("name", "capability", "description", "license", "homepage",
            "enabled", "files", "contract", "export");

    private ManifestParser() {
    }

    /** Parses {@code file}; throws {@link DefinitionException} at the first problem. */
    public static ModelManifest parse(Path file) {
        YamlNode root = YamlFiles.read(file);
        root.allowOnly(TOP_LEVEL);
        YamlNode nameNode = root.require("name");
        String name = nameNode.asNonBlankString();
        if (!NAME.matcher(name).matches()) {
            throw nameNode.fail("must be lowercase letters, digits, dots and dashes, got '" + name + "'");
        }
        String expected = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (!name.equals(expected)) {
            throw nameNode.fail("must equal the file name '" + expected + "', got '" + name + "'");
        }
        Optional<String> recipe = root.get("export").map(e -> {
            e.allowOnly(Set.of("recipe"));
            return e.require("recipe").asNonBlankString();
        });
        List<ModelFile> files = root.require("files").items().stream().map(f -> file(f, recipe.isPresent())).toList();
        if (files.isEmpty()) {
            throw root.require("files").fail("a model needs at least one file");
        }
        List<FileContract> contracts = root.get("contract").map(c -> c.items().stream()
                .map(item -> contract(item, files)).toList()).orElse(List.of());
        return new ModelManifest(name, capability(root.require("capability")),
                root.require("description").asNonBlankString(), root.require("license").asNonBlankString(),
                root.require("homepage").asNonBlankString(),
                root.get("enabled").map(YamlNode::asBoolean).orElse(false), files, contracts, recipe, file);
    }

    private static Capability capability(YamlNode node) {
        String value = node.asNonBlankString();
        try {
            return Capability.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw node.fail("unknown capability '" + value + "'; one of: "
                    + String.join(", ", List.of(Capability.values()).stream()
                            .map(c -> c.name().toLowerCase(Locale.ROOT)).toList()));
        }
    }

    private static ModelFile file(YamlNode node, boolean hasRecipe) {
        node.allowOnly(Set.of("path", "url", "sha256", "size"));
        YamlNode pathNode = node.require("path");
        String path = pathNode.asNonBlankString();
        if (path.startsWith("/") || List.of(path.split("/")).contains("..")) {
            throw pathNode.fail("must be a relative path inside the model's directory, got '" + path + "'");
        }
        Optional<String> url = node.get("url").map(YamlNode::asNonBlankString);
        if (url.isEmpty()) {
            if (!hasRecipe) {
                throw node.fail("a file without url needs an export.recipe that explains how to produce it");
            }
            return new ModelFile(path, url, Optional.empty(), Optional.empty());
        }
        if (!url.get().startsWith("https://") && !url.get().startsWith("http://")) {
            throw node.require("url").fail("must be an http(s) URL, got '" + url.get() + "'");
        }
        YamlNode shaNode = node.require("sha256");
        String sha = shaNode.asNonBlankString().toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(sha).matches()) {
            throw shaNode.fail("must be 64 hexadecimal digits, got '" + shaNode.asString() + "'");
        }
        YamlNode sizeNode = node.require("size");
        long size = sizeNode.asLong();
        if (size <= 0) {
            throw sizeNode.fail("must be a positive number of bytes, got " + size);
        }
        return new ModelFile(path, url, Optional.of(sha), Optional.of(size));
    }

    private static FileContract contract(YamlNode node, List<ModelFile> files) {
        node.allowOnly(Set.of("file", "inputs", "outputs", "metadata"));
        YamlNode fileNode = node.require("file");
        String file = fileNode.asNonBlankString();
        if (files.stream().noneMatch(f -> f.path().equals(file))) {
            throw fileNode.fail("names no file of this model: '" + file + "'");
        }
        List<TensorDecl> inputs = node.require("inputs").items().stream().map(ManifestParser::tensor).toList();
        List<TensorDecl> outputs = node.require("outputs").items().stream().map(ManifestParser::tensor).toList();
        List<String> metadata = node.get("metadata").map(YamlNode::asStringList).orElse(List.of());
        return new FileContract(file, inputs, outputs, metadata);
    }

    private static TensorDecl tensor(YamlNode node) {
        node.allowOnly(Set.of("name", "dtype", "shape"));
        YamlNode dtypeNode = node.require("dtype");
        String dtype = dtypeNode.asNonBlankString();
        if (!DTYPES.contains(dtype)) {
            throw dtypeNode.fail("unknown dtype '" + dtype + "'; one of: " + String.join(", ", DTYPES.stream().sorted().toList()));
        }
        List<String> shape = node.get("shape").map(s -> s.items().stream().map(YamlNode::asNonBlankString).toList())
                .orElse(List.of());
        return new TensorDecl(node.require("name").asNonBlankString(), dtype, shape);
    }
}
