package io.omnivox.tts.cosyvoice;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxModel;
import io.omnivox.model.OnnxSessionFactory;

/**
 * CosyVoice 2's HiFT vocoder (mel → 24 kHz waveform), split as {@code models/export/cosyvoice2.md} exports it: the
 * networks run in ONNX, the signal processing around them in Java. For a mel of F frames:
 * <ol>
 * <li>{@code hift_f0.onnx}: {@code mel} [1, 80, F] → {@code f0} [1, F] (the F0 predictor).</li>
 * <li>{@code hift_source.onnx}: {@code f0} [1, F] → {@code source} [1, 1, 480·F] (F0 upsampled ×480, then the
 * harmonic-plus-noise excitation; random by design).</li>
 * <li>Java: {@code source_stft} = {@link Stft} of the source (n_fft 16, hop 4, centred: 120·F + 1 frames), real parts
 * of bins 0…8 then imaginary parts: [1, 18, 120·F + 1].</li>
 * <li>{@code hift_decoder.onnx}: {@code mel} [1, 80, F] + {@code source_stft} → {@code magnitude} and {@code phase}
 * [1, 9, 120·F + 1] (upsampling 8·5·3 = ×120 to the STFT frame rate; {@code phase} is already {@code sin} of the
 * network output, as upstream has it).</li>
 * <li>Java: {@link InverseStft} of {@code min(magnitude, 100)·e^(i·phase)} (upstream {@code HiFTGenerator._istft}
 * clips the magnitude at 1e2), 4·120·F = 480·F samples, then clamp to ±0.99 ({@code audio_limit}).</li>
 * </ol>
 * 480 samples per mel frame at 24 kHz is 20 ms, the mel's 50 frames/s. The sample rate, n_fft, hop and samples per
 * frame are read from {@code hift_decoder.onnx}'s metadata (keys {@code sample_rate}, {@code n_fft},
 * {@code hop_length}, {@code samples_per_frame}; 24000, 16, 4, 480 for CosyVoice 2) and checked against the graphs'
 * declared shapes. Keep the three graphs in float32: the F0 path degrades in fp16.
 *
 * <h2>Streaming</h2>
 * {@link #vocode(float[], int, Cache, boolean)} is upstream's chunk step ({@code CosyVoice2Model.token2wav}): the
 * caller passes the {@link Cache} the previous chunk returned (null for the first). The chunk's mel is appended to the
 * cached last 8 mel frames; the excitation's first 8·480 samples are replaced by the cached source tail (so the
 * random source joins without a phase jump); the first 8·480 output samples are cross-faded with the cached output
 * tail under a Hamming window of 2·8·480 points (rising half on the new audio, falling half on the old); unless the
 * chunk is the last, the new tail is cached and held back. Over a whole stream exactly 480 samples per mel frame
 * come out. Upstream's two Hamming halves sum to about 1.08, not 1, in the overlap; that is kept, but the faded
 * samples are clamped to ±0.99 again so no output sample exceeds the limit.
 *
 * <p>Thread-safe: sessions run concurrently and a stream's state lives in the caller's {@link Cache}. Closing closes
 * the sessions only when this wrapper owns them.
 */
public final class HiftVocoder implements AutoCloseable {

    public static final String F0_FILE = "hift_f0.onnx";
    public static final String SOURCE_FILE = "hift_source.onnx";
    public static final String DECODER_FILE = "hift_decoder.onnx";
    public static final int MEL_BINS = 80;
    /** Output clamp, HiFT's {@code audio_limit}. */
    public static final float AUDIO_LIMIT = 0.99f;
    /** Magnitudes above this are clipped before the iSTFT ({@code torch.clip(magnitude, max=1e2)}). */
    public static final float MAX_MAGNITUDE = 100f;
    /** Mel frames kept between chunks ({@code CosyVoice2Model.mel_cache_len}). */
    public static final int CACHE_MEL_FRAMES = 8;

    /**
     * What a stream carries from one chunk to the next (upstream's {@code hift_cache_dict}).
     *
     * @param mel    the last {@value #CACHE_MEL_FRAMES} mel frames fed to the vocoder, [1, 80, 8]
     * @param source the excitation under them, [1, 1, 8·samplesPerFrame]
     * @param speech the output samples held back, [8·samplesPerFrame], faded into the next chunk's start
     */
    public record Cache(float[] mel, float[] source, float[] speech) {
    }

    /**
     * One chunk's output.
     *
     * @param samples the audio to play now, clamped to ±0.99
     * @param cache   what the next chunk needs; null after the last chunk
     */
    public record Chunk(float[] samples, Cache cache) {
    }

    private static final String WHAT = "a CosyVoice HiFT split export (models/export/cosyvoice2.md)";

    private final OnnxModel f0Model;
    private final OnnxModel sourceModel;
    private final OnnxModel decoderModel;
    private final boolean owned;
    private final int sampleRate;
    private final int samplesPerFrame;
    private final Stft stft;
    private final InverseStft istft;
    private final double[] fade;

