package io.omnivox.document;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Document parsing limits. */
@ConfigMapping(prefix = "omnivox.documents")
public interface DocumentConfig {

    /** Largest upload, in bytes. */
    @WithDefault("52428800")
    long maxUploadBytes();

    /** Most pages a document may have. */
    @WithDefault("2000")
    int maxPages();

    /** Resolution at which pages without a text layer are rendered for OCR. */
    @WithDefault("200")
    int ocrDpi();
}
