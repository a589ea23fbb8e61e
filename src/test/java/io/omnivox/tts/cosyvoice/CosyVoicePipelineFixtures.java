package io.omnivox.tts.cosyvoice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.omnivox.testkit.OnnxDType;
import io.omnivox.testkit.OnnxGraphBuilder;

/**
 * A complete CosyVoice 2 model directory of fixtures with the exact file names, I/O names, dtypes, ranks and metadata of
 * {@code models/cosyvoice2.yaml}, computing known functions so tests can predict every stage. The only dimension shrunk
 * is the LLM's hidden width ({@value #HIDDEN} instead of 896; the Java side reads it from the model). Vocabulary
 * (6564), speech_token_size (6561), 24 layers, 2 KV heads and head dim 64 are the real ones.
 *
 * <h2>The LLM</h2>
 * The embedding graphs write flags into channels of a {@value #HIDDEN}-wide vector: text → channel 0 = 1 (channel 5 =
 * id); speech id ≥ 100 (a "generated" token) → channel 1 = 1; speech id &lt; 100 (a prompt token) → channel 2 = 1 and
 * channel 4 = id; special id s → channel 3 = s + 1. {@code llm.onnx} appends the embeddings to its KV cache (all 24
 * layers, both heads), sums the cache over time and emits, with logit 20 against 0 everywhere else:
 * {@code 6561} (end of speech) once {@code generated ≥ 3·text}, else {@code 97 + generated + specials + promptSum}.
 * Wired right (SOS + TASK_ID give specials = 3), the j-th token is {@link #expectedToken(int, int)} and there are
 * {@code 3 × (prompt text + text tokens)} of them, so the prompt's speech tokens and transcript both show.
 *
 * <h2>The rest</h2>
 * {@code flow_encoder}: {@code mu[c, 2i + r] = token_i / 1000}; {@code flow_speaker}: {@code spks = embedding[0:80]};
 * estimator and HiFT: {@link CosyVoiceFixtures}; {@code campplus}: {@code output = [m, m, m[0:32]]} with
 * {@code m = mean_t |input|}; speech tokenizer: the mean of each group of 4 feature frames over the 128 bins,
 * {@code floor(|x|·37) mod 10} (so prompt tokens are 0 … 9, 25 per second).
 */
public final class CosyVoicePipelineFixtures {

    static final int HIDDEN = 64;
    static final int VOCAB = 6564;
    static final int SPEECH_TOKEN_SIZE = 6561;
    static final int LAYERS = 24;
    static final int KV_HEADS = 2;
    static final int HEAD_DIM = 64;
    /** Speech tokens per text token the fixture LLM emits. */
    static final int TOKENS_PER_TEXT_TOKEN = 3;

    /** WordLevel, lower-cased, split on whitespace and punctuation. */
    static final String TOKENIZER_JSON = """
            {
              "version": "1.0", "truncation": null, "padding": null,
              "added_tokens": [
                {"id": 0, "content": "[UNK]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}
              ],
              "normalizer": {"type": "Lowercase"},
              "pre_tokenizer": {"type": "Whitespace"},
              "post_processor": null,
              "decoder": null,
              "model": {"type": "WordLevel", "unk_token": "[UNK]",
                "vocab": {"[UNK]": 0, "hello": 1, "world": 2, ".": 3, "how": 4, "are": 5, "you": 6, "?": 7,
                          "fine": 8, "!": 9, "this": 10, "is": 11, "me": 12}}
            }
            """;

    private CosyVoicePipelineFixtures() {
    }

    /** The j-th generated token (0-based) for a prompt whose speech tokens sum to {@code promptSum}. */
    static int expectedToken(int j, int promptSum) {
        return 100 + j + promptSum;
    }

    /** Writes every file of {@link CosyVoiceSynthesizer#FILES} into {@code dir}. */
    public static Path writeModelDir(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(CosyVoiceSynthesizer.TOKENIZER_FILE), TOKENIZER_JSON, StandardCharsets.UTF_8);
            Files.write(dir.resolve(CampPlus.FILE), campPlus());
            Files.write(dir.resolve(SpeechTokenizer.FILE), speechTokenizer(false));
            Files.write(dir.resolve(OnnxFlowEstimator.FILE), CosyVoiceFixtures.estimator());
            Files.write(dir.resolve(CosyVoiceLlm.TEXT_EMBEDDING_FILE), textEmbedding());
            Files.write(dir.resolve(CosyVoiceLlm.SPEECH_EMBEDDING_FILE), speechEmbedding());
            Files.write(dir.resolve(CosyVoiceLlm.SPECIAL_EMBEDDING_FILE), specialEmbedding());
            Files.write(dir.resolve(CosyVoiceLlm.LLM_FILE), llm());
            Files.write(dir.resolve(CosyVoiceFlow.SPEAKER_FILE), flowSpeaker());
            Files.write(dir.resolve(CosyVoiceFlow.ENCODER_FILE), flowEncoder());
            Files.write(dir.resolve(HiftVocoder.F0_FILE), CosyVoiceFixtures.f0());
            Files.write(dir.resolve(HiftVocoder.SOURCE_FILE), CosyVoiceFixtures.source());
            Files.write(dir.resolve(HiftVocoder.DECODER_FILE), CosyVoiceFixtures.passThroughDecoder());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float[] unit(int channel) {
        float[] v = new float[HIDDEN];
        v[channel] = 1f;
        return v;
    }

