package io.omnivox.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * A validated pipeline, as declared in {@code pipelines/<name>.yaml}: the media it takes and gives and the ordered
 * stages in between. Every stage takes what the previous one gives, the first takes {@link #input()} and the last
 * gives {@link #output()}.
 *
 * @param name        identifier, {@code [a-z0-9-]+}, equal to the file name without extension
 * @param description what the pipeline is for, shown to users
 * @param input       media the pipeline consumes
 * @param output      media the pipeline produces
 * @param stages      at least one stage, in processing order, immutable
 */
public record PipelineDefinition(String name, String description, Media input, Media output,
        List<StageDefinition> stages) {

    public PipelineDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("Pipeline " + name + " has no stages");
        }
    }
}
