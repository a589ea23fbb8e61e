package io.omnivox.testkit;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A SenseVoice-Small fixture with the sherpa-onnx export's exact contract: inputs {@code x} float32 [N, T, 560],
 * {@code x_length}, {@code language}, {@code text_norm} int32 [N]; output {@code logits} float32 [N, T + 4, vocab];
 * the same metadata keys (LFR 7/6, identity CMVN, language and ITN ids). Its behaviour is known exactly:
 * <ul>
 * <li>frame t's logits are the first {@code vocab} feature values of frame t (so features choose the tokens);</li>
 * <li>frames at or past {@code x_length} are blank (so padding and lengths are checked);</li>
 * <li>the four query frames say: the language tag for the {@code language} id (auto gives {@code <|en|>}),
 * {@code <|HAPPY|>}, {@code <|Speech|>}, and {@code <|withitn|>} or {@code <|woitn|>} from {@code text_norm}.</li>
 * </ul>
 */
public final class FixtureSenseVoice {

    public static final int FEATURE_DIM = 560;
    /** The vocabulary, id = index; id 0 is the CTC blank. */
    public static final List<String> TOKENS = List.of("<unk>", "<s>", "</s>", "<|zh|>", "<|en|>", "<|yue|>", "<|ja|>",
            "<|ko|>", "<|nospeech|>", "<|HAPPY|>", "<|SAD|>", "<|NEUTRAL|>", "<|Speech|>", "<|BGM|>", "<|Laughter|>",
            "<|withitn|>", "<|woitn|>", "\u2581hello", "\u2581world", "你", "好", "\u2581twenty", "\u2581one", "\u258121");
    public static final int VOCAB = TOKENS.size();

    /** Language ids as the real export's metadata gives them. */
    public static final Map<String, Integer> LANGUAGE_IDS = Map.of("auto", 0, "zh", 3, "en", 4, "yue", 7, "ja", 11,
            "ko", 12, "nospeech", 13);
    public static final int WITH_ITN = 14;
    public static final int WITHOUT_ITN = 15;
    private static final float HOT = 10f;

    private FixtureSenseVoice() {
    }

    /** The id of a piece of {@link #TOKENS}. */
    public static int id(String piece) {
        int id = TOKENS.indexOf(piece);
        if (id < 0) {
            throw new IllegalArgumentException("not in the fixture vocabulary: " + piece);
        }
        return id;
    }

    /** {@code tokens.txt} in sherpa-onnx's format. */
    public static String tokensTxt() {
        return IntStream.range(0, VOCAB).mapToObj(i -> TOKENS.get(i) + " " + i).collect(Collectors.joining("\n", "", "\n"));
    }

    /** Features whose frame t selects token {@code ids[t]} (0 = blank). */
    public static float[][] features(int... ids) {
        float[][] frames = new float[ids.length][FEATURE_DIM];
        for (int t = 0; t < ids.length; t++) {
            frames[t][ids[t]] = HOT;
        }
        return frames;
    }

    public static byte[] model() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("sense-voice-fixture");
        String x = g.input("x", OnnxDType.FLOAT, "N", "T", FEATURE_DIM);
        String length = g.input("x_length", OnnxDType.INT32, "N");
        String language = g.input("language", OnnxDType.INT32, "N");
        String textNorm = g.input("text_norm", OnnxDType.INT32, "N");

        String body = g.op("Slice", x, g.constLongs(0), g.constLongs(VOCAB), g.constLongs(2));
        String frames = g.op("Squeeze", g.node("Shape", x).attr("start", 1L).attr("end", 2L).out(), g.constLongs(0));
        String positions = g.op("Range", g.scalarLong(0), frames, g.scalarLong(1));
        String lengths = g.op("Unsqueeze", g.node("Cast", length).attr("to", 7L).out(), g.constLongs(1));
        String valid = g.op("Unsqueeze", g.op("Less", g.op("Unsqueeze", positions, g.constLongs(0)), lengths),
                g.constLongs(2));
        String blank = g.constFloats(oneHot(0), 1, 1, VOCAB);
        body = g.op("Where", valid, body, blank);

        String langRow = g.op("Gather", table(g, languageTable()), language);
        String emotionRow = g.op("Gather", table(g, constantTable(id("<|HAPPY|>"))), language);
        String eventRow = g.op("Gather", table(g, constantTable(id("<|Speech|>"))), language);
        String itnRow = g.op("Gather", table(g, itnTable()), textNorm);
        String queries = g.node("Concat", unsqueeze(g, langRow), unsqueeze(g, emotionRow), unsqueeze(g, eventRow),
                unsqueeze(g, itnRow)).attr("axis", 1L).out();
        String logits = g.node("Concat", queries, body).attr("axis", 1L).out();
        g.output("logits", logits, OnnxDType.FLOAT, "N", "T+4", VOCAB);
        metadata(g);
        return g.toBytes();
    }

    private static String unsqueeze(OnnxGraphBuilder g, String row) {
        return g.op("Unsqueeze", row, g.constLongs(1));
    }

    /** A [16, vocab] constant: one row of logits per id a query input can take. */
    private static String table(OnnxGraphBuilder g, float[][] rows) {
        float[] flat = new float[rows.length * VOCAB];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * VOCAB, VOCAB);
        }
        return g.constFloats(flat, rows.length, VOCAB);
    }

    private static void metadata(OnnxGraphBuilder g) {
        String zeros = IntStream.range(0, FEATURE_DIM).mapToObj(i -> "0").collect(Collectors.joining(","));
        String ones = IntStream.range(0, FEATURE_DIM).mapToObj(i -> "1").collect(Collectors.joining(","));
        g.metadata("model_type", "sense_voice_ctc");
        g.metadata("lfr_window_size", "7");
        g.metadata("lfr_window_shift", "6");
        g.metadata("normalize_samples", "0");
        g.metadata("neg_mean", zeros);
        g.metadata("inv_stddev", ones);
        g.metadata("vocab_size", String.valueOf(VOCAB));
        LANGUAGE_IDS.forEach((code, id) -> g.metadata("lang_" + code, String.valueOf(id)));
        g.metadata("with_itn", String.valueOf(WITH_ITN));
        g.metadata("without_itn", String.valueOf(WITHOUT_ITN));
    }

    /** Row {@code language id} holds the one-hot logits of that language's tag; auto answers English. */
    private static float[][] languageTable() {
        float[][] rows = constantTable(id("<|en|>"));
        LANGUAGE_IDS.forEach((code, id) -> {
            if (!code.equals("auto")) {
                rows[id] = oneHot(id("<|" + code + "|>"));
            }
        });
        return rows;
    }

    private static float[][] itnTable() {
        float[][] rows = constantTable(0);
        rows[WITH_ITN] = oneHot(id("<|withitn|>"));
        rows[WITHOUT_ITN] = oneHot(id("<|woitn|>"));
        return rows;
    }

    private static float[][] constantTable(int token) {
        float[][] rows = new float[16][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = oneHot(token);
        }
        return rows;
    }

    private static float[] oneHot(int token) {
        float[] row = new float[VOCAB];
        row[token] = HOT;
        return row;
    }
}