    /** [B, S] → [B, S, 1] float. */
    private static String column(OnnxGraphBuilder g, String floats) {
        return g.op("Unsqueeze", floats, g.constLongs(2));
    }

    static byte[] textEmbedding() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("llm-text-embedding-fixture");
        String ids = g.input("input_ids", OnnxDType.INT64, "B", "S");
        String value = g.op("Mul", column(g, g.node("Cast", ids).attr("to", 1L).out()), g.constFloats(unit(5)));
        String out = g.op("Add", value, g.constFloats(unit(0)));
        g.output("inputs_embeds", out, OnnxDType.FLOAT, "B", "S", HIDDEN);
        return g.toBytes();
    }

    static byte[] speechEmbedding() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("llm-speech-embedding-fixture");
        String ids = g.input("speech_tokens", OnnxDType.INT64, "B", "S");
        String idf = g.node("Cast", ids).attr("to", 1L).out();
        String generated = g.node("Cast", g.op("Greater", ids, g.constLongs(99))).attr("to", 1L).out();
        String prompt = g.op("Sub", g.scalarFloat(1f), generated);
        String out = g.op("Mul", column(g, generated), g.constFloats(unit(1)));
        out = g.op("Add", out, g.op("Mul", column(g, prompt), g.constFloats(unit(2))));
        out = g.op("Add", out, g.op("Mul", column(g, g.op("Mul", prompt, idf)), g.constFloats(unit(4))));
        g.output("inputs_embeds", out, OnnxDType.FLOAT, "B", "S", HIDDEN);
        return g.toBytes();
    }

    static byte[] specialEmbedding() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("llm-special-embedding-fixture");
        String ids = g.input("special_ids", OnnxDType.INT64, "B", "S");
        String plusOne = g.op("Add", g.node("Cast", ids).attr("to", 1L).out(), g.scalarFloat(1f));
        String out = g.op("Mul", column(g, plusOne), g.constFloats(unit(3)));
        g.output("inputs_embeds", out, OnnxDType.FLOAT, "B", "S", HIDDEN);
        return g.toBytes();
    }

    static byte[] llm() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("llm-fixture");
        String embeds = g.input("inputs_embeds", OnnxDType.FLOAT, "B", "S", HIDDEN);
        g.input("attention_mask", OnnxDType.INT64, "B", "past+S");
        g.input("position_ids", OnnxDType.INT64, "B", "S");
        // [B, S, 64] -> [B, 2, S, 64]: the new cache rows of every layer.
        String rows = g.op("Expand", g.op("Unsqueeze", embeds, g.constLongs(1)), g.constLongs(1, KV_HEADS, 1, 1));
        String firstKey = null;
        for (int layer = 0; layer < LAYERS; layer++) {
            for (String role : new String[] { "key", "value" }) {
                String past = g.input("past_key_values." + layer + "." + role, OnnxDType.FLOAT, "B", KV_HEADS, "past",
                        HEAD_DIM);
                String concat = g.node("Concat", past, rows).attr("axis", 2L).out();
                String present = g.output("present." + layer + "." + role, g.op("Identity", concat), OnnxDType.FLOAT,
                        "B", KV_HEADS, "past+S", HEAD_DIM);
                if (firstKey == null) {
                    firstKey = present;
                }
            }
        }
        // Sum over time of head 0 of layer 0's key: [B, 64].
        String sums = g.node("ReduceSum", firstKey, g.constLongs(2)).attr("keepdims", 0L).out();
        sums = g.node("Gather", sums, g.scalarLong(0)).attr("axis", 1L).out();
        String text = channel(g, sums, 0);
        String generated = channel(g, sums, 1);
        String specials = channel(g, sums, 3);
        String promptSum = channel(g, sums, 4);
        String token = g.op("Add", g.op("Add", g.op("Add", generated, specials), promptSum), g.scalarFloat(97f));
        String done = g.op("GreaterOrEqual", generated, g.op("Mul", text, g.scalarFloat(TOKENS_PER_TEXT_TOKEN)));
        token = g.op("Where", done, g.scalarFloat(SPEECH_TOKEN_SIZE), token);
        String tokenId = g.node("Cast", token).attr("to", 7L).out(); // [B, 1] int64
        long[] vocab = new long[VOCAB];
        for (int i = 0; i < VOCAB; i++) {
            vocab[i] = i;
        }
        String hot = g.op("Equal", g.op("Unsqueeze", tokenId, g.constLongs(2)), g.constLongs(vocab)); // [B, 1, V]
        String row = g.op("Mul", g.node("Cast", hot).attr("to", 1L).out(), g.scalarFloat(20f));
        String batchSeq = g.node("Shape", embeds).attr("start", 0L).attr("end", 2L).out();
        String shape = g.node("Concat", batchSeq, g.constLongs(VOCAB)).attr("axis", 0L).out();
        g.output("logits", g.op("Expand", row, shape), OnnxDType.FLOAT, "B", "S", VOCAB);
        g.metadata("vocab_size", String.valueOf(VOCAB)).metadata("speech_token_size", String.valueOf(SPEECH_TOKEN_SIZE))
                .metadata("eos_token_id", String.valueOf(SPEECH_TOKEN_SIZE));
        return g.toBytes();
    }

    /** [B, 64] → [B, 1], channel c. */
    private static String channel(OnnxGraphBuilder g, String sums, int c) {
        return g.node("Gather", sums, g.constLongs(c)).attr("axis", 1L).out();
    }

    static byte[] flowSpeaker() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("flow-speaker-fixture");
        String embedding = g.input("embedding", OnnxDType.FLOAT, 1, 192);
        String spks = g.op("Slice", embedding, g.constLongs(0), g.constLongs(80), g.constLongs(1));
        g.output("spks", spks, OnnxDType.FLOAT, 1, 80);
        return g.toBytes();
    }

    static byte[] flowEncoder() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("flow-encoder-fixture");
        String tokens = g.input("speech_tokens", OnnxDType.INT64, 1, "T");
        String value = g.op("Mul", g.node("Cast", tokens).attr("to", 1L).out(), g.scalarFloat(0.001f));
        String grid = g.op("Expand", g.op("Unsqueeze", value, g.constLongs(1, 3)), g.constLongs(1, 80, 1, 2));
        g.output("mu", g.op("Reshape", grid, g.constLongs(1, 80, -1)), OnnxDType.FLOAT, 1, 80, "2*T");
        g.metadata("token_mel_ratio", "2");
        return g.toBytes();
    }

    static byte[] campPlus() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("campplus-fixture");
        String input = g.input("input", OnnxDType.FLOAT, "B", "T", 80);
        String m = g.node("ReduceMean", g.op("Abs", input)).ints("axes", 1).attr("keepdims", 0L).out();
        String head = g.op("Slice", m, g.constLongs(0), g.constLongs(32), g.constLongs(1));
        g.output("output", g.node("Concat", m, m, head).attr("axis", 1L).out(), OnnxDType.FLOAT, "B", 192);
        return g.toBytes();
    }

    /** What {@link #campPlus()} computes from the features. */
    static float[] campPlusReference(float[][] feats) {
        float[] m = new float[80];
        for (int b = 0; b < 80; b++) {
            double sum = 0;
            for (float[] frame : feats) {
                sum += Math.abs(frame[b]);
            }
            m[b] = (float) (sum / feats.length);
        }
        float[] out = new float[192];
        System.arraycopy(m, 0, out, 0, 80);
        System.arraycopy(m, 0, out, 80, 80);
        System.arraycopy(m, 0, out, 160, 32);
        return out;
    }

    static byte[] speechTokenizer(boolean int64) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("speech-tokenizer-fixture");
        String feats = g.input("feats", OnnxDType.FLOAT, 1, 128, "T");
        g.input("feats_length", OnnxDType.INT32, 1);
        String mean = g.node("ReduceMean", feats).ints("axes", 1).attr("keepdims", 1L).out(); // [1, 1, T]
        String pooled = g.node("AveragePool", mean).ints("kernel_shape", 4).ints("strides", 4).out();
        String scaled = g.op("Floor", g.op("Mul", g.op("Abs", pooled), g.scalarFloat(37f)));
        String digit = g.node("Mod", scaled, g.scalarFloat(10f)).attr("fmod", 1L).out();
        String ids = g.node("Cast", g.op("Reshape", digit, g.constLongs(1, -1))).attr("to", int64 ? 7L : 6L).out();
        g.output("indices", ids, int64 ? OnnxDType.INT64 : OnnxDType.INT32, 1, "tokens");
        return g.toBytes();
    }

    /** What {@link #speechTokenizer(boolean)} computes from the features [128][T]. */
    static int[] speechTokenizerReference(float[][] feats) {
        int frames = feats[0].length;
        int[] out = new int[frames / 4];
        for (int i = 0; i < out.length; i++) {
            double sum = 0;
            for (int t = 4 * i; t < 4 * i + 4; t++) {
                for (float[] bin : feats) {
                    sum += bin[t];
                }
            }
            float mean = (float) (sum / (4 * 128));
            out[i] = (int) (Math.floor(Math.abs(mean) * 37f) % 10);
        }
        return out;
    }
}
