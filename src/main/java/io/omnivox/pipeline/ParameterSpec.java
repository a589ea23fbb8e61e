package io.omnivox.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.omnivox.yaml.YamlNode;

/**
 * One parameter a {@link StageType} accepts: its name, what values are valid, and its documented default. Parsing
 * turns a YAML value into a typed Java value, or fails at the value's position saying what was expected:
 * {@code stages[3].speed: expected a number between 0.5 and 2.0, got 'fast'}.
 *
 * <p>Parsed values are {@link Double} (numbers), {@link Long} (whole numbers), {@link Boolean}, {@link String} (text,
 * choices, codes) or an immutable {@code List<String>}; a "whole number or keyword" parameter such as
 * {@code ocr.pages} gives the keyword as a {@link String} or the number as a {@link Long}.
 */
public final class ParameterSpec {

    // Strict decimal syntax: Double.parseDouble alone would also take "NaN", "Infinity" and "2f".
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern WHOLE = Pattern.compile("[-+]?\\d{1,18}");

    /** Turns a present, non-null YAML value into a typed value or fails at it. */
    @FunctionalInterface
    private interface Parser {
        Object parse(ParameterSpec spec, YamlNode node);
    }

    private final String name;
    private final String expected;
    private final Object defaultValue;
    private final boolean required;
    private final String description;
    private final Parser parser;

    private ParameterSpec(String name, String expected, Object defaultValue, boolean required, String description,
            Parser parser) {
        this.name = name;
        this.expected = expected;
        this.defaultValue = defaultValue;
        this.required = required;
        this.description = description;
        this.parser = parser;
    }

    /** A decimal number in {@code [min, max]}. */
    static ParameterSpec number(String name, double min, double max, double defaultValue, String description) {
        String expected = "a number between " + min + " and " + max;
        return new ParameterSpec(name, expected, defaultValue, false, description, (spec, node) -> {
            String text = spec.scalar(node);
            if (!DECIMAL.matcher(text).matches()) {
                throw spec.mismatch(node, text);
            }
            double value = Double.parseDouble(text);
            if (value < min || value > max) {
                throw spec.mismatch(node, text);
            }
            return value;
        });
    }

    /** A whole number in {@code [min, max]}. */
    static ParameterSpec integer(String name, long min, long max, long defaultValue, String description) {
        return integer(name, min, max, 1, defaultValue, description);
    }

    /** A whole number in {@code [min, max]} that is a multiple of {@code step} (image sizes must be). */
    static ParameterSpec integer(String name, long min, long max, long step, long defaultValue, String description) {
        String expected = "a whole number between " + min + " and " + max + (step > 1 ? " that is a multiple of " + step : "");
        return new ParameterSpec(name, expected, defaultValue, false, description,
                (spec, node) -> spec.wholeNumber(node, spec.scalar(node), min, max, step));
    }

    /** Either {@code keyword} or a whole number in {@code [min, max]}; defaults to the keyword. */
    static ParameterSpec integerOrKeyword(String name, String keyword, long min, long max, String description) {
        String expected = keyword + " or a whole number between " + min + " and " + max;
        return new ParameterSpec(name, expected, keyword, false, description, (spec, node) -> {
            String text = spec.scalar(node);
            return keyword.equals(text) ? keyword : spec.wholeNumber(node, text, min, max, 1);
        });
    }

