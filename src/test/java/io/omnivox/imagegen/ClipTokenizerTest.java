package io.omnivox.imagegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.omnivox.model.ModelException;

class ClipTokenizerTest {

    private static final Map<String, String> METADATA = Map.of("max_length", "77", "bos_token_id",
            String.valueOf(FixtureDiffusion.START), "eos_token_id", String.valueOf(FixtureDiffusion.END),
            "pad_token_id", "0");
    /** Byte character ids: printable ASCII from '!' = 0; the word-final form is 256 further. */
    private static final long A_END = 'a' - '!' + 256;
    private static final long CAT_END = 513;
    private static final long DOG_END = 515;

    @Test
    void should_frame_a_prompt_with_bos_eos_and_the_pad_id(@TempDir Path dir) throws Exception {
        FixtureDiffusion.writeTokenizerJson(dir);
        try (ClipTokenizer tokenizer = ClipTokenizer.load(dir, METADATA, 77)) {
            PromptTokens tokens = tokenizer.encode("A   Cat");
            assertThat(tokens.ids()).hasSize(77);
            assertThat(Arrays.copyOf(tokens.ids(), 5)).containsExactly(FixtureDiffusion.START, A_END, CAT_END,
                    FixtureDiffusion.END, 0);
            assertThat(Arrays.stream(tokens.ids()).skip(4)).containsOnly(0L);
            assertThat(tokens.kept()).isEqualTo(2);
            assertThat(tokens.truncated()).isFalse();
            assertThat(tokens.truncationNotice()).isEmpty();
        }
    }

    @Test
    void should_report_the_tokens_cut_from_a_prompt_longer_than_77(@TempDir Path dir) throws Exception {
        FixtureDiffusion.writeTokenizerJson(dir);
        try (ClipTokenizer tokenizer = ClipTokenizer.load(dir, METADATA, 77)) {
            PromptTokens tokens = tokenizer.encode("dog ".repeat(74) + "cat cat dog a");
            assertThat(tokens.ids()).hasSize(77);
            assertThat(tokens.kept()).isEqualTo(75);
            assertThat(tokens.dropped()).isEqualTo(3);
            assertThat(tokens.truncated()).isTrue();
            assertThat(tokens.ids()[75]).isEqualTo(CAT_END);
            assertThat(tokens.ids()[76]).isEqualTo(FixtureDiffusion.END);
            assertThat(tokens.droppedText()).isEqualTo("cat dog a");
            assertThat(tokens.truncationNotice()).contains("truncated to 75 tokens").contains("\"cat dog a\"");
        }
    }

    @Test
    void should_build_the_tokenizer_from_vocab_and_merges_with_the_same_ids(@TempDir Path dir) throws Exception {
        Path fast = dir.resolve("fast");
        Path slow = dir.resolve("slow");
        FixtureDiffusion.writeTokenizerJson(fast);
        FixtureDiffusion.writeVocabularyFiles(slow);
        // no metadata: BOS, EOS and the pad token "!" come from special_tokens_map.json
        try (ClipTokenizer json = ClipTokenizer.load(fast, METADATA, 77);
                ClipTokenizer files = ClipTokenizer.load(slow, Map.of(), 77)) {
            assertThat(files.framing()).isEqualTo(json.framing());
            for (String prompt : new String[] { "a cat and a dog", "It's 42 DOGS!!", "café, naïve — ok?", "" }) {
                assertThat(files.encode(prompt).ids()).as(prompt).containsExactly(json.encode(prompt).ids());
            }
            assertThat(files.encode("dog").ids()[1]).isEqualTo(DOG_END);
        }
    }

    @Test
    void should_fail_clearly_without_a_tokenizer_or_a_pad_token(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ClipTokenizer.load(dir, METADATA, 77)).isInstanceOf(ModelException.class)
                .hasMessageContaining("expected tokenizer.json, or vocab.json and merges.txt");
        FixtureDiffusion.writeTokenizerJson(dir);
        assertThat(Files.exists(dir.resolve("special_tokens_map.json"))).isFalse();
        assertThatThrownBy(() -> ClipTokenizer.load(dir, Map.of("bos_token_id", "1", "eos_token_id", "2"), 77))
                .isInstanceOf(ModelException.class).hasMessageContaining("pad_token");
    }
}
