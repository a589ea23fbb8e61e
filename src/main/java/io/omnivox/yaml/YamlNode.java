package io.omnivox.yaml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node that remembers its file, its position and its dotted field path, so that every validation error can say
 * exactly where it is. Typed accessors throw {@link DefinitionException} with that location.
 */
public final class YamlNode {

    private final Path file;
    private final Node node;
    private final String path;
    /** Where errors about this node point: the node itself, or for a mapping value its key (see entries()). */
    private final Mark position;

    YamlNode(Path file, Node node, String path) {
        this(file, node, path, node.getStartMark());
    }

    private YamlNode(Path file, Node node, String path, Mark position) {
        this.file = file;
        this.node = node;
        this.path = path;
        this.position = position;
    }

    /** Dotted field path of this node ({@code ""} for the document root). */
    public String path() {
        return path;
    }

    /** 1-based line where this node starts; for a mapping value, the line of its key. */
    public int line() {
        return position.getLine() + 1;
    }

    /** 1-based column matching {@link #line()}. */
    public int column() {
        return position.getColumn() + 1;
    }

    /** Fails at this node's position. */
    public DefinitionException fail(String problem) {
        return new DefinitionException(file, line(), column(), path, problem);
    }

    public boolean isMapping() {
        return node instanceof MappingNode;
    }

    public boolean isSequence() {
        return node instanceof SequenceNode;
    }

    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    /**
     * The entries of a mapping, in file order; fails if this node is not a mapping or repeats a key. Each value reports
     * errors at its key, so {@code speed: fast} is blamed where {@code speed} is written, and a block list or mapping
     * on the following lines is blamed at the line that names it.
     */
    public Map<String, YamlNode> entries() {
        if (!(node instanceof MappingNode mapping)) {
            throw fail("expected a mapping (key: value pairs)");
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            YamlNode key = new YamlNode(file, tuple.getKeyNode(), path);
            String name = key.asString();
            YamlNode value = new YamlNode(file, tuple.getValueNode(), child(name), tuple.getKeyNode().getStartMark());
            if (entries.put(name, value) != null) {
                // Blame the second occurrence under its own path: that is the line the user has to delete.
                throw new YamlNode(file, tuple.getKeyNode(), child(name)).fail("duplicate key '" + name + "'");
            }
        }
        return entries;
    }

    /** Fails on the first key not in {@code allowed}, listing the allowed keys. */
    public void allowOnly(Set<String> allowed) {
        entries().forEach((key, value) -> {
            if (!allowed.contains(key)) {
                throw value.fail("unknown field; allowed here: " + String.join(", ", new TreeSet<>(allowed)));
            }
        });
    }

    /** The value under {@code key}, if present and not null. */
    public Optional<YamlNode> get(String key) {
        YamlNode value = entries().get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    /** The value under {@code key}; fails at this mapping when it is missing. */
    public YamlNode require(String key) {
        return get(key).orElseThrow(
                () -> new DefinitionException(file, line(), column(), child(key), "required field is missing"));
    }

    /** The items of a sequence; fails if this node is not a sequence. */
    public List<YamlNode> items() {
        if (!(node instanceof SequenceNode sequence)) {
            throw fail("expected a list");
        }
        List<YamlNode> items = new ArrayList<>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            items.add(new YamlNode(file, sequence.getValue().get(i), path + "[" + i + "]"));
        }
        return items;
    }

    public boolean isNull() {
        return node instanceof ScalarNode scalar && "tag:yaml.org,2002:null".equals(scalar.getTag().getValue());
    }

    /** The scalar text; fails for lists and mappings. */
    public String asString() {
        if (!(node instanceof ScalarNode scalar)) {
            throw fail("expected a single value, not a " + (isSequence() ? "list" : "mapping"));
        }
        return scalar.getValue();
    }

    /** A non-blank string. */
    public String asNonBlankString() {
        String value = asString();
        if (value.isBlank()) {
            throw fail("must not be empty");
        }
        return value.strip();
    }

    public long asLong() {
        try {
            return Long.parseLong(asString().strip());
        } catch (NumberFormatException e) {
            throw fail("expected a whole number, got '" + asString() + "'");
        }
    }

    public double asDouble() {
        try {
            return Double.parseDouble(asString().strip());
        } catch (NumberFormatException e) {
            throw fail("expected a number, got '" + asString() + "'");
        }
    }

    public boolean asBoolean() {
        return switch (asString().strip().toLowerCase()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw fail("expected true or false, got '" + asString() + "'");
        };
    }

    /** A list of non-blank strings. */
    public List<String> asStringList() {
        return items().stream().map(YamlNode::asNonBlankString).toList();
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
