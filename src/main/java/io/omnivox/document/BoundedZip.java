package io.omnivox.document;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads entries of an uploaded ZIP under hard limits: how many entries it may hold, how many bytes one entry may unpack
 * to, and how many all the entries read may unpack to together. Sizes declared in the archive are not trusted; the
 * limits count bytes actually inflated, so a zip bomb costs at most the limit in memory and time.
 */
final class BoundedZip implements Closeable {

    private final ZipFile zip;
    private final String kind;
    private final long maxEntryBytes;
    private long budget;

    /**
     * @param kind what the archive is, for messages ("EPUB")
     */
    BoundedZip(Path file, String kind, int maxEntries, long maxEntryBytes, long maxTotalBytes) throws IOException {
        this.zip = new ZipFile(file.toFile());
        this.kind = kind;
        this.maxEntryBytes = maxEntryBytes;
        this.budget = maxTotalBytes;
        int entries = zip.size();
        if (entries > maxEntries) {
            zip.close();
            throw new DocumentException(413, "document-unpacks-too-large",
                    "The " + kind + " holds " + entries + " entries; the limit is " + maxEntries + ".");
        }
    }

    /** The entry's bytes, or empty when there is no such entry. */
    Optional<byte[]> read(String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null || entry.isDirectory()) {
            return Optional.empty();
        }
        long limit = Math.min(maxEntryBytes, budget);
        if (entry.getSize() > limit) {
            throw tooLarge(name, limit);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            // One byte past the limit tells "exactly at the limit" from "over it" without trusting the header.
            byte[] bytes = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > limit) {
                throw tooLarge(name, limit);
            }
            budget -= bytes.length;
            return Optional.of(bytes);
        }
    }

    private DocumentException tooLarge(String name, long limit) {
        String which = limit == maxEntryBytes ? "the limit of " + maxEntryBytes + " bytes per entry"
                : "the limit on all entries together (" + budget + " bytes left)";
        return new DocumentException(413, "document-unpacks-too-large", "The " + kind + " entry '" + name
                + "' unpacks to more than " + which + "; a zip bomb?");
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
