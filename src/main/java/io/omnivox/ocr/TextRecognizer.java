package io.omnivox.ocr;

/**
 * Reads the text in an image (a photo, a screenshot, a rendered PDF page). Implementations are thread-safe.
 */
public interface TextRecognizer {

    /** The engine's name as health and responses report it, e.g. {@code tesseract}, {@code ppocr-v4-onnx}. */
    String engine();

    /** Recognises the text of {@code request}'s image (or its region), with line boxes where the engine gives them. */
    OcrResult recognize(OcrRequest request);
}
