package io.omnivox.audio;

import java.nio.charset.StandardCharsets;

/**
 * Audio container formats recognised by their first bytes. Probing before decoding lets non-audio uploads (images,
 * text, archives) fail fast with {@code NOT_AUDIO} instead of costing an ffmpeg process each.
 */
public enum AudioContainer {
    /** RIFF/WAVE: decoded natively by {@link WavCodec}. */
    WAV(false),
    /** MPEG audio (MP3), with an ID3v2 tag or starting at a frame header. */
    MP3(false),
    /** Raw AAC in ADTS frames. */
    AAC(false),
    FLAC(false),
    /** Ogg: Opus or Vorbis. */
    OGG(false),
    /** EBML: WebM or Matroska, e.g. Opus from a browser's MediaRecorder. */
    WEBM(false),
    /** ISO base media (M4A, MP4, MOV, 3GP): the index ("moov") is often at the end, so ffmpeg needs to seek. */
    MP4(true),
    AIFF(false),
    /** Apple Core Audio Format. */
    CAF(false),
    AMR(false),
    /** Sun/NeXT .au. */
    AU(false),
    /** None of the above. */
    UNKNOWN(false);

    /** How many leading bytes {@link #probe} wants to see (it copes with fewer). */
    public static final int PROBE_BYTES = 4096;

    private final boolean needsSeekableInput;

    AudioContainer(boolean needsSeekableInput) {
        this.needsSeekableInput = needsSeekableInput;
    }

    /** Whether the decoder must be able to seek (read from a file rather than a pipe). */
    public boolean needsSeekableInput() {
        return needsSeekableInput;
    }

    /** The container that {@code head} (the first {@code length} bytes of the input) starts with. */
    public static AudioContainer probe(byte[] head, int length) {
        if (startsWith(head, length, 0, "RIFF") && startsWith(head, length, 8, "WAVE")) {
            return WAV;
        }
        if (startsWith(head, length, 0, "ID3")) {
            // ID3v2 almost always fronts MP3; ffmpeg probes what follows, so the label only routes.
            return MP3;
        }
        if (startsWith(head, length, 0, "fLaC")) {
            return FLAC;
        }
        if (startsWith(head, length, 0, "OggS")) {
            return OGG;
        }
        if (length >= 4 && (head[0] & 0xFF) == 0x1A && (head[1] & 0xFF) == 0x45 && (head[2] & 0xFF) == 0xDF
                && (head[3] & 0xFF) == 0xA3) {
            return WEBM;
        }
        if (startsWith(head, length, 4, "ftyp")) {
            return MP4;
        }
        if (startsWith(head, length, 0, "FORM") && (startsWith(head, length, 8, "AIFF")
                || startsWith(head, length, 8, "AIFC"))) {
            return AIFF;
        }
        if (startsWith(head, length, 0, "caff")) {
            return CAF;
        }
        if (startsWith(head, length, 0, "#!AMR")) {
            return AMR;
        }
        if (startsWith(head, length, 0, ".snd")) {
            return AU;
        }
        if (framesChain(head, length, AudioContainer::mpegFrameLength)) {
            return MP3;
        }
        if (framesChain(head, length, AudioContainer::adtsFrameLength)) {
            return AAC;
        }
        return UNKNOWN;
    }

    /** Convenience for a whole buffer. */
    public static AudioContainer probe(byte[] head) {
        return probe(head, head.length);
    }

    private interface FrameLength {
        /** The frame length if a valid frame header starts at {@code off}, else -1. */
        int at(byte[] b, int off, int length);
    }

    /**
     * A bare frame sync (11 or 12 set bits) is common in raw PCM and random data, so require a valid header at the
     * start and, when the probe window holds it, a second valid header exactly one frame later.
     */
    private static boolean framesChain(byte[] b, int length, FrameLength frame) {
        int first = frame.at(b, 0, length);
        if (first <= 0) {
            return false;
        }
        return first + 4 > length || frame.at(b, first, length) > 0;
    }

    private static final int[][] MPEG_KBPS = {
            {32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448}, // MPEG-1 layer I
            {32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384}, // MPEG-1 layer II
            {32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}, // MPEG-1 layer III
            {32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256}, // MPEG-2/2.5 layer I
            {8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}, // MPEG-2/2.5 layers II, III
    };
    private static final int[][] MPEG_RATES = {{11025, 12000, 8000}, {0, 0, 0}, {22050, 24000, 16000},
            {44100, 48000, 32000}};

    static int mpegFrameLength(byte[] b, int off, int length) {
        if (off + 4 > length || (b[off] & 0xFF) != 0xFF || (b[off + 1] & 0xE0) != 0xE0) {
            return -1;
        }
        int version = (b[off + 1] >> 3) & 3; // 0: MPEG-2.5, 1: reserved, 2: MPEG-2, 3: MPEG-1
        int layer = (b[off + 1] >> 1) & 3; // 1: III, 2: II, 3: I, 0: reserved (ADTS uses it)
        int bitrateIndex = (b[off + 2] >> 4) & 15;
        int rateIndex = (b[off + 2] >> 2) & 3;
        int padding = (b[off + 2] >> 1) & 1;
        if (version == 1 || layer == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return -1;
        }
        boolean mpeg1 = version == 3;
        int table = mpeg1 ? 3 - layer : (layer == 3 ? 3 : 4);
        int bitrate = MPEG_KBPS[table][bitrateIndex - 1] * 1000;
        int rate = MPEG_RATES[version][rateIndex];
        if (layer == 3) {
            return (12 * bitrate / rate + padding) * 4;
        }
        int perFrame = layer == 1 && !mpeg1 ? 72 : 144;
        return perFrame * bitrate / rate + padding;
    }

    static int adtsFrameLength(byte[] b, int off, int length) {
        if (off + 7 > length || (b[off] & 0xFF) != 0xFF || (b[off + 1] & 0xF6) != 0xF0) {
            return -1;
        }
        int rateIndex = (b[off + 2] >> 2) & 15;
        int frameLength = ((b[off + 3] & 3) << 11) | ((b[off + 4] & 0xFF) << 3) | ((b[off + 5] & 0xFF) >> 5);
        return rateIndex < 13 && frameLength >= 7 ? frameLength : -1;
    }

    private static boolean startsWith(byte[] b, int length, int offset, String magic) {
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        if (offset + m.length > length) {
            return false;
        }
        for (int i = 0; i < m.length; i++) {
            if (b[offset + i] != m[i]) {
                return false;
            }
        }
        return true;
    }
}
