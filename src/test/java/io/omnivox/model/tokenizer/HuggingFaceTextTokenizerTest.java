package io.omnivox.model.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.omnivox.model.ModelException;

/**
 * A small SentencePiece-style BPE {@code tokenizer.json} (metaspace, two merges, byte fallback for characters outside
 * the vocabulary), run through the real Hugging Face tokenizers library.
 */
class HuggingFaceTextTokenizerTest {

    private static final String TOKENIZER_JSON = """
            {
              "version": "1.0", "truncation": null, "padding": null,
              "added_tokens": [
                {"id": 0, "content": "<unk>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                {"id": 1, "content": "<s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}
              ],
              "normalizer": {"type": "Sequence", "normalizers": [
                {"type": "Prepend", "prepend": "▁"},
                {"type": "Replace", "pattern": {"String": " "}, "content": "▁"}]},
              "pre_tokenizer": null,
              "post_processor": null,
              "decoder": {"type": "Sequence", "decoders": [
                {"type": "Replace", "pattern": {"String": "▁"}, "content": " "},
                {"type": "ByteFallback"}, {"type": "Fuse"},
                {"type": "Strip", "content": " ", "start": 1, "stop": 0}]},
              "model": {"type": "BPE", "dropout": null, "unk_token": "<unk>", "continuing_subword_prefix": null,
                "end_of_word_suffix": null, "fuse_unk": true, "byte_fallback": true,
                "vocab": {"<unk>": 0, "<s>": 1, "<0xE4>": 2, "<0xBD>": 3, "<0xA0>": 4, "▁": 5, "h": 6, "i": 7,
                          "▁h": 8, "▁hi": 9},
                "merges": ["▁ h", "▁h i"]}
            }
            """;

    private static HuggingFaceTextTokenizer tokenizer;

    @BeforeAll
    static void load(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("tokenizer.json"), TOKENIZER_JSON, StandardCharsets.UTF_8);
        tokenizer = HuggingFaceTextTokenizer.load(file);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void should_apply_merges_and_byte_fallback_when_encoding() {
        assertThat(tokenizer.encode("hi 你")).containsExactly(9, 5, 2, 3, 4);
    }

    @Test
    void should_round_trip_text_when_decoding() {
        assertThat(tokenizer.decode(new long[] { 9, 5, 2, 3, 4 }, true)).isEqualTo("hi 你");
    }

    @Test
    void should_find_single_tokens_by_their_text() {
        assertThat(tokenizer.tokenId("<s>")).hasValue(1);
        assertThat(tokenizer.tokenId("no such token")).isEmpty();
    }

    @Test
    void should_emit_whole_characters_only_when_streaming() {
        StreamingDetokenizer stream = new StreamingDetokenizer(tokenizer);
        List<String> pieces = new ArrayList<>();

        for (long id : new long[] { 9, 5, 2, 3, 4 }) {
            pieces.add(stream.accept(id));
        }

        assertThat(pieces).containsExactly("hi", " ", "", "", "你");
        assertThat(String.join("", pieces)).isEqualTo(stream.text());
    }

    @Test
    void should_name_the_file_when_the_tokenizer_is_missing(@TempDir Path dir) {
        assertThatThrownBy(() -> HuggingFaceTextTokenizer.load(dir.resolve("tokenizer.json")))
                .isInstanceOf(ModelException.class).hasMessageContaining("tokenizer.json");
    }

    @Test
    void should_report_a_malformed_file_clearly(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": 42}");

        assertThatThrownBy(() -> HuggingFaceTextTokenizer.load(broken))
                .isInstanceOf(ModelException.class).hasMessageContaining("Cannot load tokenizer");
    }
}