    /**
     * A vocoder on models the caller hands over: closing the vocoder closes them.
     *
     * @throws ModelException when a graph's inputs, outputs or metadata are not the recipe's
     */
    public HiftVocoder(OnnxModel f0, OnnxModel source, OnnxModel decoder) {
        this(f0, source, decoder, true);
    }

    private HiftVocoder(OnnxModel f0, OnnxModel source, OnnxModel decoder, boolean owned) {
        this.f0Model = f0;
        this.sourceModel = source;
        this.decoderModel = decoder;
        this.owned = owned;
        this.sampleRate = OnnxContract.positiveMetadata(decoder, "sample_rate");
        int nFft = OnnxContract.positiveMetadata(decoder, "n_fft");
        int hop = OnnxContract.positiveMetadata(decoder, "hop_length");
        this.samplesPerFrame = OnnxContract.positiveMetadata(decoder, "samples_per_frame");
        if (samplesPerFrame % hop != 0) {
            throw new ModelException("Model " + decoder.name() + ": samples_per_frame " + samplesPerFrame
                    + " is not a multiple of hop_length " + hop);
        }
        try {
            this.stft = new Stft(nFft, hop);
            this.istft = new InverseStft(nFft, hop);
        } catch (IllegalArgumentException e) {
            throw new ModelException("Model " + decoder.name() + ": unusable STFT metadata: " + e.getMessage(), e);
        }
        int bins = stft.bins();
        OnnxContract.expect(f0, WHAT, "mel", f0.inputs().get("mel"), "float32", 1, MEL_BINS, -1);
        OnnxContract.expect(f0, WHAT, "f0", f0.outputs().get("f0"), "float32", 1, -1);
        OnnxContract.expect(source, WHAT, "f0", source.inputs().get("f0"), "float32", 1, -1);
        OnnxContract.expect(source, WHAT, "source", source.outputs().get("source"), "float32", 1, 1, -1);
        OnnxContract.expect(decoder, WHAT, "mel", decoder.inputs().get("mel"), "float32", 1, MEL_BINS, -1);
        OnnxContract.expect(decoder, WHAT, "source_stft", decoder.inputs().get("source_stft"), "float32", 1,
                2L * bins, -1);
        OnnxContract.expect(decoder, WHAT, "magnitude", decoder.outputs().get("magnitude"), "float32", 1, bins, -1);
        OnnxContract.expect(decoder, WHAT, "phase", decoder.outputs().get("phase"), "float32", 1, bins, -1);
        // np.hamming(2L): 0.54 − 0.46·cos(2πn / (2L − 1)), symmetric, as upstream's speech_window.
        int overlap = CACHE_MEL_FRAMES * samplesPerFrame;
        this.fade = new double[2 * overlap];
        for (int i = 0; i < fade.length; i++) {
            fade[i] = 0.54 - 0.46 * Math.cos(2 * Math.PI * i / (fade.length - 1));
        }
    }

    /**
     * The three HiFT graphs in {@code modelDir}, opened by the session factory, which owns (and closes) them.
     *
     * @throws ModelException when a file is missing, cannot be loaded or is not the recipe's
     */
    public static HiftVocoder open(OnnxSessionFactory factory, Path modelDir) {
        return new HiftVocoder(factory.open(modelDir.resolve(F0_FILE)), factory.open(modelDir.resolve(SOURCE_FILE)),
                factory.open(modelDir.resolve(DECODER_FILE)), false);
    }

    /** Output sample rate in Hz (24000 for CosyVoice 2). */
    public int sampleRate() {
        return sampleRate;
    }

    /** Output samples per mel frame (480 for CosyVoice 2: 20 ms at 24 kHz). */
    public int samplesPerFrame() {
        return samplesPerFrame;
    }

    /**
     * A whole utterance at once.
     *
     * @param mel    [1, 80, frames] row-major
     * @param frames mel frames, at least 1
     * @return {@code frames·samplesPerFrame} samples in [−0.99, 0.99]
     */
    public float[] vocode(float[] mel, int frames) {
        checkMel(mel, frames);
        return decode(mel, frames, source(mel, frames));
    }

