package io.omnivox.ocr;

/**
 * Reads the text in an image (a photo, a screenshot, a rendered PDF page). Implementations are thread-safe.
 */
public interface TextRecognizer {

    /** The engine's name as health and responses report it, e.g. {@code tesseract}, {@code ppocr-v4-onnx}. */
    String engine();

    /**
     * Recognises the text of {@code request}'s image (or its region, or the inside of its colour frame), with line
     * boxes where the engine gives them.
     *
     * @throws ImageException when the request cannot be served from this image (e.g. no frame of the asked colour)
     */
    OcrResult recognize(OcrRequest request);
}
