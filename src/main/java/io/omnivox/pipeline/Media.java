package io.omnivox.pipeline;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.omnivox.yaml.YamlNode;

/** The kind of data that flows into, between and out of pipeline stages. */
public enum Media {
    AUDIO, TEXT, IMAGE, DOCUMENT;

    /** Media a pipeline may take as its {@code input}. */
    public static final Set<Media> INPUTS = Set.copyOf(EnumSet.allOf(Media.class));

    /** Media a pipeline may give as its {@code output}: a document is only ever read, never produced. */
    public static final Set<Media> OUTPUTS = Set.copyOf(EnumSet.of(AUDIO, TEXT, IMAGE));

    /** The name used in pipeline files, e.g. {@code audio}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }

    /** Parses a media name, failing at {@code node} with the accepted names when it is not one of {@code allowed}. */
    static Media parse(YamlNode node, Set<Media> allowed) {
        String expected = "one of " + EnumSet.copyOf(allowed).stream().map(Media::id).collect(Collectors.joining(", "));
        if (!node.isScalar()) {
            throw node.fail("expected " + expected + ", got a " + (node.isSequence() ? "list" : "mapping"));
        }
        String value = node.asString().strip();
        for (Media media : allowed) {
            if (media.id().equals(value)) {
                return media;
            }
        }
        throw node.fail("expected " + expected + ", got '" + value + "'");
    }
}
