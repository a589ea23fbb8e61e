package io.omnivox.audio.vad;

/**
 * A model-free fallback for when Silero's weights are absent: frame energy against an adaptive noise floor, turned into
 * a pseudo-probability and segmented with the same {@link VadOptions} rules (hysteresis, minimum speech and silence,
 * padding, maximum length). It tells loud from quiet, not speech from noise: bursts of non-stationary noise (a door, a
 * cough, music) and backgrounds that swell by several dB within a second count as speech.
 *
 * <p>Each 30 ms frame is high-passed (to ignore DC offset, rumble and mains hum), its energy taken in dBFS and compared
 * with the noise floor. The floor starts at the first frame's level, drops at once to any quieter frame and otherwise
 * rises slowly, so it settles on the background between words without swallowing long sentences; a background that
 * jumps to a new steady level is adopted once it has stayed steady for 0.3 s (speech is never that steady). A stream
 * that starts in the middle of speech misses that speech up to its first pause.
 *
 * <p>Thread-safe: each {@link #open()} (and each {@link #detect}) keeps its own floor.
 */
public final class EnergyVad implements VoiceActivityDetector {

    /** Samples per frame: 30 ms at 16 kHz, the usual VAD frame, short enough to resolve word boundaries. */
    public static final int FRAME = 480;

    /**
     * Frames this much louder than the floor (in dB) score 0.5, the default threshold. Stationary noise stays within
     * 1-2 dB of the floor, speech in a usable recording peaks 15 dB or more above it; 8 dB keeps the quiet words of
     * speech 10 dB above white noise.
     */
    static final double SNR_MIDPOINT_DB = 8;
    /**
     * dB per unit of logit: the default release threshold 0.35 sits 1.2 dB below the midpoint (hysteresis), and frames
     * within 4 dB of the floor score under 0.12.
     */
    static final double SNR_SLOPE_DB = 2;
    /**
     * The floor never goes below this (dBFS): digital silence would otherwise put it at minus infinity and make any
     * faint hiss count as speech. Speech must reach {@code -60 + 8 = -52} dBFS, far below normal speech levels
     * (-20 to -35 dBFS).
     */
    static final double MIN_FLOOR_DB = -60;
    /**
     * How fast the floor rises toward louder frames: 0.06 dB per 30 ms frame, 2 dB per second. A sentence of a few
     * seconds lifts it only a few dB, while a background that got 10 dB louder is learned in about five seconds.
     */
    static final double FLOOR_RISE_DB_PER_FRAME = 0.06;
    /** Frames (0.3 s) over which a background must stay steady to be adopted as the floor at once. */
    static final int STEADY_FRAMES = 10;
    /**
     * A background is steady when its frame levels stay within this range (dB): white noise varies by about 1 dB from
     * frame to frame, speech by 10 dB or more between syllables (about 4 per second).
     */
    static final double STEADY_RANGE_DB = 2;
    /**
     * One-pole DC blocker coefficient: cut-off about (1 − 0.96) × 16000 / 2π ≈ 100 Hz, below the voice's fundamental
     * for most speakers, above mains hum.
     */
    static final double HIGH_PASS_POLE = 0.96;
    /** Added to the mean square so silent frames have a finite level (-100 dBFS). */
    private static final double ENERGY_EPSILON = 1e-10;

    private final VadOptions options;

    /** An energy detector with the given segmentation rules. */
    public EnergyVad(VadOptions options) {
        this.options = options;
        // Fails now, not on the first stream, when the options cannot work with 30 ms frames.
        new SpeechSegmenter(options, FRAME, SAMPLE_RATE);
    }

    /** The options segments are made with. */
    public VadOptions options() {
        return options;
    }

    @Override
    public VadStream open() {
        return new WindowedVadStream(new Scorer(), options, FRAME);
    }

    /** Pseudo-probability from the frame's level above the noise floor. */
    static double probability(double snrDb) {
        return 1 / (1 + Math.exp(-(snrDb - SNR_MIDPOINT_DB) / SNR_SLOPE_DB));
    }

    /** One stream's filter memory and noise floor. */
    private static final class Scorer implements WindowedVadStream.WindowScorer {

        private double previousIn;
        private double previousOut;
        private double floorDb = Double.NaN;
        private final double[] recent = new double[STEADY_FRAMES];
        private long frames;

        @Override
        public float score(float[] frame) {
            double sum = 0;
            for (float x : frame) {
                double y = x - previousIn + HIGH_PASS_POLE * previousOut;
                previousIn = x;
                previousOut = y;
                sum += y * y;
            }
            double levelDb = 10 * Math.log10(sum / frame.length + ENERGY_EPSILON);
            if (Double.isNaN(floorDb)) {
                floorDb = Math.max(levelDb, MIN_FLOOR_DB);
            }
            double snrDb = levelDb - floorDb;
            if (levelDb < floorDb) {
                floorDb = Math.max(levelDb, MIN_FLOOR_DB);
            } else {
                floorDb = Math.min(levelDb, floorDb + FLOOR_RISE_DB_PER_FRAME);
            }
            recent[(int) (frames++ % STEADY_FRAMES)] = levelDb;
            if (frames >= STEADY_FRAMES) {
                double low = Double.POSITIVE_INFINITY;
                double high = Double.NEGATIVE_INFINITY;
                for (double level : recent) {
                    low = Math.min(low, level);
                    high = Math.max(high, level);
                }
                if (high - low < STEADY_RANGE_DB) {
                    floorDb = Math.max(floorDb, low);
                }
            }
            return (float) probability(snrDb);
        }
    }
}
