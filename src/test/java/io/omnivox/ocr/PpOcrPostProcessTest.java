package io.omnivox.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** DB post-processing and reading order of {@link PpOcrRecognizer}, on synthetic maps (no models needed). */
class PpOcrPostProcessTest {

    static float[] map(int w, int h, int[][] rects, float value) {
        float[] m = new float[w * h];
        for (int[] r : rects) {
            for (int y = r[1]; y < r[1] + r[3]; y++) {
                for (int x = r[0]; x < r[0] + r[2]; x++) {
                    m[y * w + x] = value;
                }
            }
        }
        return m;
    }

    @Test
    void unclipsEachComponentByAreaTimesRatioOverPerimeter() {
        // A 40x10 region: offset = 400 * 1.6 / 100 = 6.4 on each side.
        float[] m = map(64, 32, new int[][] { { 10, 10, 40, 10 } }, 0.9f);
        List<Box> boxes = PpOcrRecognizer.boxesFromMap(m, 64, 32, 1, 1, 64, 32);
        assertEquals(List.of(new Box(3, 3, 54, 24)), boxes);
    }

    @Test
    void scalesToTheOriginalImageAndClamps() {
        float[] m = map(64, 32, new int[][] { { 10, 10, 40, 10 } }, 0.9f);
        List<Box> boxes = PpOcrRecognizer.boxesFromMap(m, 64, 32, 2, 2, 110, 60);
        assertEquals(List.of(new Box(7, 7, 103, 46)), boxes);
    }

    @Test
    void dropsWeakTinyAndSeparatesComponents() {
        float[] m = map(64, 64, new int[][] { { 2, 2, 20, 8 }, { 30, 2, 20, 8 }, { 2, 40, 2, 2 } }, 0.9f);
        float[] weak = map(64, 64, new int[][] { { 2, 20, 30, 8 } }, 0.4f);
        for (int i = 0; i < m.length; i++) {
            m[i] = Math.max(m[i], weak[i]);
        }
        List<Box> boxes = PpOcrRecognizer.boxesFromMap(m, 64, 64, 1, 1, 64, 64);
        assertEquals(2, boxes.size(), boxes::toString);
        assertTrue(boxes.stream().allMatch(b -> b.y() < 10), boxes::toString);
    }

    @Test
    void blankMapHasNoBoxes() {
        assertTrue(PpOcrRecognizer.boxesFromMap(new float[32 * 32], 32, 32, 1, 1, 32, 32).isEmpty());
    }

    @Test
    void readingOrderIsTopToBottomThenLeftToRightWithinARow() {
        OcrLine right = new OcrLine("b", new Box(200, 12, 80, 30), 1);
        OcrLine left = new OcrLine("a", new Box(10, 15, 80, 30), 1);
        OcrLine below = new OcrLine("c", new Box(5, 60, 80, 30), 1);
        List<OcrLine> sorted = PpOcrRecognizer.readingOrder(List.of(below, right, left));
        assertEquals(List.of("a", "b", "c"), sorted.stream().map(OcrLine::text).toList());
    }
}
