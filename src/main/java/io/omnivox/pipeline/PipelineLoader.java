package io.omnivox.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.omnivox.yaml.DefinitionException;
import io.omnivox.yaml.YamlFiles;
import io.omnivox.yaml.YamlNode;

/**
 * Reads and validates pipeline files. Every problem is a {@link DefinitionException} naming the file, line, column and
 * field, e.g. {@code pipelines/voice-chat.yaml:7:5: stages[1].speed: expected a number between 0.5 and 2.0, got 'fast'}.
 */
public final class PipelineLoader {

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");
    private static final Set<String> FIELDS = Set.of("name", "description", "input", "output", "stages");

    private PipelineLoader() {
    }

    /** Loads every {@code *.yaml} / {@code *.yml} file in {@code dir}, by pipeline name; none if it is missing. */
    public static Map<String, PipelineDefinition> loadAll(Path dir) {
        Map<String, PipelineDefinition> pipelines = new LinkedHashMap<>();
        Map<String, Path> sources = new LinkedHashMap<>();
        for (Path file : YamlFiles.list(dir)) {
            YamlNode root = YamlFiles.read(file);
            PipelineDefinition pipeline = parse(file, root);
            Path first = sources.putIfAbsent(pipeline.name(), file);
            if (first != null) {
                // Names equal file names, so this is voice-chat.yaml next to voice-chat.yml: which one wins is unclear.
                throw root.require("name").fail("pipeline '" + pipeline.name() + "' is already defined in " + first);
            }
            pipelines.put(pipeline.name(), pipeline);
        }
        return Collections.unmodifiableMap(pipelines);
    }

    /** Loads and validates one pipeline file. */
    public static PipelineDefinition load(Path file) {
        return parse(file, YamlFiles.read(file));
    }

    private static PipelineDefinition parse(Path file, YamlNode root) {
        root.allowOnly(FIELDS);
        String name = name(file, root.require("name"));
        String description = root.require("description").asNonBlankString();
        Media input = Media.parse(root.require("input"), Media.INPUTS);
        Media output = Media.parse(root.require("output"), Media.OUTPUTS);
        List<StageDefinition> stages = stages(root.require("stages"), input, output);
        return new PipelineDefinition(name, description, input, output, stages);
    }

    /** The pipeline name; it must match the file name so that {@code find(name)} and the file are never confused. */
    private static String name(Path file, YamlNode node) {
        String name = node.asNonBlankString();
        if (!NAME.matcher(name).matches()) {
            throw node.fail("expected lower-case letters, digits and '-', got '" + name + "'");
        }
        String fileName = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (!name.equals(fileName)) {
            throw node.fail("must equal the file name '" + fileName + "', got '" + name + "'");
        }
        return name;
    }

    private static List<StageDefinition> stages(YamlNode node, Media input, Media output) {
        List<YamlNode> items = node.items();
        if (items.isEmpty()) {
            throw node.fail("at least one stage is required");
        }
        List<StageDefinition> stages = new ArrayList<>();
        Media flowing = input;
        for (YamlNode item : items) {
            StageDefinition stage = stage(item);
            checkTakes(item, stage.type(), flowing, stages.isEmpty() ? null : stages.getLast());
            flowing = stage.type().gives();
            stages.add(stage);
        }
        checkGives(items.getLast(), stages.getLast().type(), output);
        return stages;
    }

    private static StageDefinition stage(YamlNode node) {
        YamlNode typeNode = node.require(StageType.TYPE_FIELD);
        String id = typeNode.asNonBlankString();
        StageType type = StageType.byId(id).orElseThrow(
                () -> typeNode.fail("unknown stage type '" + id + "'; known types: " + StageType.ids()));
        node.allowOnly(allowedFields(type));
        Map<String, YamlNode> fields = node.entries();
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParameterSpec spec : type.parameters().values()) {
            YamlNode value = fields.get(spec.name());
            if (value != null) {
                values.put(spec.name(), spec.parse(value));
            } else if (spec.required()) {
                node.require(spec.name()); // throws "required field is missing" at the stage
            } else {
                spec.defaultValue().ifPresent(defaultValue -> values.put(spec.name(), defaultValue));
            }
        }
        type.checkTogether(values, node);
        return new StageDefinition(type, values);
    }

    private static Set<String> allowedFields(StageType type) {
        Set<String> allowed = new HashSet<>(type.parameters().keySet());
        allowed.add(StageType.TYPE_FIELD);
        return allowed;
    }

    /** The media must line up: a stage can only take what the previous stage (or the pipeline input) gives. */
    private static void checkTakes(YamlNode stage, StageType type, Media flowing, StageDefinition previous) {
        if (type.takes() == flowing) {
            return;
        }
        String source = previous == null
                ? "the pipeline input is " + flowing
                : "the previous stage '" + previous.type() + "' gives " + flowing;
        throw typeNode(stage).fail("stage '" + type + "' takes " + type.takes() + ", but " + source);
    }

    private static void checkGives(YamlNode stage, StageType type, Media output) {
        if (type.gives() != output) {
            throw typeNode(stage).fail("the last stage '" + type + "' gives " + type.gives()
                    + ", but the pipeline output is " + output);
        }
    }

    private static YamlNode typeNode(YamlNode stage) {
        return stage.require(StageType.TYPE_FIELD);
    }
}
