package io.omnivox.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.omnivox.audio.AudioFormatException.Problem;

/**
 * Streams a RIFF/WAVE file as mono float frames: PCM 8-bit unsigned, 16/24/32-bit signed, 32/64-bit IEEE float,
 * G.711 mu-law and A-law, plain or {@code WAVE_FORMAT_EXTENSIBLE}, any channel count (averaged to mono). Chunks other
 * than {@code fmt } and {@code data} (LIST, fact, junk...) are skipped with their odd-size pad byte.
 * <p>
 * The data chunk's declared size is an upper bound, never an allocation: streaming writers leave it at
 * {@code 0xFFFFFFFF} or 0 (read until end of input) and crashed recorders leave it too large (decode what is there).
 * Only the block being converted is held in memory. Not thread-safe.
 */
public final class WavReader {

    /** Sample rates outside this range are corrupt headers or nothing a speech model can use. */
    static final int MIN_RATE = 1000;
    static final int MAX_RATE = 768_000;
    private static final int MAX_CHANNELS = 256;
    private static final int MAX_FMT_BYTES = 4096;
    private static final long UNTIL_EOF = -1;

    private static final int PCM = 1;
    private static final int IEEE_FLOAT = 3;
    private static final int A_LAW = 6;
    private static final int MU_LAW = 7;
    private static final int EXTENSIBLE = 0xFFFE;
    /** The KSDATAFORMAT_SUBTYPE GUID after its first two bytes (the format tag): 0000-0010-8000-00AA00389B71. */
    private static final byte[] SUBTYPE_TAIL = {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38,
            (byte) 0x9B, 0x71};

