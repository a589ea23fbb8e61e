package io.omnivox.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

import io.omnivox.audio.AudioFormatException.Problem;

/**
 * The front door for audio uploads: any supported file in, mono samples at the rate a model wants out. WAV (PCM,
 * float, G.711) is decoded in Java and resampled with {@link Resampler}; everything else, and WAV codecs Java does not
 * handle (ADPCM, GSM...), goes through {@link FfmpegCodec}. The input is probed by its first bytes, so non-audio is
 * rejected without starting a process, and {@link DecodeLimits} are enforced while reading and decoding.
 * <p>
 * Errors: {@link AudioFormatException} for the caller's input (its {@link Problem} gives the HTTP status);
 * {@link IllegalStateException} when a non-WAV upload needs ffmpeg and it is not installed;
 * {@link java.io.UncheckedIOException} when reading the input fails or ffmpeg stalls. Safe to share.
 */
public final class AudioDecoder {

    /** Input WAV frames converted per step of the native path. */
    private static final int WAV_BLOCK = 8192;
    /** A WAV header (with LIST, bext... chunks before fmt) up to this size can still be handed to ffmpeg. */
    private static final int HEADER_REPLAY_BYTES = 256 * 1024;

    private final FfmpegCodec ffmpeg;

    /** Uses {@code ffmpeg} from the PATH. */
    public AudioDecoder() {
        this(new FfmpegCodec());
    }

    public AudioDecoder(FfmpegCodec ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /**
     * A header that declares more audio than the byte limit is refused before reading it: the file is either that large
     * (too large) or lying about its size, and either way nothing is allocated for the claim.
     */
    private static void rejectOversizedClaim(WavReader wav, DecodeLimits limits) {
        long frames = wav.declaredFrames();
        if (frames < 0) {
            return;
        }
        long declaredBytes = frames * wav.channels() * wav.bytesPerSample();
        if (declaredBytes > limits.maxBytes()) {
            throw new AudioFormatException(Problem.TOO_LARGE, "The WAV header declares " + declaredBytes
                    + " bytes of audio; the limit is " + limits.maxBytes() + " bytes.");
        }
    }

    /**
     * Decodes the whole input to one mono clip at {@code targetRate}. Holds the decoded audio, plus one copy while
     * joining it at the end; use {@link #stream} for long audio.
     */
    public AudioClip decode(InputStream in, DecodeLimits limits, int targetRate) {
        SampleBuffer all = new SampleBuffer();
        stream(in, limits, targetRate, 1 << 16, all::add);
        return new AudioClip(all.toArray(), targetRate);
    }

    /**
     * Decodes the input as a stream of mono chunks at {@code targetRate}: {@code sink} receives arrays of exactly
     * {@code chunkSamples} samples (the last may be shorter) on the calling thread, in order. Memory stays bounded
     * whatever the length. On an error, chunks already delivered stay delivered.
     */
    public void stream(InputStream input, DecodeLimits limits, int targetRate, int chunkSamples,
                       Consumer<float[]> sink) {
        FfmpegCodec.checkArguments(targetRate, chunkSamples);
        BufferedInputStream in = new BufferedInputStream(new LimitedInputStream(input, limits), 64 * 1024);
        byte[] head = FfmpegCodec.peek(in, AudioContainer.PROBE_BYTES);
        if (head.length == 0) {
            throw new AudioFormatException(Problem.EMPTY, "The audio is empty (0 bytes).");
        }
        AudioContainer container = AudioContainer.probe(head);
        if (container == AudioContainer.UNKNOWN) {
            throw FfmpegCodec.notRecognised();
        }
        if (container != AudioContainer.WAV) {
            ffmpeg.streamProbed(in, container, limits, targetRate, chunkSamples, sink);
            return;
        }
        in.mark(HEADER_REPLAY_BYTES);
        WavReader wav;
        try {
            wav = WavReader.open(in);
        } catch (AudioFormatException e) {
            if (e.problem() != Problem.UNSUPPORTED_CODEC || !ffmpeg.isAvailable() || !rewind(in)) {
                throw e;
            }
            try {
                ffmpeg.streamProbed(in, container, limits, targetRate, chunkSamples, sink);
            } catch (AudioFormatException ffmpegFailed) {
                // the WAV header was readable: its codec is the problem, whatever ffmpeg then made of the bytes
                e.addSuppressed(ffmpegFailed);
                throw ffmpegFailed.problem() == Problem.NOT_AUDIO ? e : ffmpegFailed;
            }
            return;
        }
        rejectOversizedClaim(wav, limits);
        streamWav(wav, limits, targetRate, new Rechunker(chunkSamples, sink));
    }

    private static void streamWav(WavReader wav, DecodeLimits limits, int targetRate, Rechunker out) {
        Resampler resampler = new Resampler(wav.sampleRate(), targetRate);
        long maxFrames = limits.maxSamples(wav.sampleRate());
        float[] block = new float[WAV_BLOCK];
        int n;
        while ((n = wav.read(block, 0, block.length)) > 0) {
            if (wav.framesRead() > maxFrames) {
                throw limits.tooLong();
            }
            out.accept(resampler.process(block, 0, n));
        }
        if (wav.framesRead() == 0) {
            throw WavCodec.noSamples();
        }
        out.accept(resampler.flush());
        out.finish();
    }

    private static boolean rewind(BufferedInputStream in) {
        try {
            in.reset();
            return true;
        } catch (IOException e) {
            return false; // the header was longer than the replay window
        }
    }
}
