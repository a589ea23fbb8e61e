package io.omnivox.tts.cosyvoice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.omnivox.audio.AudioClip;
import io.omnivox.audio.Resampler;
import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.decoder.CancellationToken;
import io.omnivox.model.tokenizer.HuggingFaceTextTokenizer;
import io.omnivox.tts.ChunkSink;
import io.omnivox.tts.SpeechSynthesizer;
import io.omnivox.tts.SpeechStyle;
import io.omnivox.tts.SynthesisRequest;
import io.omnivox.tts.VoiceInfo;
import io.omnivox.tts.VoiceCloning;
import io.omnivox.tts.text.TextFrontend;

/**
 * CosyVoice 2 text to speech end to end on the ONNX split of {@code models/export/cosyvoice2.md}: text tokens →
 * {@link CosyVoiceLlm} (speech tokens) → {@link CosyVoiceFlow} (mel) → {@link HiftVocoder} (24 kHz waveform).
 *
 * <h2>Voices</h2>
 * A voice is a {@link VoicePrompt}: presets are registered with {@link #addVoice(VoicePrompt)} (a built-in
 * {@value #DEFAULT_VOICE} voice has no prompt and a zero speaker embedding); zero-shot voices are made from prompt
 * audio and its transcript with {@link #clone(String, AudioClip, String)} ({@link CampPlus} embedding and
 * {@link SpeechTokenizer} tokens of the 16 kHz audio, {@link FlowMel} of the 24 kHz audio, aligned as upstream's
 * {@code frontend_zero_shot} does: {@code tokens = min(mel_frames / 2, tokens)}, the mel cut to twice that).
 *
 * <h2>Streaming</h2>
 * The text is split into sentences (after {@code . ! ? 。 ！ ？}) and each sentence's waveform is one chunk, delivered
 * before the next sentence is started; a sink returning {@code false} stops before the next sentence. Upstream's
 * token-level streaming (25-token chunks with a 3-token look-ahead, re-solving the flow and cross-fading HiFT with its
 * caches) is not implemented: it needs a second, look-ahead flow-encoder graph the recipe does not export. Text
 * normalisation (numbers, symbols), instruct mode and {@link io.omnivox.tts.SpeechStyle} (speed, emotion) are not
 * applied either.
 *
 * <p>Thread-safe: the models are; voices live in a concurrent map. Closing closes the text tokenizer; the sessions
 * belong to the factory.
 */
public final class CosyVoiceSynthesizer implements SpeechSynthesizer, VoiceCloning, AutoCloseable {

    public static final String ENGINE = "cosyvoice2-onnx";
    public static final String DEFAULT_VOICE = "default";
    public static final String TOKENIZER_FILE = "tokenizer.json";
    /** Every file the model directory must hold. */
    public static final List<String> FILES = List.of(CampPlus.FILE, SpeechTokenizer.FILE, OnnxFlowEstimator.FILE,
            TOKENIZER_FILE, CosyVoiceLlm.TEXT_EMBEDDING_FILE, CosyVoiceLlm.SPEECH_EMBEDDING_FILE,
            CosyVoiceLlm.SPECIAL_EMBEDDING_FILE, CosyVoiceLlm.LLM_FILE, CosyVoiceFlow.SPEAKER_FILE,
            CosyVoiceFlow.ENCODER_FILE, HiftVocoder.F0_FILE, HiftVocoder.SOURCE_FILE, HiftVocoder.DECODER_FILE);

    /**
     * @param llm       sampling and length settings of the speech-token LLM
     * @param flow      Euler steps and guidance
     * @param noiseSeed seed of the flow's starting noise
     */
    public record Settings(CosyVoiceLlm.Settings llm, FlowMatchingSolver.Settings flow, long noiseSeed) {
        public static final Settings DEFAULTS = new Settings(CosyVoiceLlm.Settings.DEFAULTS,
                FlowMatchingSolver.Settings.DEFAULTS, 0);
    }

