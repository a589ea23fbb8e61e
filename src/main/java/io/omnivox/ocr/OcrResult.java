package io.omnivox.ocr;

import java.util.List;

/**
 * What was read.
 *
 * @param text   all text, lines joined with newlines and paragraphs with blank lines (Markdown in FORMAT mode)
 * @param lines  recognised lines with boxes, in reading order; empty when the engine gives no boxes
 * @param engine the engine that read it
 */
public record OcrResult(String text, List<OcrLine> lines, String engine) {

    public OcrResult {
        lines = List.copyOf(lines);
    }
}
