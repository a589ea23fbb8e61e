package io.omnivox.model.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where manifests and weights live, and what to fetch. */
@ConfigMapping(prefix = "omnivox.models")
public interface ModelsConfig {

    /** Default weights directory: the user's cache directory (XDG_CACHE_HOME, else ~/.cache). */
    String DEFAULT_DIR = "${XDG_CACHE_HOME:${user.home}/.cache}/omnivox/models";

    /** Directory of the model manifests ({@code models/*.yaml} in the repository). */
    @WithDefault("models")
    Path manifests();

    /** Directory that holds the weights, one sub-directory per model. Never inside the repository. */
    @WithDefault(DEFAULT_DIR)
    Path dir();

    /** Models to fetch and use; when unset, those whose manifest says {@code enabled: true}. */
    Optional<List<String>> enabled();

    /** Download missing weights of the enabled models in the background at startup. */
    @WithDefault("true")
    boolean fetchOnStartup();
}
