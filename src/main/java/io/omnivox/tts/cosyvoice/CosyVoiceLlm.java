package io.omnivox.tts.cosyvoice;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxModel;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.TensorSpec;
import io.omnivox.model.decoder.AutoregressiveDecoder;
import io.omnivox.model.decoder.CancellationToken;
import io.omnivox.model.decoder.GenerationOptions;
import io.omnivox.model.decoder.GenerationResult;
import io.omnivox.model.decoder.OnnxCausalLm;
import io.omnivox.model.decoder.TokenListener;

/**
 * CosyVoice 2's speech-token LLM: the three embedding graphs ({@code llm_text_embedding.onnx},
 * {@code llm_speech_embedding.onnx}, {@code llm_special_embedding.onnx}) and {@code llm.onnx} (Qwen2.5 backbone +
 * speech head, Optimum KV layout, {@code inputs_embeds} only) run through the generic {@link AutoregressiveDecoder}.
 *
 * <p>The prompt is {@code [special(SOS), text(prompt_text + text), special(TASK_ID), speech(prompt_speech_tokens)]}
 * (the prompt parts empty for a voice without a prompt); each sampled token is fed back through the speech embedding.
 * Generation stops at any id ≥ {@code speech_token_size} (6561 = end of speech; 6562, 6563 are reserved), read from
 * {@code llm.onnx}'s metadata. The length is bounded to {@code maxTokensPerTextToken} × the target text's token count
 * (upstream's {@code max_token_text_ratio} 20).
 *
 * <p>Sampling: upstream's "RAS" (repetition-aware sampling: top-p 0.8 / top-k 25, and a token that already occurs in the
 * last 10 is re-drawn from the full distribution) is approximated with the generic sampler: top-k 25, top-p 0.8 and a
 * repetition penalty over a window of the last 10 generated tokens. Upstream's minimum length (2 tokens per text token,
 * enforced by ignoring EOS) is not enforced: the generic decoder has no minimum-length hook, so an early end of speech
 * is accepted; {@link #minLength(int)} reports the bound for callers that want to check it.
 *
 * <p>The hidden width is read from {@code llm.onnx}'s {@code inputs_embeds} (896 for the real export) and the
 * embedding graphs are checked against it. Thread-safe: each call has its own decoder state.
 */
public final class CosyVoiceLlm implements AutoCloseable {

    public static final String TEXT_EMBEDDING_FILE = "llm_text_embedding.onnx";
    public static final String SPEECH_EMBEDDING_FILE = "llm_speech_embedding.onnx";
    public static final String SPECIAL_EMBEDDING_FILE = "llm_special_embedding.onnx";
    public static final String LLM_FILE = "llm.onnx";
    /** Index of SOS in {@code llm_special_embedding.onnx}. */
    public static final long SOS = 0;
    /** Index of TASK_ID in {@code llm_special_embedding.onnx}. */
    public static final long TASK_ID = 1;

    /**
     * Sampling and length settings; {@link #DEFAULTS} are CosyVoice 2's ({@code sampling: ras}, top-p 0.8, top-k 25,
     * window 10; min/max 2/20 speech tokens per text token).
     *
     * @param temperature          softmax temperature (1 upstream)
     * @param topK                 top-k cut
     * @param topP                 nucleus mass
     * @param repetitionPenalty    penalty on tokens in the window (the RAS approximation), ≥ 1
     * @param repetitionWindow     generated tokens the penalty looks back on
     * @param minTokensPerTextToken upstream's {@code min_token_text_ratio}
     * @param maxTokensPerTextToken upstream's {@code max_token_text_ratio}
     * @param seed                 sampling seed
     */
    public record Settings(double temperature, int topK, double topP, double repetitionPenalty, int repetitionWindow,
            double minTokensPerTextToken, double maxTokensPerTextToken, long seed) {

        public static final Settings DEFAULTS = new Settings(1.0, 25, 0.8, 1.5, 10, 2, 20, 0);

        public Settings {
            if (!(maxTokensPerTextToken > 0) || minTokensPerTextToken < 0
                    || minTokensPerTextToken > maxTokensPerTextToken) {
                throw new IllegalArgumentException("bad speech/text length ratios " + minTokensPerTextToken + ".."
                        + maxTokensPerTextToken);
            }
        }

        public Settings withSeed(long newSeed) {
            return new Settings(temperature, topK, topP, repetitionPenalty, repetitionWindow, minTokensPerTextToken,
                    maxTokensPerTextToken, newSeed);
        }
    }

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OnnxModel textEmbedding;
    private final OnnxModel speechEmbedding;
    private final OnnxModel specialEmbedding;
    private final OnnxModel llm;
    private final boolean owned;
    private final Settings settings;
    private final int hidden;
    private final int speechTokenSize;
    private final OnnxCausalLm causalLm;
    private final AutoregressiveDecoder decoder;
    private final Set<Integer> stopTokens;

