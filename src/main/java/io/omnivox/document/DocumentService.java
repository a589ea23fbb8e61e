package io.omnivox.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import io.omnivox.ocr.OcrEngines;
import io.omnivox.ocr.OcrRequest;

/** Parses uploaded documents into {@link ParsedDocument}s, recognising scanned pages with the OCR engine in use. */
@ApplicationScoped
public class DocumentService {

    private final DocumentConfig config;
    private final OcrEngines ocr;

    public DocumentService(DocumentConfig config, OcrEngines ocr) {
        this.config = config;
        this.ocr = ocr;
    }

    public ParsedDocument parse(InputStream upload, String fileName) throws IOException {
        PushbackInputStream in = new PushbackInputStream(upload, 8);
        byte[] head = in.readNBytes(5);
        in.unread(head);
        if (head.length == 0) {
            throw new DocumentException(400, "document-empty", "The uploaded document is empty.");
        }
        if (!new String(head, StandardCharsets.ISO_8859_1).equals("%PDF-")) {
            throw new DocumentException(415, "document-unsupported",
                    "Only PDF is parsed so far; DOCX, PPTX, HTML, Markdown and EPUB are on the way.");
        }
        PdfParser parser = new PdfParser(config.maxPages(), config.ocrDpi(), ocr.current()
                .<java.util.function.Function<java.awt.image.BufferedImage, String>>map(
                        engine -> image -> engine.recognize(OcrRequest.plain(image)).text())
                .orElse(null));
        return parser.parse(in, fileName);
    }
}
