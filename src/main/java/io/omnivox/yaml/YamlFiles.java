package io.omnivox.yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** Reads YAML definition files into position-aware {@link YamlNode} trees. */
public final class YamlFiles {

    private YamlFiles() {
    }

    /** Parses one file; syntax errors become {@link DefinitionException}s with the file and line. */
    public static YamlNode read(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node root = new Yaml(options).compose(reader);
            if (root == null) {
                throw new DefinitionException(file, 1, 0, "", "the file is empty");
            }
            return new YamlNode(file, root, "");
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            int column = mark == null ? 0 : mark.getColumn() + 1;
            throw new DefinitionException(file, line, column, "", "not valid YAML: " + e.getProblem());
        } catch (IOException e) {
            throw new DefinitionException(file, 1, 0, "", "cannot be read: " + e.getMessage());
        }
    }

    /** The {@code *.yaml} and {@code *.yml} files directly inside {@code dir}, sorted by name. */
    public static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
