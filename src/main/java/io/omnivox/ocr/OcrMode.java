package io.omnivox.ocr;

/** What kind of output is wanted. */
public enum OcrMode {
    /** Plain text, lines in reading order. */
    PLAIN,
    /** Formatted: Markdown with tables and LaTeX where the engine can (GOT-OCR); others fall back to plain. */
    FORMAT
}
