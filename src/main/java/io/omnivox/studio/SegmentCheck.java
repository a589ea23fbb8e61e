package io.omnivox.studio;

import java.util.Locale;

/**
 * Quality control of one synthesised segment, on the samples alone: it must not be silent (the engine said nothing)
 * nor clipped (a run of samples at full scale, heard as crackle).
 *
 * @param peak         the loudest sample, in [0, 1]
 * @param clippedRatio the share of samples at full scale
 */
record SegmentCheck(double peak, double clippedRatio) {

    /** Below this peak a segment is taken as silence. */
    static final double SILENT_PEAK = 0.01;
    /** More than this share of full-scale samples is clipping. */
    static final double MAX_CLIPPED = 0.001;

    static SegmentCheck of(float[] audio) {
        double peak = 0;
        long clipped = 0;
        for (float sample : audio) {
            double level = Math.abs(sample);
            peak = Math.max(peak, level);
            if (level >= 0.999) {
                clipped++;
            }
        }
        return new SegmentCheck(peak, audio.length == 0 ? 0 : (double) clipped / audio.length);
    }

    boolean silent() {
        return peak < SILENT_PEAK;
    }

    boolean clipped() {
        return clippedRatio > MAX_CLIPPED;
    }

    boolean passed() {
        return !silent() && !clipped();
    }

    String toJson() {
        return String.format(Locale.ROOT, "{\"peak\": %.4f, \"clipped_ratio\": %.5f, \"silent\": %b, \"clipped\": %b}",
                peak, clippedRatio, silent(), clipped());
    }
}
