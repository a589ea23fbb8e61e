package io.omnivox.testkit.llama2c;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a llama2.c tokenizer ({@code tok512.bin}) into a Hugging Face {@code tokenizer.json}
 * that reproduces llama2.c's {@code encode}/{@code decode} with the standard tokenizers pipeline
 * (the same shape as Llama-2's own {@code tokenizer.json}):
 * <ul>
 *   <li>normalizer: Prepend "▁" (llama2.c's dummy-prefix space, not added to empty text) and
 *       Replace " " → "▁"; vocabulary pieces get the same " " → "▁" mapping;</li>
 *   <li>model: BPE with {@code byte_fallback} onto the {@code <0xNN>} pieces; merges are derived
 *       from the vocabulary (every split of a piece into two pieces), ranked by the merged piece's
 *       score, best first, which is exactly llama2.c's "merge the adjacent pair whose merged token
 *       scores highest" loop;</li>
 *   <li>BOS: a TemplateProcessing post-processor puts {@code <s>} (id 1) first when special tokens
 *       are added (HF's default, like Llama-2); encode with {@code addSpecialTokens=false} to get
 *       the bare pieces;</li>
 *   <li>decoder: Replace "▁" → " ", ByteFallback, Fuse, Strip one leading space, which is what
 *       llama2.c prints for the pieces after BOS (it drops the first piece's leading space).</li>
 * </ul>
 * llama2.c's {@code "\n<s>\n"} / {@code "\n</s>\n"} pieces become special tokens {@code <s>} and
 * {@code </s>}.
 */
public final class Llama2cTokenizerJson {

    /** BOS id in llama2.c tokenizers. */
    public static final int BOS = 1;
    /** EOS id in llama2.c tokenizers. */
    public static final int EOS = 2;

    private static final String[] SPECIALS = {"<unk>", "<s>", "</s>"};

    private Llama2cTokenizerJson() {
    }

    /**
     * A llama2.c tokenizer file.
     *
     * @param maxTokenLength longest piece in bytes
     * @param pieces         the pieces as llama2.c stores them (spaces as ' ', BOS as "\n&lt;s&gt;\n")
     * @param scores         merge scores, higher merges first
     */
    public record Vocab(int maxTokenLength, List<String> pieces, float[] scores) {

        /** Reads {@code tok*.bin}: int32 max length, then per token float32 score, int32 length, UTF-8 bytes. */
        public static Vocab read(Path file, int vocabSize) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            int maxLen = b.getInt();
            List<String> pieces = new ArrayList<>(vocabSize);
            float[] scores = new float[vocabSize];
            for (int i = 0; i < vocabSize; i++) {
                scores[i] = b.getFloat();
                byte[] bytes = new byte[b.getInt()];
                b.get(bytes);
                pieces.add(new String(bytes, StandardCharsets.UTF_8));
            }
            return new Vocab(maxLen, List.copyOf(pieces), scores);
        }
    }

    /** Reads {@code tokBin} ({@code vocabSize} entries) and returns the tokenizer.json text. */
    public static String fromFile(Path tokBin, int vocabSize) throws IOException {
        return toJson(Vocab.read(tokBin, vocabSize));
    }

    /** Writes the tokenizer.json for {@code tokBin} to {@code target} and returns it. */
    public static Path write(Path tokBin, int vocabSize, Path target) throws IOException {
        return Files.writeString(target, fromFile(tokBin, vocabSize));
    }

    /** The tokenizer.json text for {@code vocab}. */
    public static String toJson(Vocab vocab) {
        List<String> names = hfPieces(vocab);
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (ids.putIfAbsent(names.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate piece " + names.get(i));
            }
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "BPE");
        model.put("dropout", null);
        model.put("unk_token", "<unk>");
        model.put("continuing_subword_prefix", null);
        model.put("end_of_word_suffix", null);
        model.put("fuse_unk", true);
        model.put("byte_fallback", true);
        model.put("ignore_merges", false);
        model.put("vocab", ids);
        model.put("merges", merges(names, vocab.scores()));

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", "1.0");
        json.put("truncation", null);
        json.put("padding", null);
        json.put("added_tokens", addedTokens());
        json.put("normalizer", obj("type", "Sequence", "normalizers", List.of(
                obj("type", "Prepend", "prepend", "▁"),
                replace(" ", "▁"))));
        json.put("pre_tokenizer", null);
        json.put("model", model);
        json.put("post_processor", bosTemplate());
        json.put("decoder", obj("type", "Sequence", "decoders", List.of(
                replace("▁", " "),
                obj("type", "ByteFallback"),
                obj("type", "Fuse"),
                obj("type", "Strip", "content", " ", "start", 1, "stop", 0))));
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pieces as HF spells them: specials by their bare names, spaces as "▁". */
    static List<String> hfPieces(Vocab vocab) {
        List<String> names = new ArrayList<>(vocab.pieces().size());
        for (int i = 0; i < vocab.pieces().size(); i++) {
            names.add(i < SPECIALS.length ? SPECIALS[i] : vocab.pieces().get(i).replace(' ', '▁'));
        }
        return names;
    }

    /**
     * "left right" merges: every split of every piece into two pieces, best merged score first.
     * Splits of the same piece share its score and keep split-position order (stable sort).
     */
    static List<String> merges(List<String> names, float[] scores) {
        Map<String, Integer> ids = new HashMap<>();
        for (int i = SPECIALS.length; i < names.size(); i++) {
            ids.put(names.get(i), i);
        }
        record Merge(String left, String right, float score) {
        }
        List<Merge> merges = new ArrayList<>();
        for (int id = SPECIALS.length; id < names.size(); id++) {
            String piece = names.get(id);
            // Split on code point boundaries only; both halves must be pieces themselves.
            for (int at = piece.offsetByCodePoints(0, 1); at < piece.length(); at = piece.offsetByCodePoints(at, 1)) {
                String left = piece.substring(0, at);
                String right = piece.substring(at);
                if (ids.containsKey(left) && ids.containsKey(right)) {
                    merges.add(new Merge(left, right, scores[id]));
                }
            }
        }
        merges.sort(Comparator.comparingDouble(m -> -m.score()));
        return merges.stream().map(m -> m.left() + " " + m.right()).toList();
    }

    private static List<Map<String, Object>> addedTokens() {
        List<Map<String, Object>> added = new ArrayList<>();
        for (int i = 0; i < SPECIALS.length; i++) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", i);
            t.put("content", SPECIALS[i]);
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            t.put("special", true);
            added.add(t);
        }
        return added;
    }

    /** "&lt;s&gt; $A" (and "&lt;s&gt; $A &lt;s&gt; $B" for pairs), as Llama-2's tokenizer.json does. */
    private static Map<String, Object> bosTemplate() {
        Map<String, Object> bos = obj("SpecialToken", obj("id", "<s>", "type_id", 0));
        Map<String, Object> bos1 = obj("SpecialToken", obj("id", "<s>", "type_id", 1));
        Map<String, Object> a = obj("Sequence", obj("id", "A", "type_id", 0));
        Map<String, Object> b = obj("Sequence", obj("id", "B", "type_id", 1));
        return obj("type", "TemplateProcessing",
                "single", List.of(bos, a),
                "pair", List.of(bos, a, bos1, b),
                "special_tokens", obj("<s>", obj("id", "<s>", "ids", List.of(BOS), "tokens", List.of("<s>"))));
    }

    /** A JSON object with keys in the given order (Map.of's order varies between runs). */
    private static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> replace(String from, String to) {
        return obj("type", "Replace", "pattern", obj("String", from), "content", to);
    }
}
