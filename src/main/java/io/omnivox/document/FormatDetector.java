package io.omnivox.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Tells an upload's format from its content: magic bytes for PDF, images and ZIP; a ZIP's entries for DOCX, PPTX and
 * EPUB; a leading tag for HTML. Markdown and plain text have no signature, so there the file name's extension decides,
 * provided the content is UTF-8 text. The client's declared content type is not trusted.
 */
final class FormatDetector {

    /** Enough of the file for every signature below, and for an XML declaration and doctype before {@code <html>}. */
    private static final int HEAD_BYTES = 1024;
    /** Length of the EPUB {@code mimetype} entry's content, read with a margin for a stray newline. */
    private static final int MIMETYPE_BYTES = 64;
    private static final Pattern HTML_START = Pattern.compile(
            "^(?:<\\?xml[^>]*>\\s*)?(?:<!--.*?-->\\s*)*(?:<!doctype\\s+html|<html|<head|<body)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** DIB header sizes of the BMP variants; "BM" alone is too weak a signature (plenty of text starts with it). */
    private static final int[] BMP_HEADER_SIZES = {12, 40, 52, 56, 64, 108, 124};

    private FormatDetector() {
    }

    static DocumentFormat detect(Path file, String fileName) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD_BYTES);
        }
        if (head.length == 0) {
            throw new DocumentException(400, "document-empty", "The uploaded document is empty.");
        }
        if (startsWith(head, PdfPages.SIGNATURE)) {
            return DocumentFormat.PDF;
        }
        if (startsWith(head, "PK\u0003\u0004")) {
            return zip(file);
        }
        if (isImage(head)) {
            return DocumentFormat.IMAGE;
        }
        if (HTML_START.matcher(textHead(head)).find()) {
            // Any charset: jsoup finds it from the BOM or <meta charset>.
            return DocumentFormat.HTML;
        }
        String extension = extension(fileName);
        boolean textExtension = extension.equals("md") || extension.equals("markdown") || extension.equals("txt");
        if (textExtension && isText(file)) {
            return extension.equals("txt") ? DocumentFormat.TEXT : DocumentFormat.MARKDOWN;
        }
        throw unsupported("this file is none of them");
    }

    static DocumentException unsupported(String why) {
        return new DocumentException(415, "document-unsupported",
                "Supported documents: " + DocumentFormat.SUPPORTED + "; " + why + ".");
    }

    private static DocumentFormat zip(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("word/document.xml") != null) {
                return DocumentFormat.DOCX;
            }
            if (zip.getEntry("ppt/presentation.xml") != null) {
                return DocumentFormat.PPTX;
            }
            if (mimetype(zip).filter("application/epub+zip"::equals).isPresent()) {
                return DocumentFormat.EPUB;
            }
        } catch (ZipException e) {
            throw new DocumentException(400, "document-corrupt",
                    "The upload starts like a ZIP archive (DOCX, PPTX, EPUB) but cannot be opened as one: "
                            + e.getMessage() + ".");
        }
        throw unsupported("this ZIP archive is not a DOCX, PPTX or EPUB");
    }

    private static Optional<String> mimetype(ZipFile zip) throws IOException {
        ZipEntry entry = zip.getEntry("mimetype");
        if (entry == null) {
            return Optional.empty();
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return Optional.of(new String(in.readNBytes(MIMETYPE_BYTES), StandardCharsets.US_ASCII).strip());
        }
    }

    private static boolean isImage(byte[] head) {
        return startsWith(head, "\u0089PNG\r\n\u001a\n")
                || startsWith(head, "\u00ff\u00d8\u00ff")
                || startsWith(head, "GIF87a") || startsWith(head, "GIF89a")
                || startsWith(head, "II*\u0000") || startsWith(head, "MM\u0000*")
                || startsWith(head, "RIFF") && head.length >= 12
                        && new String(head, 8, 4, StandardCharsets.ISO_8859_1).equals("WEBP")
                || isBmp(head);
    }

    private static boolean isBmp(byte[] head) {
        if (!startsWith(head, "BM") || head.length < 18) {
            return false;
        }
        int dibSize = ByteBuffer.wrap(head, 14, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        for (int size : BMP_HEADER_SIZES) {
            if (dibSize == size) {
                return true;
            }
        }
        return false;
    }

    /** Valid UTF-8 without NUL characters: what a text upload must be. */
    private static boolean isText(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (byte b : bytes) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The head as text without a byte order mark and leading whitespace; a cut multi-byte character is harmless. */
    private static String textHead(byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        return (text.startsWith("\uFEFF") ? text.substring(1) : text).stripLeading();
    }

    private static String extension(String fileName) {
        if (fileName == null) {
            return "";
        }
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean startsWith(byte[] bytes, String signature) {
        if (bytes.length < signature.length()) {
            return false;
        }
        for (int i = 0; i < signature.length(); i++) {
            if ((bytes[i] & 0xff) != signature.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
