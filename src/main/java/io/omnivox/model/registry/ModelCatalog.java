package io.omnivox.model.registry;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * The application's view of the model registry: loads the manifests at startup (an invalid manifest stops startup
 * with its file, line and field), tracks each model's state, and fetches the enabled models' missing weights in the
 * background so the server is up at once and engines switch from fallback to ONNX when their weights land.
 */
@ApplicationScoped
public class ModelCatalog {

    private static final Logger LOG = Logger.getLogger(ModelCatalog.class);

    /** A model's state with a human-readable detail (e.g. why a fetch failed). */
    public record Status(ModelManifest manifest, ModelState state, String detail) {
    }

    private final ModelsConfig config;
    private final ModelRegistry registry;
    private final Map<String, Status> transientStates = new ConcurrentHashMap<>();
    private final ExecutorService fetcher = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "omnivox-model-fetch");
        thread.setDaemon(true);
        return thread;
    });

    public ModelCatalog(ModelsConfig config) {
        this.config = config;
        this.registry = ModelRegistry.load(config.manifests(), config.dir());
        LOG.infof("Model registry: %d manifests from %s, weights in %s", registry.all().size(),
                config.manifests().toAbsolutePath(), registry.weightsDir());
        List<String> unknown = enabledNames().stream().filter(n -> registry.find(n).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("omnivox.models.enabled names unknown models " + unknown
                    + "; known: " + registry.all().stream().map(ModelManifest::name).toList());
        }
    }

    void onStart(@Observes StartupEvent event) {
        if (config.fetchOnStartup()) {
            enabled().stream().filter(m -> state(m) == ModelState.MISSING).forEach(this::fetchInBackground);
        }
    }

    public ModelRegistry registry() {
        return registry;
    }

    /** Manifests of the models in use. */
    public List<ModelManifest> enabled() {
        Set<String> names = Set.copyOf(enabledNames());
        return registry.all().stream().filter(m -> names.contains(m.name())).toList();
    }

    /** Current status of every known model. */
    public List<Status> statuses() {
        return registry.all().stream().map(this::status).toList();
    }

    public Status status(ModelManifest manifest) {
        Status running = transientStates.get(manifest.name());
        if (running != null && !registry.isPresent(manifest)) {
            return running;
        }
        if (registry.isPresent(manifest)) {
            return new Status(manifest, ModelState.READY, registry.directory(manifest).toString());
        }
        boolean exportOnly = registry.missingFiles(manifest).stream().anyMatch(f -> !f.downloadable());
        return exportOnly
                ? new Status(manifest, ModelState.NEEDS_EXPORT, "see " + manifest.exportRecipe().orElse("its export recipe"))
                : new Status(manifest, ModelState.MISSING, "missing in " + registry.directory(manifest));
    }

    private ModelState state(ModelManifest manifest) {
        return status(manifest).state();
    }

    private void fetchInBackground(ModelManifest manifest) {
        transientStates.put(manifest.name(), new Status(manifest, ModelState.FETCHING, "download in progress"));
        fetcher.submit(() -> {
            try {
                ModelFetcher.withDefaults(new ConsoleProgressBar(System.out, false)).fetch(registry, manifest);
                transientStates.remove(manifest.name());
                LOG.infof("Model %s is ready", manifest.name());
            } catch (FetchException e) {
                transientStates.put(manifest.name(), new Status(manifest, ModelState.FAILED, e.getMessage()));
                LOG.warnf("Model %s not fetched: %s", manifest.name(), e.getMessage());
            }
        });
    }

    private List<String> enabledNames() {
        return config.enabled().orElseGet(() -> registry.all().stream().filter(ModelManifest::enabled)
                .map(ModelManifest::name).toList());
    }

    @PreDestroy
    void stop() {
        fetcher.shutdownNow();
    }
}
