package io.omnivox.document;

import java.util.regex.Pattern;

import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * What DOCX and PPTX parsing share: POI's zip bomb limits, and turning POI's failures into 4xx answers (a broken upload
 * is the caller's problem, never a 500).
 */
final class OoxmlSupport {

    private static final String BOMB = "Zip bomb detected";
    private static final String TOO_MANY_ENTRIES = "embeds more internal file entries than expected";
    /** {@code org.apache.poi.Foo(Exception|Error): } prefixes that wrapping exceptions put in front of the reason. */
    private static final Pattern CLASS_PREFIX = Pattern.compile("(?:[\\w$]+\\.)+[\\w$]*(?:Exception|Error):?\\s*");
    private static final int MAX_REASON_CHARS = 200;

    private OoxmlSupport() {
    }

    /**
     * Sets POI's archive limits from configuration. They are JVM-wide statics in POI, so the last configuration wins;
     * this service is the only POI user.
     */
    static void applyLimits(DocumentConfig config) {
        ZipSecureFile.setMinInflateRatio(config.minInflateRatio());
        ZipSecureFile.setMaxEntrySize(config.maxEntryBytes());
        ZipSecureFile.setMaxFileCount(config.maxArchiveEntries());
    }

    /** The 4xx for a failure while POI read a {@code kind} ("DOCX", "PPTX") file. */
    static DocumentException failure(Throwable failure, String kind) {
        if (failure instanceof DocumentException known) {
            return known;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains(BOMB) && message.contains("ratio")) {
                return new DocumentException(413, "document-unpacks-too-large", "The " + kind
                        + " unpacks to more than " + Math.round(1 / ZipSecureFile.getMinInflateRatio())
                        + " times its compressed size in one entry (a zip bomb?); that is the limit.");
            }
            if (message.contains(BOMB)) {
                return new DocumentException(413, "document-unpacks-too-large", "An entry of the " + kind
                        + " unpacks to more than " + ZipSecureFile.getMaxEntrySize() + " bytes; that is the limit.");
            }
            if (message.contains(TOO_MANY_ENTRIES)) {
                return new DocumentException(413, "document-unpacks-too-large", "The " + kind + " holds more than "
                        + ZipSecureFile.getMaxFileCount() + " entries; that is the limit.");
            }
        }
        return new DocumentException(400, "document-corrupt", "The " + kind + " could not be read: "
                + firstMessage(failure));
    }

    /** The first useful line of the failure, without Java class names (the caller needs the reason, not our stack). */
    private static String firstMessage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage() == null ? "" : cause.getMessage().lines().findFirst().orElse("");
            message = CLASS_PREFIX.matcher(message).replaceAll("").strip();
            if (!message.isEmpty()) {
                return message.length() > MAX_REASON_CHARS ? message.substring(0, MAX_REASON_CHARS) + "…" : message;
            }
        }
        return "it is not a valid archive";
    }
}
