package io.omnivox.model.registry;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

import org.jboss.logging.Logger;

/**
 * An engine built from a registry model as soon as its weights are on disk: checked on every {@link #get()} until it
 * loads (so weights fetched after startup take over without a restart), then kept. A load failure is remembered and
 * reported instead of being retried on every request.
 *
 * @param <T> the engine type
 */
public final class LazyModel<T> {

    private static final Logger LOG = Logger.getLogger(LazyModel.class);

    private final ModelCatalog catalog;
    private final String model;
    private final Function<Path, T> loader;
    private volatile T loaded;
    private volatile String failure;

    /**
     * @param catalog the model registry
     * @param model   manifest name, e.g. {@code sensevoice-small}
     * @param loader  builds the engine from the model's directory; may throw
     */
    public LazyModel(ModelCatalog catalog, String model, Function<Path, T> loader) {
        this.catalog = catalog;
        this.model = model;
        this.loader = loader;
    }

    /** The engine, if its weights are present and it loaded. */
    public synchronized Optional<T> get() {
        if (loaded != null || failure != null) {
            return Optional.ofNullable(loaded);
        }
        Optional<ModelManifest> manifest = catalog.registry().find(model);
        if (manifest.isEmpty() || !catalog.registry().isPresent(manifest.get())) {
            return Optional.empty();
        }
        Path dir = catalog.registry().directory(manifest.get());
        try {
            loaded = loader.apply(dir);
            LOG.infof("Loaded %s from %s", model, dir);
        } catch (RuntimeException e) {
            failure = e.getMessage();
            LOG.warnf("Model %s is present in %s but failed to load: %s", model, dir, failure);
        }
        return Optional.ofNullable(loaded);
    }

    /** The engine if it has already loaded; never loads (for shutdown). */
    public Optional<T> loaded() {
        return Optional.ofNullable(loaded);
    }

    /** Why {@link #get()} is empty, in a sentence with what to do. */
    public String reason() {
        if (loaded != null) {
            return "";
        }
        return failure != null ? model + " failed to load: " + failure
                : model + " weights missing (models/fetch " + model + ")";
    }
}
