package io.omnivox.document;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Document parsing limits. */
@ConfigMapping(prefix = "omnivox.documents")
public interface DocumentConfig {

    /** Largest upload, in bytes. */
    @WithDefault("52428800")
    long maxUploadBytes();

    /** Most pages a document may have (PDF pages, DOCX pages, slides, EPUB chapters). */
    @WithDefault("2000")
    int maxPages();

    /** Resolution at which pages without a text layer are rendered for OCR. */
    @WithDefault("200")
    int ocrDpi();

    /**
     * Most bytes one entry of a DOCX, PPTX or EPUB archive may unpack to (100 MiB): a zip bomb stops here instead of
     * filling memory.
     */
    @WithDefault("104857600")
    long maxEntryBytes();

    /** Most bytes all the entries read from one EPUB may unpack to together (200 MiB). */
    @WithDefault("209715200")
    long maxUnpackedBytes();

    /** Most entries a DOCX, PPTX or EPUB archive may hold. */
    @WithDefault("10000")
    int maxArchiveEntries();

    /**
     * Smallest compressed-to-unpacked size ratio accepted for DOCX and PPTX entries (0.01: an entry may unpack to at most
     * 100 times its compressed size); POI checks it while inflating, so a bomb is stopped after a few hundred KiB.
     */
    @WithDefault("0.01")
    double minInflateRatio();
}