    /** {@code true} or {@code false} (YAML's yes/no/on/off are accepted too). */
    static ParameterSpec flag(String name, boolean defaultValue, String description) {
        return new ParameterSpec(name, "true or false", defaultValue, false, description, (spec, node) -> {
            String text = spec.scalar(node);
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw spec.mismatch(node, text);
            };
        });
    }

    /** One of a fixed set of words. */
    static ParameterSpec choice(String name, String defaultValue, List<String> values, String description) {
        String expected = "one of " + String.join(", ", values);
        return new ParameterSpec(name, expected, defaultValue, false, description, (spec, node) -> {
            String text = spec.scalar(node);
            if (!values.contains(text)) {
                throw spec.mismatch(node, text);
            }
            return text;
        });
    }

    /** Free, non-empty text; {@code defaultValue} may be null for "not set". */
    static ParameterSpec text(String name, String defaultValue, String description) {
        return new ParameterSpec(name, "a non-empty string", defaultValue, false, description, (spec, node) -> {
            String text = spec.scalar(node);
            if (text.isEmpty()) {
                throw spec.mismatch(node, text);
            }
            return text;
        });
    }

    /** Text matching {@code pattern} (described to users as {@code expected}), or {@code keyword} if not null. */
    static ParameterSpec code(String name, Pattern pattern, String expected, String keyword, boolean required,
            String description) {
        String fullExpected = keyword == null ? expected : keyword + " or " + expected;
        return new ParameterSpec(name, fullExpected, keyword, required, description, (spec, node) -> {
            String text = spec.scalar(node);
            if (!text.equals(keyword) && !pattern.matcher(text).matches()) {
                throw spec.mismatch(node, text);
            }
            return text;
        });
    }

    /** A list of distinct non-empty strings, restricted to {@code allowed} unless it is empty; defaults to none. */
    static ParameterSpec list(String name, List<String> allowed, String description) {
        String expected = allowed.isEmpty() ? "a list of names" : "a list of: " + String.join(", ", allowed);
        return new ParameterSpec(name, expected, List.of(), false, description, (spec, node) -> {
            if (!node.isSequence()) {
                throw spec.mismatch(node, node.isScalar() ? node.asString().strip() : null);
            }
            return spec.distinctItems(node, allowed);
        });
    }

    /** The parameter's name as written in pipeline files, e.g. {@code end-of-speech-ms}. */
    public String name() {
        return name;
    }

    /** What values are accepted, in words, e.g. {@code a number between 0.5 and 2.0}. */
    public String expected() {
        return expected;
    }

    /** The value used when the file does not set this parameter; empty when it then stays unset. */
    public Optional<Object> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** Whether the file must set this parameter (such as {@code translate.target-language}). */
    public boolean required() {
        return required;
    }

    /** What the parameter does, for documentation. */
    public String description() {
        return description;
    }

    /** Parses a value written in a pipeline file, failing at {@code node} with what was expected. */
    public Object parse(YamlNode node) {
        if (node.isNull()) {
            // "speed:" with nothing after it is almost always an editing slip, so it is not silently the default.
            throw node.fail("expected " + expected + ", got nothing");
        }
        return parser.parse(this, node);
    }

    @Override
    public String toString() {
        return name + " (" + expected + (defaultValue == null ? "" : ", default " + defaultValue) + ")";
    }

    /** The stripped scalar text of {@code node}; a list or mapping where a single value belongs is a mismatch. */
    private String scalar(YamlNode node) {
        if (!node.isScalar()) {
            throw mismatch(node, null);
        }
        return node.asString().strip();
    }

    private Long wholeNumber(YamlNode node, String text, long min, long max, long step) {
        if (!WHOLE.matcher(text).matches()) {
            throw mismatch(node, text);
        }
        long value = Long.parseLong(text);
        if (value < min || value > max || value % step != 0) {
            throw mismatch(node, text);
        }
        return value;
    }

    private List<String> distinctItems(YamlNode list, List<String> allowed) {
        List<String> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (YamlNode item : list.items()) {
            String value = item.isScalar() && !item.isNull() ? item.asString().strip() : "";
            if (value.isEmpty() || (!allowed.isEmpty() && !allowed.contains(value))) {
                String itemExpected = allowed.isEmpty() ? "a non-empty name" : "one of " + String.join(", ", allowed);
                throw item.fail("expected " + itemExpected + ", got " + describe(item, value));
            }
            if (!seen.add(value)) {
                throw item.fail("'" + value + "' is listed more than once");
            }
            values.add(value);
        }
        return List.copyOf(values);
    }

    /** An error naming what was expected and what was found; {@code text} is null when the value is not a scalar. */
    private RuntimeException mismatch(YamlNode node, String text) {
        return node.fail("expected " + expected + ", got " + describe(node, text));
    }

    private static String describe(YamlNode node, String text) {
        if (node.isSequence()) {
            return "a list";
        }
        if (node.isMapping()) {
            return "a mapping";
        }
        if (node.isNull()) {
            return "nothing";
        }
        return "'" + text + "'";
    }
}
