package io.omnivox.studio;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Studio jobs: where their files go and how many render at once. */
@ConfigMapping(prefix = "omnivox.studio")
public interface StudioConfig {

    /** Jobs' directories (segments, downloads), one per job. */
    @WithDefault("${omnivox.data-dir:data}/studio")
    Path dir();

    /** Jobs rendered at the same time; the rest wait in order (synthesis already uses every core). */
    @WithDefault("1")
    int workers();

    /** Jobs a user may have queued or running at once; more are refused with 429. */
    @WithDefault("5")
    int maxActivePerUser();
}