    /** The pipeline stages, reported to a {@link Tracer}. */
    public enum Stage {
        LLM_START, LLM_END, FLOW_END, VOCODER_END, CHUNK_DELIVERED
    }

    /** Observes the pipeline (tests, metrics): stage and sentence index, on the synthesising thread. */
    @FunctionalInterface
    public interface Tracer {
        Tracer NONE = (stage, sentence) -> {
        };

        void on(Stage stage, int sentence);
    }

    private final HuggingFaceTextTokenizer tokenizer;
    private final CosyVoiceLlm llm;
    private final CosyVoiceFlow flow;
    private final HiftVocoder vocoder;
    private final CampPlus campPlus;
    private final SpeechTokenizer speechTokenizer;
    private final FlowMel flowMel = new FlowMel();
    private final Tracer tracer;
    private final Map<String, VoicePrompt> voices = new ConcurrentHashMap<>();

    public CosyVoiceSynthesizer(HuggingFaceTextTokenizer tokenizer, CosyVoiceLlm llm, CosyVoiceFlow flow,
            HiftVocoder vocoder, CampPlus campPlus, SpeechTokenizer speechTokenizer, Tracer tracer) {
        this.tokenizer = tokenizer;
        this.llm = llm;
        this.flow = flow;
        this.vocoder = vocoder;
        this.campPlus = campPlus;
        this.speechTokenizer = speechTokenizer;
        this.tracer = tracer == null ? Tracer.NONE : tracer;
        addVoice(VoicePrompt.speakerOnly(DEFAULT_VOICE, new float[CampPlus.EMBEDDING]));
    }