    /** An LLM owning the four models. */
    public CosyVoiceLlm(OnnxModel textEmbedding, OnnxModel speechEmbedding, OnnxModel specialEmbedding, OnnxModel llm,
            Settings settings) {
        this(textEmbedding, speechEmbedding, specialEmbedding, llm, settings, true);
    }

    private CosyVoiceLlm(OnnxModel textEmbedding, OnnxModel speechEmbedding, OnnxModel specialEmbedding, OnnxModel llm,
            Settings settings, boolean owned) {
        this.textEmbedding = textEmbedding;
        this.speechEmbedding = speechEmbedding;
        this.specialEmbedding = specialEmbedding;
        this.llm = llm;
        this.owned = owned;
        this.settings = settings;
        TensorSpec embeds = llm.inputs().get("inputs_embeds");
        String what = "CosyVoice 2's LLM (inputs_embeds, attention_mask, position_ids, past_key_values -> logits)";
        OnnxContract.expect(llm, what, "inputs_embeds", embeds, "float32", -1, -1, -1);
        OnnxContract.expect(llm, what, "attention_mask", llm.inputs().get("attention_mask"), "int64", -1, -1);
        OnnxContract.expect(llm, what, "position_ids", llm.inputs().get("position_ids"), "int64", -1, -1);
        OnnxContract.expect(llm, what, "logits", llm.outputs().get("logits"), "float32", -1, -1, -1);
        if (embeds.dim(2) < 1) {
            throw new ModelException("Model " + llm.name() + " declares no fixed hidden width for inputs_embeds");
        }
        this.hidden = (int) embeds.dim(2);
        checkEmbedding(textEmbedding, "input_ids");
        checkEmbedding(speechEmbedding, "speech_tokens");
        checkEmbedding(specialEmbedding, "special_ids");
        this.speechTokenSize = OnnxContract.positiveMetadata(llm, "speech_token_size");
        this.causalLm = OnnxCausalLm.of(llm, this::embedSpeech);
        int vocab = causalLm.vocabSize();
        if (vocab <= speechTokenSize) {
            throw new ModelException("Model " + llm.name() + ": vocabulary " + vocab + " has no end-of-speech id at or"
                    + " above speech_token_size " + speechTokenSize);
        }
        Set<Integer> stops = new HashSet<>();
        for (int id = speechTokenSize; id < vocab; id++) {
            stops.add(id);
        }
        this.stopTokens = Set.copyOf(stops);
        this.decoder = new AutoregressiveDecoder(causalLm);
    }

    /** The four graphs in {@code modelDir}; the factory owns the sessions. */
    public static CosyVoiceLlm open(OnnxSessionFactory factory, Path modelDir, Settings settings) {
        return new CosyVoiceLlm(factory.open(modelDir.resolve(TEXT_EMBEDDING_FILE)),
                factory.open(modelDir.resolve(SPEECH_EMBEDDING_FILE)),
                factory.open(modelDir.resolve(SPECIAL_EMBEDDING_FILE)), factory.open(modelDir.resolve(LLM_FILE)),
                settings, false);
    }

    private void checkEmbedding(OnnxModel model, String input) {
        String what = "a CosyVoice 2 embedding graph (" + input + " -> inputs_embeds [B, S, " + hidden + "])";
        OnnxContract.expect(model, what, input, model.inputs().get(input), "int64", -1, -1);
        OnnxContract.expect(model, what, "inputs_embeds", model.outputs().get("inputs_embeds"), "float32", -1, -1,
                hidden);
    }

    public Settings settings() {
        return settings;
    }

    /** Ids below this are speech tokens (6561); it and above end the speech. */
    public int speechTokenSize() {
        return speechTokenSize;
    }

