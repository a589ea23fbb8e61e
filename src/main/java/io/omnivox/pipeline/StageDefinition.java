package io.omnivox.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One validated stage of a pipeline: its type and its parameter values, with every documented default filled in.
 * Parameters without a default (such as {@code agent.system-prompt}) are absent unless the file sets them. Value types
 * are those described on {@link ParameterSpec}.
 *
 * @param type       what the stage does
 * @param parameters parameter values by name, immutable, in the order of {@link StageType#parameters()}
 */
public record StageDefinition(StageType type, Map<String, Object> parameters) {

    public StageDefinition {
        Objects.requireNonNull(type, "type");
        // Keep the documented order for logs and diagnostics; Map.copyOf would shuffle it.
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        parameters.keySet().forEach(name -> spec(type, name));
    }

    /** The value of {@code name}, if set or defaulted. */
    public Optional<Object> value(String name) {
        spec(type, name);
        return Optional.ofNullable(parameters.get(name));
    }

    /** A text, choice or code parameter; empty when it has no default and is not set. */
    public Optional<String> text(String name) {
        return value(name).map(String.class::cast);
    }

    /** A whole-number parameter. */
    public long integer(String name) {
        return (Long) present(name);
    }

    /** A decimal parameter. */
    public double number(String name) {
        return (Double) present(name);
    }

    /** A true/false parameter. */
    public boolean flag(String name) {
        return (Boolean) present(name);
    }

    /** A list parameter; empty when not set. */
    @SuppressWarnings("unchecked")
    public List<String> list(String name) {
        return (List<String>) present(name);
    }

    private Object present(String name) {
        return value(name).orElseThrow(() -> new IllegalStateException(type + "." + name + " has no value"));
    }

    /** Typos in parameter names in Java code are bugs; fail loudly instead of returning "not set". */
    private static ParameterSpec spec(StageType type, String name) {
        ParameterSpec spec = type.parameters().get(name);
        if (spec == null) {
            throw new IllegalArgumentException(
                    "Stage type " + type + " has no parameter '" + name + "'; it has " + type.parameters().keySet());
        }
        return spec;
    }
}
