package io.omnivox.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.omnivox.yaml.DefinitionException;
import io.quarkus.runtime.StartupEvent;

/**
 * The pipelines declared in {@link PipelineConfig#dir()}, loaded and validated once at application startup. An invalid
 * file throws a {@link DefinitionException} from the startup observer, so the application does not start and the log
 * names the file, line and field.
 */
@ApplicationScoped
public class PipelineCatalog {

    private static final Logger LOG = Logger.getLogger(PipelineCatalog.class);

    private final Path dir;
    private volatile Map<String, PipelineDefinition> pipelines;

    @Inject
    public PipelineCatalog(PipelineConfig config) {
        // Loading waits for startup (or first use): a constructor exception would reach the log wrapped by CDI.
        this.dir = config.dir();
    }

    /** Loads eagerly so that a broken file fails startup rather than the first request that needs a pipeline. */
    void onStartup(@Observes StartupEvent event) {
        loaded();
    }

    /** All pipelines, ordered by file name. */
    public List<PipelineDefinition> all() {
        return List.copyOf(loaded().values());
    }

    /** The pipeline called {@code name}, if one is declared. */
    public Optional<PipelineDefinition> find(String name) {
        return Optional.ofNullable(loaded().get(name));
    }

    private Map<String, PipelineDefinition> loaded() {
        Map<String, PipelineDefinition> current = pipelines;
        if (current == null) {
            synchronized (this) {
                current = pipelines;
                if (current == null) {
                    current = load();
                    pipelines = current;
                }
            }
        }
        return current;
    }

    private Map<String, PipelineDefinition> load() {
        if (!Files.isDirectory(dir)) {
            LOG.warnf("Pipeline directory %s does not exist; no pipelines are available", dir.toAbsolutePath());
            return Map.of();
        }
        try {
            Map<String, PipelineDefinition> loaded = PipelineLoader.loadAll(dir);
            LOG.infof("Loaded %d pipeline(s) from %s: %s", loaded.size(), dir, String.join(", ", loaded.keySet()));
            return loaded;
        } catch (DefinitionException e) {
            // Logged here as one clear line; the startup failure that follows repeats it inside a stack trace.
            LOG.errorf("Invalid pipeline definition: %s", e.getMessage());
            throw e;
        }
    }
}
