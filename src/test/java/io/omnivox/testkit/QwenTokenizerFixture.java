package io.omnivox.testkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real Hugging Face {@code tokenizer.json} with Qwen's layout in miniature: byte-level BPE without merges (every
 * UTF-8 byte is one token, id = byte value, so any text round-trips) plus Qwen2.5's added tokens. Ids of the added
 * tokens are {@link #END_OF_TEXT} onwards.
 */
public final class QwenTokenizerFixture {

    public static final int END_OF_TEXT = 256;
    public static final int IM_START = 257;
    public static final int IM_END = 258;
    public static final int TOOL_CALL = 259;
    public static final int TOOL_CALL_END = 260;

    private QwenTokenizerFixture() {
    }

    /** Writes the tokenizer to {@code dir/tokenizer.json} and returns its path. */
    public static Path write(Path dir) throws Exception {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, json(), StandardCharsets.UTF_8);
        return file;
    }

    public static String json() throws Exception {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "BPE");
        model.put("dropout", null);
        model.put("unk_token", null);
        model.put("continuing_subword_prefix", null);
        model.put("end_of_word_suffix", null);
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("vocab", byteVocabulary());
        model.put("merges", List.of());
        Map<String, Object> byteLevel = Map.of("type", "ByteLevel", "add_prefix_space", false, "trim_offsets", true,
                "use_regex", true);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "1.0");
        root.put("truncation", null);
        root.put("padding", null);
        root.put("added_tokens", List.of(added(END_OF_TEXT, "<|endoftext|>", true), added(IM_START, "<|im_start|>", true),
                added(IM_END, "<|im_end|>", true), added(TOOL_CALL, "<tool_call>", false),
                added(TOOL_CALL_END, "</tool_call>", false)));
        root.put("normalizer", null);
        root.put("pre_tokenizer", byteLevel);
        root.put("post_processor", null);
        root.put("decoder", byteLevel);
        root.put("model", model);
        return new ObjectMapper().writeValueAsString(root);
    }

    private static Map<String, Object> added(int id, String content, boolean special) {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("id", id);
        token.put("content", content);
        token.put("single_word", false);
        token.put("lstrip", false);
        token.put("rstrip", false);
        token.put("normalized", false);
        token.put("special", special);
        return token;
    }

    /**
     * GPT-2's byte-to-character table: printable Latin-1 bytes stand for themselves, the others are shifted to
     * U+0100 onwards, so every byte has a visible character; the token id is the byte value.
     */
    private static Map<String, Integer> byteVocabulary() {
        List<Integer> printable = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) {
            printable.add(b);
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            printable.add(b);
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            printable.add(b);
        }
        Map<String, Integer> vocab = new LinkedHashMap<>();
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            int ch = printable.contains(b) ? b : 256 + shifted++;
            vocab.put(new String(Character.toChars(ch)), b);
        }
        return vocab;
    }
}
