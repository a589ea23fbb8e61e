package io.omnivox.document;

/** {@link DocumentConfig} for unit tests: the documented defaults, with the archive limits adjustable. */
record TestConfig(int maxPages, long maxEntryBytes, long maxUnpackedBytes, int maxArchiveEntries)
        implements DocumentConfig {

    static TestConfig defaults() {
        return new TestConfig(2000, 104_857_600L, 209_715_200L, 10_000);
    }

    @Override
    public long maxUploadBytes() {
        return 52_428_800L;
    }

    @Override
    public int ocrDpi() {
        return 200;
    }

    @Override
    public double minInflateRatio() {
        return 0.01;
    }
}
