package io.omnivox.testkit.llama2c;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated tokenizer.json, run by DJL's HF tokenizers binding, against llama2.c's encode. */
class Llama2cTokenizerJsonTest {

    @TempDir
    static Path dir;

    private static HuggingFaceTokenizer hf;
    private static HuggingFaceTokenizer hfNoSpecials;
    private static Llama2cReferenceTokenizer reference;
    private static Llama2cTokenizerJson.Vocab vocab;

    @BeforeAll
    static void setUp() throws Exception {
        if (!Llama2cModelFiles.present()) {
            return; // each test skips in assumeModelFiles()
        }
        vocab = Llama2cModelFiles.vocab();
        reference = new Llama2cReferenceTokenizer(vocab);
        Path json = Files.writeString(dir.resolve("tokenizer.json"), Llama2cTokenizerJson.toJson(vocab));
        hf = HuggingFaceTokenizer.newInstance(json);
        hfNoSpecials = HuggingFaceTokenizer.builder().optTokenizerPath(json).optAddSpecialTokens(false).build();
    }

    @BeforeEach
    void assumeModelFiles() {
        Llama2cModelFiles.assumePresent();
    }

    @AfterAll
    static void tearDown() {
        if (hf != null) {
            hf.close();
            hfNoSpecials.close();
        }
    }

    @Test
    void encodesZooLikeLlama2c() {
        // " " dummy prefix, "Z", "oo": llama2.c has no "▁Z" piece, so the prefix stays alone.
        assertThat(reference.encode("Zoo", true)).containsExactly(1, 410, 469, 347);
        assertThat(hfIds(hf, "Zoo")).containsExactly(1, 410, 469, 347);
        assertThat(hfIds(hfNoSpecials, "Zoo")).containsExactly(410, 469, 347);
    }

    @Test
    void emptyPromptIsJustBos() {
        assertThat(reference.encode("", true)).containsExactly(1);
        assertThat(hfIds(hf, "")).containsExactly(1);
    }

    @Test
    void matchesLlama2cOnVariedText() {
        List<String> texts = new ArrayList<>(List.of(
                "Once upon a time, there was a little girl named Lily.",
                "She didn't want to play with it, but she said \"Hello!\"",
                "  two  spaces and trailing ",
                "Timmy's mom said: \u201cYes!\u201d \u2014 ok\u2026",
                "caf\u00e9 na\u00efve \u00fcber",               // é in vocab, ï/ü via byte fallback
                "emoji \uD83D\uDE00 and tab\tnew\nline",
                "aaaaaaaa happpy helllo ittttle theeee"));
        for (String piece : vocab.pieces().subList(259, vocab.pieces().size())) {
            texts.add(piece.strip());
        }
        texts.add(String.join(" ", vocab.pieces().subList(259, 420)));
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            texts.add(randomText(random));
        }
        for (String text : texts) {
            assertThat(hfIds(hf, text)).as(text).isEqualTo(reference.encode(text, true));
        }
    }

    @Test
    void decodesLikeLlama2cPrints() {
        String text = "Once upon a time, Lily said \u201chi\u201d \uD83D\uDE00.";
        long[] ids = reference.encode(text, true).stream().mapToLong(Integer::longValue).toArray();
        // BOS is skipped, the dummy-prefix space stripped, byte-fallback pieces fused into UTF-8.
        assertThat(hf.decode(ids, true)).isEqualTo(text);
        assertThat(hf.decode(new long[] {1, 410, 469, 347, 286}, true)).isEqualTo("Zoo was");
    }

    private static List<Integer> hfIds(HuggingFaceTokenizer tokenizer, String text) {
        return Arrays.stream(tokenizer.encode(text).getIds()).mapToObj(id -> (int) id).toList();
    }

    /** Words glued from frequent pieces, so many overlapping merge candidates compete. */
    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int parts = 1 + random.nextInt(12);
        for (int i = 0; i < parts; i++) {
            String piece = vocab.pieces().get(259 + random.nextInt(vocab.pieces().size() - 259));
            sb.append(random.nextInt(4) == 0 ? piece.strip() : piece);
        }
        return sb.toString();
    }
}
