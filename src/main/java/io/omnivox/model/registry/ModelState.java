package io.omnivox.model.registry;

/** Where a model's weights stand. */
public enum ModelState {
    /** Every file is on disk with its declared size. */
    READY("ready"),
    /** Files are missing; the engine uses its fallback. */
    MISSING("weights missing"),
    /** A download is in progress. */
    FETCHING("fetching"),
    /** The last download failed; the detail says why and what to do. */
    FAILED("fetch failed"),
    /** No public download exists: the files must be made with the export recipe. */
    NEEDS_EXPORT("needs export");

    private final String label;

    ModelState(String label) {
        this.label = label;
    }

    /** The words health and the UI show. */
    public String label() {
        return label;
    }
}
