package io.omnivox.document;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.omnivox.model.EngineUnavailableException;
import io.omnivox.ocr.ImageLoader;
import io.omnivox.ocr.OcrConfig;
import io.omnivox.ocr.OcrEngines;
import io.omnivox.ocr.OcrRequest;
import io.omnivox.ocr.TextRecognizer;

/**
 * Parses uploaded documents into {@link ParsedDocument}s: detects the format from the content, then hands the file to
 * that format's parser. Scanned PDF pages and images are read with the OCR engine in use.
 */
@ApplicationScoped
public class DocumentService {

    private final DocumentConfig config;
    private final OcrEngines ocr;
    private final ImageLoader images;

    public DocumentService(DocumentConfig config, OcrEngines ocr, OcrConfig ocrConfig) {
        this.config = config;
        this.ocr = ocr;
        this.images = new ImageLoader(ocrConfig.maxPixels());
        OoxmlSupport.applyLimits(config);
    }

    /**
     * The format of {@code file} by its content (and, for Markdown and text, its name), without parsing it: a cheap
     * check before accepting an upload for later parsing. Unsupported or unreadable files raise a
     * {@link DocumentException} (415 or 400).
     */
    public DocumentFormat detect(Path file, String fileName) throws IOException {
        return FormatDetector.detect(file, fileName);
    }

    /**
     * The document in {@code file}; {@code fileName} (the client's name for it) is the fallback title and tells
     * Markdown from plain text. Unusable files raise a {@link DocumentException} with a 4xx status.
     */
    /** An EPUB's cover image, when it has one. */
    public java.util.Optional<EpubParser.Cover> epubCover(Path file) {
        return new EpubParser(config).cover(file);
    }

    public ParsedDocument parse(Path file, String fileName) throws IOException {
        DocumentFormat format = FormatDetector.detect(file, fileName);
        int maxPages = config.maxPages();
        return switch (format) {
            case PDF -> new PdfParser(maxPages, config.ocrDpi(), pageReader()).parse(file, fileName);
            case DOCX -> new DocxParser(maxPages).parse(file, fileName);
            case PPTX -> new PptxParser(maxPages).parse(file, fileName);
            case EPUB -> new EpubParser(config).parse(file, fileName);
            case HTML -> new HtmlParser(maxPages).parse(file, fileName);
            case MARKDOWN -> new MarkdownParser(maxPages).parse(utf8(file), fileName);
            case TEXT -> new TextParser(maxPages).parse(utf8(file), fileName);
            case IMAGE -> new ImageParser(images, ocr.current()
                    .orElseThrow(() -> new EngineUnavailableException(ocr.unavailableReason())))
                    .parse(file, fileName);
        };
    }

    /** OCR for scanned PDF pages; null without an engine, and those pages stay empty rather than failing the PDF. */
    private Function<BufferedImage, String> pageReader() {
        return ocr.current().<Function<BufferedImage, String>>map(
                engine -> image -> engine.recognize(OcrRequest.plain(image)).text()).orElse(null);
    }

    private static String utf8(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
