package io.omnivox.yaml;

import java.nio.file.Path;

/**
 * A definition file (model manifest, pipeline) is invalid. The message always names the file, the line and column,
 * and the field, so a user can fix it without reading code: {@code pipelines/chat.yaml:7:5: stages[1].speed: ...}.
 */
public final class DefinitionException extends RuntimeException {

    private final Path file;
    private final int line;
    private final String field;

    public DefinitionException(Path file, int line, int column, String field, String problem) {
        super(format(file, line, column, field, problem));
        this.file = file;
        this.line = line;
        this.field = field;
    }

    private static String format(Path file, int line, int column, String field, String problem) {
        String where = file + ":" + line + (column > 0 ? ":" + column : "");
        return field == null || field.isEmpty() ? where + ": " + problem : where + ": " + field + ": " + problem;
    }

    /** The file that failed validation. */
    public Path file() {
        return file;
    }

    /** 1-based line of the offending node. */
    public int line() {
        return line;
    }

    /** Dotted path of the offending field, e.g. {@code stages[1].speed}; empty for the whole document. */
    public String field() {
        return field;
    }
}