    private static final float[] MU_LAW_TABLE = new float[256];
    private static final float[] A_LAW_TABLE = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            MU_LAW_TABLE[i] = muLawToLinear(i) / 32768f;
            A_LAW_TABLE[i] = aLawToLinear(i) / 32768f;
        }
    }

    private final InputStream in;
    private final int formatTag;
    private final int channels;
    private final int sampleRate;
    private final int bytesPerSample;
    private final int bytesPerFrame;
    private final long declaredBytes;
    private long remaining;
    private long framesRead;
    private boolean ended;
    private byte[] block = new byte[0];

    private WavReader(InputStream in, Format format, long declaredBytes) {
        this.in = in;
        this.formatTag = format.tag;
        this.channels = format.channels;
        this.sampleRate = format.sampleRate;
        this.bytesPerSample = format.bytesPerSample;
        this.bytesPerFrame = format.channels * format.bytesPerSample;
        // 0 and 0xFFFFFFFF are what writers that cannot seek back leave behind: read until end of input.
        this.declaredBytes = declaredBytes == 0 || declaredBytes == 0xFFFFFFFFL ? UNTIL_EOF : declaredBytes;
        this.remaining = this.declaredBytes == UNTIL_EOF ? Long.MAX_VALUE : this.declaredBytes;
    }

    /**
     * Parses the header up to the start of the data chunk.
     *
     * @throws AudioFormatException EMPTY for no bytes, NOT_AUDIO for something other than RIFF/WAVE or a corrupt
     *                              header, TRUNCATED when the input ends inside the header, UNSUPPORTED_CODEC for a
     *                              WAV codec other than PCM, float, mu-law and A-law (ADPCM, GSM, MP3-in-WAV...)
     */
    public static WavReader open(InputStream in) {
        try {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WavReader parse(InputStream in) throws IOException {
        byte[] riff = new byte[12];
        int n = readUpTo(in, riff, 12);
        if (n == 0) {
            throw new AudioFormatException(Problem.EMPTY, "The audio is empty (0 bytes).");
        }
        boolean riffMagic = n >= 4 && ascii(riff, 0).equals("RIFF");
        if (n < 4 && "RIFF".startsWith(new String(riff, 0, n, StandardCharsets.ISO_8859_1))) {
            throw truncated("the RIFF header");
        }
        if (!riffMagic) {
            throw new AudioFormatException(Problem.NOT_AUDIO, "The input is not a WAV file (no RIFF header).");
        }
        if (n < 12) {
            throw truncated("the RIFF header");
        }
        if (!ascii(riff, 8).equals("WAVE")) {
            throw new AudioFormatException(Problem.NOT_AUDIO,
                    "The input is a RIFF file of type '" + printable(ascii(riff, 8)) + "', not WAVE audio.");
        }
        Format format = null;
        byte[] header = new byte[8];
        while (true) {
            n = readUpTo(in, header, 8);
            if (n < 8) {
                throw truncated(format == null ? "the fmt chunk" : "the data chunk");
            }
            String id = ascii(header, 0);
            long size = u32(header, 4);
            if (id.equals("fmt ")) {
                if (size < 16 || size > MAX_FMT_BYTES) {
                    throw new AudioFormatException(Problem.NOT_AUDIO,
                            "The WAV fmt chunk has an impossible size (" + size + " bytes).");
                }
                byte[] fmt = new byte[(int) size];
                if (readUpTo(in, fmt, fmt.length) < fmt.length || !skip(in, size & 1)) {
                    throw truncated("the fmt chunk");
                }
                format = Format.parse(fmt);
            } else if (id.equals("data")) {
                if (format == null) {
                    throw new AudioFormatException(Problem.NOT_AUDIO, "The WAV data chunk comes before its fmt chunk.");
                }
                return new WavReader(in, format, size);
            } else if (!skip(in, size + (size & 1))) {
                throw truncated("the '" + printable(id) + "' chunk before the audio data");
            }
        }
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Channels in the file; {@link #read} returns their average. */
    public int channels() {
        return channels;
    }

    /** Bytes per sample of one channel as stored (1 to 8). */
    public int bytesPerSample() {
        return bytesPerSample;
    }

    /** The WAVE format tag (1 PCM, 3 float, 6 A-law, 7 mu-law), resolved through WAVE_FORMAT_EXTENSIBLE. */
    public int formatTag() {
        return formatTag;
    }

    /** Frames the data chunk declares, or -1 when it declares "until end of input". A claim, not a promise. */
    public long declaredFrames() {
        return declaredBytes == UNTIL_EOF ? -1 : declaredBytes / bytesPerFrame;
    }

    /** Frames returned so far. */
    public long framesRead() {
        return framesRead;
    }

    /**
     * Reads up to {@code maxFrames} frames, averaged to mono, into {@code mono} at {@code offset}.
     *
     * @return frames read, or -1 at the end of the audio (a partial last frame is dropped)
     * @throws AudioFormatException TRUNCATED when the header declares audio but none follows
     */
    public int read(float[] mono, int offset, int maxFrames) {
        if (ended || maxFrames <= 0) {
            return ended ? -1 : 0;
        }
        int frames = (int) Math.min(maxFrames, remaining / bytesPerFrame);
        if (frames == 0) {
            ended = true;
            return -1;
        }
        int bytes = frames * bytesPerFrame;
        if (block.length < bytes) {
            block = new byte[bytes];
        }
        int got;
        try {
            got = readUpTo(in, block, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        frames = got / bytesPerFrame;
        if (got < bytes) {
            ended = true; // fewer bytes than declared: keep the whole frames that exist
        }
        remaining -= got;
        if (frames == 0) {
            if (framesRead == 0 && declaredBytes != UNTIL_EOF) {
                throw new AudioFormatException(Problem.TRUNCATED, "The WAV header declares " + declaredBytes
                        + " bytes of audio but the file ends before a single sample.");
            }
            ended = true;
            return -1;
        }
        convert(block, frames, mono, offset);
        framesRead += frames;
        return frames;
    }

    /** Reads all remaining frames into one clip at the file's sample rate. */
    public AudioClip readAll() {
        SampleBuffer all = new SampleBuffer();
        float[] buf = new float[8192];
        int n;
        while ((n = read(buf, 0, buf.length)) > 0) {
            all.add(buf, 0, n);
        }
        return new AudioClip(all.toArray(), sampleRate);
    }

    private void convert(byte[] b, int frames, float[] out, int offset) {
        float scale = 1f / channels;
        int p = 0;
        for (int f = 0; f < frames; f++) {
            float sum = 0;
            for (int c = 0; c < channels; c++, p += bytesPerSample) {
                sum += sample(b, p);
            }
            out[offset + f] = channels == 1 ? sum : sum * scale;
        }
    }

    private float sample(byte[] b, int p) {
        switch (formatTag) {
            case PCM:
                switch (bytesPerSample) {
                    case 1:
                        return ((b[p] & 0xFF) - 128) / 128f;
                    case 2:
                        return (short) ((b[p] & 0xFF) | (b[p + 1] << 8)) / 32768f;
                    case 3:
                        return ((b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | (b[p + 2] << 16)) / 8388608f;
                    default:
                        return (float) (s32(b, p) / 2147483648.0);
                }
            case IEEE_FLOAT:
                float v = bytesPerSample == 4 ? Float.intBitsToFloat(s32(b, p))
                        : (float) Double.longBitsToDouble((s32(b, p) & 0xFFFFFFFFL) | ((long) s32(b, p + 4) << 32));
                // A NaN or infinity would poison every model downstream; silence is the honest repair.
                return Float.isFinite(v) ? v : 0f;
            case MU_LAW:
                return MU_LAW_TABLE[b[p] & 0xFF];
            default:
                return A_LAW_TABLE[b[p] & 0xFF];
        }
    }

    /** The validated fmt chunk. */
    private record Format(int tag, int channels, int sampleRate, int bytesPerSample) {

        static Format parse(byte[] fmt) {
            int tag = u16(fmt, 0);
            int channels = u16(fmt, 2);
            long rate = u32(fmt, 4);
            int bits = u16(fmt, 14);
            if (tag == EXTENSIBLE) {
                if (fmt.length < 40 || u16(fmt, 16) < 22) {
                    throw new AudioFormatException(Problem.NOT_AUDIO,
                            "The WAV header says WAVE_FORMAT_EXTENSIBLE but its fmt chunk is too short.");
                }
                for (int i = 0; i < SUBTYPE_TAIL.length; i++) {
                    if (fmt[26 + i] != SUBTYPE_TAIL[i]) {
                        throw new AudioFormatException(Problem.UNSUPPORTED_CODEC,
                                "The WAV file uses an extensible sub-format that is not PCM, float, mu-law or A-law.");
                    }
                }
                tag = u16(fmt, 24);
            }
            if (channels == 0 || channels > MAX_CHANNELS) {
                throw new AudioFormatException(Problem.NOT_AUDIO, "The WAV header declares " + channels
                        + " channels.");
            }
            if (rate < MIN_RATE || rate > MAX_RATE) {
                throw new AudioFormatException(Problem.UNSUPPORTED_CODEC, "The WAV sample rate " + rate
                        + " Hz is outside " + MIN_RATE + "-" + MAX_RATE + " Hz.");
            }
            int bytes = (bits + 7) / 8;
            boolean supported = switch (tag) {
                // Bit depths that are not a multiple of 8 are left-justified in their container.
                case PCM -> bits >= 1 && bits <= 32;
                case IEEE_FLOAT -> bits == 32 || bits == 64;
                case A_LAW, MU_LAW -> bits == 8;
                default -> throw new AudioFormatException(Problem.UNSUPPORTED_CODEC, "The WAV file is encoded as "
                        + codecName(tag) + "; supported are PCM, IEEE float, mu-law and A-law (or send MP3, FLAC, "
                        + "Ogg/Opus, WebM or M4A).");
            };
            if (!supported) {
                throw new AudioFormatException(Problem.UNSUPPORTED_CODEC, "The WAV file has " + bits + "-bit "
                        + codecName(tag) + " samples, which is not supported.");
            }
            return new Format(tag, channels, (int) rate, bytes);
        }

        private static String codecName(int tag) {
            return switch (tag) {
                case PCM -> "PCM";
                case IEEE_FLOAT -> "IEEE float";
                case A_LAW -> "A-law";
                case MU_LAW -> "mu-law";
                case 0x0002 -> "Microsoft ADPCM (0x0002)";
                case 0x0011 -> "IMA ADPCM (0x0011)";
                case 0x0031 -> "GSM 6.10 (0x0031)";
                case 0x0050, 0x0055 -> String.format("MPEG audio (0x%04X)", tag);
                default -> String.format("codec 0x%04X", tag);
            };
        }
    }

    static int muLawToLinear(int code) {
        int x = ~code & 0xFF;
        int t = (((x & 0x0F) << 3) + 0x84) << ((x & 0x70) >> 4);
        return (x & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }

    static int aLawToLinear(int code) {
        int x = (code ^ 0x55) & 0xFF;
        int t = (x & 0x0F) << 4;
        int segment = (x & 0x70) >> 4;
        t = segment == 0 ? t + 8 : (t + 0x108) << (segment - 1);
        return (x & 0x80) != 0 ? t : -t;
    }

    private static AudioFormatException truncated(String where) {
        return new AudioFormatException(Problem.TRUNCATED, "The WAV file ends inside " + where + ".");
    }

    /** Reads until {@code len} bytes or end of input; returns how many were read. */
    static int readUpTo(InputStream in, byte[] b, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int r = in.read(b, n, len - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    /** Skips by reading (InputStream.skip may seek past the end silently); false at a premature end of input. */
    private static boolean skip(InputStream in, long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(1, n))];
        while (n > 0) {
            int r = in.read(scratch, 0, (int) Math.min(scratch.length, n));
            if (r < 0) {
                return false;
            }
            n -= r;
        }
        return true;
    }

    private static String ascii(byte[] b, int off) {
        return new String(b, off, 4, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7E]", "?");
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8);
    }

    private static long u32(byte[] b, int p) {
        return s32(b, p) & 0xFFFFFFFFL;
    }

    private static int s32(byte[] b, int p) {
        return (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | ((b[p + 2] & 0xFF) << 16) | (b[p + 3] << 24);
    }
}