    /** The LLM's hidden width. */
    public int hidden() {
        return hidden;
    }

    /** Upstream's minimum speech length for {@code textTokens} target text tokens. */
    public int minLength(int textTokens) {
        return (int) (textTokens * settings.minTokensPerTextToken());
    }

    /** The maximum speech length for {@code textTokens} target text tokens (at least 1). */
    public int maxLength(int textTokens) {
        return Math.max(1, (int) (textTokens * settings.maxTokensPerTextToken()));
    }

    /** The prompt embeddings [SOS, prompt text + text, TASK_ID, prompt speech], [length][hidden]. */
    public float[][] promptEmbeddings(long[] promptText, long[] text, int[] promptSpeech) {
        long[] allText = new long[promptText.length + text.length];
        System.arraycopy(promptText, 0, allText, 0, promptText.length);
        System.arraycopy(text, 0, allText, promptText.length, text.length);
        float[][] sos = embed(specialEmbedding, "special_ids", new long[] { SOS });
        float[][] textRows = embed(textEmbedding, "input_ids", allText);
        float[][] task = embed(specialEmbedding, "special_ids", new long[] { TASK_ID });
        long[] speechIds = new long[promptSpeech.length];
        for (int i = 0; i < promptSpeech.length; i++) {
            speechIds[i] = promptSpeech[i];
        }
        float[][] speech = embed(speechEmbedding, "speech_tokens", speechIds);
        float[][] all = new float[2 + textRows.length + speech.length][];
        int i = 0;
        all[i++] = sos[0];
        for (float[] row : textRows) {
            all[i++] = row;
        }
        all[i++] = task[0];
        for (float[] row : speech) {
            all[i++] = row;
        }
        return all;
    }

    /**
     * Generates the speech tokens of {@code text}.
     *
     * @param promptText   token ids of the voice prompt's transcript (empty without a prompt)
     * @param text         token ids of the text to speak
     * @param promptSpeech speech tokens of the voice prompt (empty without a prompt)
     * @return speech tokens (0 … speech_token_size − 1), end of speech excluded
     */
    public int[] generate(long[] promptText, long[] text, int[] promptSpeech, CancellationToken cancel) {
        return generate(promptText, text, promptSpeech, TokenListener.NONE, cancel);
    }

    /** As {@link #generate(long[], long[], int[], CancellationToken)}, streaming each speech token to {@code listener}. */
    public int[] generate(long[] promptText, long[] text, int[] promptSpeech, TokenListener listener,
            CancellationToken cancel) {
        if (text.length == 0) {
            return new int[0];
        }
        GenerationOptions options = GenerationOptions.greedy(maxLength(text.length))
                .withSampling(settings.temperature(), settings.topK(), settings.topP(), settings.seed())
                .withRepetitionPenalty(settings.repetitionPenalty(), settings.repetitionWindow());
        options = new GenerationOptions(options.maxNewTokens(), options.temperature(), options.topK(), options.topP(),
                options.repetitionPenalty(), options.repetitionWindow(), 0, stopTokens, options.seed());
        // The repetition rules look at generated tokens only (promptIds empty), as upstream's RAS does.
        GenerationResult result = decoder.generate(promptEmbeddings(promptText, text, promptSpeech), new long[0],
                options, listener, cancel);
        return result.tokens();
    }

    /** Speech-token embeddings, the decoder's {@link io.omnivox.model.decoder.TokenEmbedder}. */
    float[][] embedSpeech(long[] ids) {
        return embed(speechEmbedding, "speech_tokens", ids);
    }

    private float[][] embed(OnnxModel model, String input, long[] ids) {
        if (ids.length == 0) {
            return new float[0][];
        }
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] { 1, ids.length });
                OrtSession.Result result = model.run(Map.of(input, tensor))) {
            float[] flat = OnnxContract.floats(model, result, "inputs_embeds", (long) ids.length * hidden);
            FloatBuffer buffer = FloatBuffer.wrap(flat);
            float[][] rows = new float[ids.length][hidden];
            for (float[] row : rows) {
                buffer.get(row);
            }
            return rows;
        } catch (OrtException e) {
            throw new ModelException("Embedding " + model.name() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (owned) {
            OnnxContract.closeAll("the CosyVoice LLM", textEmbedding, speechEmbedding, specialEmbedding, llm);
        }
    }
}