    /**
     * The pipeline on the files of {@code modelDir} ({@link #FILES}); sessions are opened by, and belong to,
     * {@code factory}.
     *
     * @throws ModelException naming every missing file, or when a graph does not match the recipe's contract
     */
    public static CosyVoiceSynthesizer open(OnnxSessionFactory factory, Path modelDir, Settings settings,
            Tracer tracer) {
        List<String> missing = FILES.stream().filter(f -> !Files.isRegularFile(modelDir.resolve(f))).toList();
        if (!missing.isEmpty()) {
            throw new ModelException("CosyVoice 2 model directory " + modelDir + " lacks " + String.join(", ", missing)
                    + " (see models/export/cosyvoice2.md)");
        }
        HuggingFaceTextTokenizer tokenizer = HuggingFaceTextTokenizer.load(modelDir.resolve(TOKENIZER_FILE));
        try {
            return new CosyVoiceSynthesizer(tokenizer, CosyVoiceLlm.open(factory, modelDir, settings.llm()),
                    CosyVoiceFlow.open(factory, modelDir, settings.flow(), settings.noiseSeed()),
                    HiftVocoder.open(factory, modelDir), CampPlus.open(factory, modelDir),
                    SpeechTokenizer.open(factory, modelDir), tracer);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    public static CosyVoiceSynthesizer open(OnnxSessionFactory factory, Path modelDir, Settings settings) {
        return open(factory, modelDir, settings, Tracer.NONE);
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    /** From {@code hift_decoder.onnx}'s {@code sample_rate} (24000). */
    @Override
    public int sampleRate() {
        return vocoder.sampleRate();
    }

    @Override
    public List<VoiceInfo> voices() {
        return voices.keySet().stream().sorted().map(id -> new VoiceInfo(id, id, "mul", ENGINE)).toList();
    }

    /** Registers (or replaces) a preset voice. */
    public void addVoice(VoicePrompt voice) {
        voices.put(voice.id(), voice);
    }

    public VoicePrompt voice(String id) {
        VoicePrompt voice = voices.get(id == null || id.isBlank() ? DEFAULT_VOICE : id);
        if (voice == null) {
            throw new IllegalArgumentException("unknown CosyVoice voice '" + id + "'; known: " + voices.keySet());
        }
        return voice;
    }

    /**
     * A zero-shot voice from prompt audio (any sample rate; resampled to 16 and 24 kHz) and what it says. Not
     * registered: pass it to {@link #synthesize(String, VoicePrompt, ChunkSink)} or {@link #addVoice(VoicePrompt)}.
     */
    public VoicePrompt clone(String id, AudioClip prompt, String transcript) {
        float[] audio16k = Resampler.resample(prompt, SpeechTokenizer.SAMPLE_RATE).samples();
        float[] audio24k = Resampler.resample(prompt, FlowMel.SAMPLE_RATE).samples();
        float[] embedding = campPlus.embed(audio16k);
        int[] tokens = speechTokenizer.tokenize(audio16k);
        float[] mel = flowMel.compute(audio24k);
        int frames = FlowMel.frames(audio24k.length);
        int ratio = flow.tokenMelRatio();
        int tokenCount = Math.min(frames / ratio, tokens.length);
        int melFrames = ratio * tokenCount;
        float[] cut = new float[FlowMatchingSolver.MEL_BINS * melFrames];
        for (int c = 0; c < FlowMatchingSolver.MEL_BINS; c++) {
            System.arraycopy(mel, c * frames, cut, c * melFrames, melFrames);
        }
        return new VoicePrompt(id, transcript, Arrays.copyOf(tokens, tokenCount), cut, melFrames, embedding);
    }

    @Override
    public VoiceCloning.SpeakerVoice cloneVoice(AudioClip recording, String transcript) {
        return clone("speaker", recording, transcript == null ? "" : transcript.strip());
    }

    @Override
    public void synthesize(SynthesisRequest request, VoiceCloning.SpeakerVoice voice, ChunkSink sink) {
        if (!(voice instanceof VoicePrompt prompt)) {
            throw new IllegalArgumentException("not a CosyVoice voice: " + voice);
        }
        synthesize(request.text(), llmVoice(prompt, request.style()), prompt, request.style().speed(), sink);
    }

    /** CosyVoice's own markup kept, ChatTTS tags mapped, numbers and units read out, split for streaming. */
    private static final TextFrontend FRONTEND = new TextFrontend(Integer.MAX_VALUE);

    /** End of an instruct prompt, as CosyVoice 2 was trained: {@code 用开心的语气说<|endofprompt|>}. */
    static final String END_OF_PROMPT = "<|endofprompt|>";

    /** Emotions mapped onto instructions in the form of upstream's instruct examples. */
    private static final Map<String, String> EMOTION_INSTRUCTIONS = Map.of(
            "happy", "用开心的语气说这句话", "sad", "用伤心的语气说这句话", "angry", "用生气的语气说这句话",
            "surprised", "用惊讶的语气说这句话", "fearful", "用恐惧的语气说这句话", "disgusted", "用厌恶的语气说这句话");

    /**
     * Zero-shot by default (cross-lingual when the voice has no transcript); instruct mode when the style carries an
     * instruction or an emotion: the instruction (ending
     * in {@value #END_OF_PROMPT}) takes the place of the prompt transcript and the prompt's speech tokens are left
     * out of the LLM, as upstream's {@code inference_instruct2} does; the speaker still comes from the voice.
     */
    @Override
    public void synthesize(SynthesisRequest request, ChunkSink sink) {
        VoicePrompt voice = voice(request.voice());
        synthesize(request.text(), llmVoice(voice, request.style()), voice, request.style().speed(), sink);
    }

    /**
     * What conditions the LLM for a voice and style (the flow always takes the voice itself): the instruction in
     * instruct mode; nothing of the prompt's speech when its words are unknown (cross-lingual, upstream's
     * {@code inference_cross_lingual}); else the prompt's transcript and speech tokens (zero-shot).
     */
    static VoicePrompt llmVoice(VoicePrompt voice, SpeechStyle style) {
        String instruction = style.instruction().isBlank() ? EMOTION_INSTRUCTIONS.getOrDefault(style.emotion(), "")
                : style.instruction();
        if (!instruction.isBlank()) {
            return new VoicePrompt(voice.id(), instruction + END_OF_PROMPT, new int[0], voice.mel(), voice.melFrames(),
                    voice.embedding());
        }
        if (voice.transcript().isBlank() && voice.speechTokens().length > 0) {
            return new VoicePrompt(voice.id(), "", new int[0], voice.mel(), voice.melFrames(), voice.embedding());
        }
        return voice;
    }

    /** Speaks {@code text} in {@code voice}, one chunk per sentence, stopping when the sink returns false. */
    public void synthesize(String text, VoicePrompt voice, ChunkSink sink) {
        synthesize(text, voice, voice, 1.0, sink);
    }

    /** {@code llmVoice} conditions the LLM (transcript or instruction); {@code flowVoice} the flow (prompt mel). */
    private void synthesize(String text, VoicePrompt llmVoice, VoicePrompt flowVoice, double speed, ChunkSink sink) {
        long[] promptText = llmVoice.transcript().isBlank() ? new long[0] : tokenizer.encode(llmVoice.transcript());
        List<String> sentences = FRONTEND.prepare(text, "auto");
        for (int i = 0; i < sentences.size(); i++) {
            if (speed == 1.0) {
                if (!streamSentence(sentences.get(i), i, llmVoice, flowVoice, promptText, sink)) {
                    return;
                }
                continue;
            }
            float[] pcm = synthesizeSentence(sentences.get(i), i, llmVoice, flowVoice, promptText, speed,
                    new CancellationToken());
            if (pcm.length == 0) {
                continue;
            }
            boolean more = sink.accept(pcm);
            tracer.on(Stage.CHUNK_DELIVERED, i);
            if (!more) {
                return;
            }
        }
    }

    /** The waveform of one sentence (empty when the LLM produced no speech). */
    public float[] synthesizeSentence(String sentence, VoicePrompt voice, CancellationToken cancel) {
        long[] promptText = voice.transcript().isBlank() ? new long[0] : tokenizer.encode(voice.transcript());
        return synthesizeSentence(sentence, 0, voice, voice, promptText, 1.0, cancel);
    }

    /** Speech tokens per streamed chunk, and tokens the flow looks ahead (CosyVoice 2's streaming config). */
    static final int CHUNK_TOKENS = 25;
    static final int LOOKAHEAD_TOKENS = 3;

    /**
     * Streams one sentence as upstream's streaming mode does: while the LLM is still generating, every
     * {@value #CHUNK_TOKENS} tokens (once {@value #LOOKAHEAD_TOKENS} more exist) the flow re-solves all tokens so far
     * (the noise is fixed per frame, so earlier frames stay put), the new mel frames short of the look-ahead go to
     * the vocoder's streaming step (its cache cross-fades the joins), and the audio goes to the sink at once. The
     * rest follows when the LLM stops. Returns false when the sink asked to stop.
     */
    private boolean streamSentence(String sentence, int index, VoicePrompt llmVoice, VoicePrompt flowVoice,
            long[] promptText, ChunkSink sink) {
        CancellationToken cancel = new CancellationToken();
        java.util.List<Integer> tokens = new java.util.ArrayList<>();
        StreamState state = new StreamState();
        tracer.on(Stage.LLM_START, index);
        llm.generate(promptText, tokenizer.encode(sentence), llmVoice.speechTokens(), token -> {
            tokens.add(token);
            if (tokens.size() - state.emittedTokens >= CHUNK_TOKENS + LOOKAHEAD_TOKENS
                    && !emit(tokens, tokens.size() - LOOKAHEAD_TOKENS, false, flowVoice, state, index, sink)) {
                cancel.cancel();
            }
        }, cancel);
        tracer.on(Stage.LLM_END, index);
        if (cancel.isCancelled()) {
            return false;
        }
        return tokens.isEmpty() || emit(tokens, tokens.size(), true, flowVoice, state, index, sink);
    }

    /** What has gone out of one sentence's stream so far. */
    private static final class StreamState {
        int emittedTokens;
        int emittedFrames;
        HiftVocoder.Cache cache;
    }

    /** Vocodes the mel frames of tokens [emitted, upTo) and hands them to the sink. */
    private boolean emit(java.util.List<Integer> tokens, int upTo, boolean last, VoicePrompt voice, StreamState state,
            int index, ChunkSink sink) {
        int[] all = tokens.stream().mapToInt(Integer::intValue).toArray();
        CosyVoiceFlow.Mel mel = flow.inference(voice.speechTokens(), all, voice.mel(), voice.melFrames(),
                voice.embedding());
        tracer.on(Stage.FLOW_END, index);
        int ratio = flow.tokenMelRatio();
        int endFrame = last ? mel.frames() : upTo * ratio;
        int frames = endFrame - state.emittedFrames;
        float[] part = new float[FlowMatchingSolver.MEL_BINS * frames];
        for (int c = 0; c < FlowMatchingSolver.MEL_BINS; c++) {
            System.arraycopy(mel.values(), c * mel.frames() + state.emittedFrames, part, c * frames, frames);
        }
        HiftVocoder.Chunk chunk = vocoder.vocode(part, frames, state.cache, last);
        tracer.on(Stage.VOCODER_END, index);
        state.cache = chunk.cache();
        state.emittedTokens = upTo;
        state.emittedFrames = endFrame;
        boolean more = chunk.samples().length == 0 || sink.accept(chunk.samples());
        tracer.on(Stage.CHUNK_DELIVERED, index);
        return more;
    }

    private float[] synthesizeSentence(String sentence, int index, VoicePrompt llmVoice, VoicePrompt flowVoice,
            long[] promptText, double speed, CancellationToken cancel) {
        long[] text = tokenizer.encode(sentence);
        tracer.on(Stage.LLM_START, index);
        int[] tokens = llm.generate(promptText, text, llmVoice.speechTokens(), cancel);
        tracer.on(Stage.LLM_END, index);
        if (tokens.length == 0) {
            return new float[0];
        }
        CosyVoiceFlow.Mel mel = flow.inference(flowVoice.speechTokens(), tokens, flowVoice.mel(),
                flowVoice.melFrames(), flowVoice.embedding());
        tracer.on(Stage.FLOW_END, index);
        if (speed != 1.0) {
            mel = stretch(mel, speed);
        }
        float[] pcm = vocoder.vocode(mel.values(), mel.frames());
        tracer.on(Stage.VOCODER_END, index);
        return pcm;
    }

    /**
     * Speaking rate as upstream applies it: the mel is linearly resampled along time to {@code frames / speed}
     * (as {@code F.interpolate(mode='linear', align_corners=False)}), so the vocoder makes shorter or longer audio.
     */
    static CosyVoiceFlow.Mel stretch(CosyVoiceFlow.Mel mel, double speed) {
        int in = mel.frames();
        int out = Math.max(1, (int) (in / speed));
        int bins = mel.values().length / in;
        float[] values = new float[bins * out];
        double scale = in / (double) out;
        for (int t = 0; t < out; t++) {
            double src = Math.max(0, (t + 0.5) * scale - 0.5);
            int lo = Math.min(in - 1, (int) src);
            int hi = Math.min(in - 1, lo + 1);
            float w = (float) (src - lo);
            for (int b = 0; b < bins; b++) {
                values[b * out + t] = mel.values()[b * in + lo] * (1 - w) + mel.values()[b * in + hi] * w;
            }
        }
        return new CosyVoiceFlow.Mel(values, out);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