    /**
     * One streaming chunk (see the class comment).
     *
     * @param mel      the chunk's new mel frames, [1, 80, frames]
     * @param frames   new mel frames, at least 1 ({@value #CACHE_MEL_FRAMES} or more for a first chunk that is not
     *                 the last, since the tail held back comes from it)
     * @param previous the previous chunk's {@link Chunk#cache()}, null for the first chunk
     * @param last     true for the stream's final chunk: nothing is held back and no cache is returned
     * @return the samples to play now and the cache for the next chunk
     */
    public Chunk vocode(float[] mel, int frames, Cache previous, boolean last) {
        checkMel(mel, frames);
        int overlap = CACHE_MEL_FRAMES * samplesPerFrame;
        float[] input = mel;
        int inputFrames = frames;
        if (previous != null) {
            if (previous.mel().length != MEL_BINS * CACHE_MEL_FRAMES || previous.source().length != overlap
                    || previous.speech().length != overlap) {
                throw new IllegalArgumentException("not a cache of this vocoder: mel " + previous.mel().length
                        + ", source " + previous.source().length + ", speech " + previous.speech().length
                        + " values");
            }
            input = concatFrames(previous.mel(), CACHE_MEL_FRAMES, mel, frames);
            inputFrames = CACHE_MEL_FRAMES + frames;
        } else if (!last && frames < CACHE_MEL_FRAMES) {
            throw new IllegalArgumentException("a first chunk that is not the last needs at least "
                    + CACHE_MEL_FRAMES + " mel frames, got " + frames);
        }
        float[] source = source(input, inputFrames);
        if (previous != null) {
            System.arraycopy(previous.source(), 0, source, 0, overlap);
        }
        float[] speech = decode(input, inputFrames, source);
        if (previous != null) {
            float[] old = previous.speech();
            for (int i = 0; i < overlap; i++) {
                speech[i] = clamp((float) (speech[i] * fade[i] + old[i] * fade[overlap + i]));
            }
        }
        if (last) {
            return new Chunk(speech, null);
        }
        int keep = speech.length - overlap;
        Cache next = new Cache(lastFrames(input, inputFrames, CACHE_MEL_FRAMES),
                Arrays.copyOfRange(source, source.length - overlap, source.length),
                Arrays.copyOfRange(speech, keep, speech.length));
        return new Chunk(Arrays.copyOfRange(speech, 0, keep), next);
    }

    /** Steps 1–2: mel [1, 80, frames] → excitation [1, 1, frames·samplesPerFrame]. */
    float[] source(float[] mel, int frames) {
        float[] f0;
        try (OnnxTensor mels = OnnxContract.tensor(f0Model, mel, 1, MEL_BINS, frames)) {
            f0 = OnnxContract.runForFloats(f0Model, Map.of("mel", mels), "f0", frames);
        }
        try (OnnxTensor f0s = OnnxContract.tensor(sourceModel, f0, 1, frames)) {
            return OnnxContract.runForFloats(sourceModel, Map.of("f0", f0s), "source",
                    (long) frames * samplesPerFrame);
        }
    }

    /** Steps 3–5: mel [1, 80, frames] and its excitation → clamped waveform of frames·samplesPerFrame samples. */
    float[] decode(float[] mel, int frames, float[] source) {
        if (source.length != frames * samplesPerFrame) {
            throw new IllegalArgumentException("source must have " + frames * samplesPerFrame + " samples, got "
                    + source.length);
        }
        Stft.Spectrum spectrum = stft.forward(source);
        int stftFrames = spectrum.frames(); // (samplesPerFrame / hop)·frames + 1: 120·F + 1
        int bins = stft.bins();
        float[] magnitude;
        float[] phase;
        try (OnnxTensor mels = OnnxContract.tensor(decoderModel, mel, 1, MEL_BINS, frames);
                OnnxTensor stfts = OnnxContract.tensor(decoderModel, spectrum.stacked(), 1, 2L * bins, stftFrames);
                OrtSession.Result result = decoderModel.run(Map.of("mel", mels, "source_stft", stfts))) {
            long expected = (long) bins * stftFrames;
            magnitude = OnnxContract.floats(decoderModel, result, "magnitude", expected);
            phase = OnnxContract.floats(decoderModel, result, "phase", expected);
        }
        for (int i = 0; i < magnitude.length; i++) {
            magnitude[i] = Math.min(magnitude[i], MAX_MAGNITUDE);
        }
        float[] speech = istft.fromPolar(magnitude, phase, stftFrames);
        for (int i = 0; i < speech.length; i++) {
            speech[i] = clamp(speech[i]);
        }
        return speech;
    }

    @Override
    public void close() {
        if (owned) {
            OnnxContract.closeAll("the HiFT vocoder", f0Model, sourceModel, decoderModel);
        }
    }

    private static float clamp(float sample) {
        return Math.max(-AUDIO_LIMIT, Math.min(AUDIO_LIMIT, sample));
    }

    private void checkMel(float[] mel, int frames) {
        if (frames < 1 || mel.length != MEL_BINS * frames) {
            throw new IllegalArgumentException("mel must be [1, " + MEL_BINS + ", " + frames + "] with at least one "
                    + "frame, got " + mel.length + " values");
        }
    }

    /** [80, fa] and [80, fb] joined on the frame axis: [80, fa + fb]. */
    static float[] concatFrames(float[] a, int fa, float[] b, int fb) {
        int total = fa + fb;
        float[] out = new float[MEL_BINS * total];
        for (int c = 0; c < MEL_BINS; c++) {
            System.arraycopy(a, c * fa, out, c * total, fa);
            System.arraycopy(b, c * fb, out, c * total + fa, fb);
        }
        return out;
    }

    /** The last {@code count} frames of [80, frames]: [80, count]. */
    static float[] lastFrames(float[] mel, int frames, int count) {
        float[] out = new float[MEL_BINS * count];
        for (int c = 0; c < MEL_BINS; c++) {
            System.arraycopy(mel, c * frames + frames - count, out, c * count, count);
        }
        return out;
    }
}
