package io.omnivox.pipeline;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where declarative pipelines are read from ({@code omnivox.pipelines.*}). */
@ConfigMapping(prefix = "omnivox.pipelines")
public interface PipelineConfig {

    /**
     * Directory holding one {@code <name>.yaml} file per pipeline, relative to the working directory unless absolute.
     * Every file is validated at startup and an invalid one stops the application; a missing directory only logs a
     * warning and leaves no pipelines. Set with {@code omnivox.pipelines.dir} or {@code OMNIVOX_PIPELINES_DIR}.
     */
    @WithDefault("pipelines")
    Path dir();
}
