package io.omnivox.document;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.omnivox.ocr.ImageLoader;
import io.omnivox.ocr.OcrRequest;
import io.omnivox.ocr.TextRecognizer;

/**
 * A picture of a page (a photo, a scan) read by the OCR engine used for scanned PDF pages: one page whose source is
 * OCR. The image is decoded through {@link ImageLoader}, which refuses decompression bombs before allocating pixels.
 */
public final class ImageParser {

    private final ImageLoader images;
    private final TextRecognizer ocr;

    public ImageParser(ImageLoader images, TextRecognizer ocr) {
        this.images = images;
        this.ocr = ocr;
    }

    public ParsedDocument parse(Path file, String fileName) throws IOException {
        BufferedImage image;
        try (InputStream in = Files.newInputStream(file)) {
            image = images.load(in);
        }
        String text = ocr.recognize(OcrRequest.plain(image)).text();
        DocumentBuilder builder = new DocumentBuilder(1).newPage(ParsedDocument.Source.OCR);
        TextCleaner.paragraphs(text).forEach(builder::paragraph);
        return builder.build(fileName, DocumentFormat.IMAGE.id());
    }
}
