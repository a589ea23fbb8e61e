package io.omnivox.tts.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The facade: markup mapping, then normalisation, then splitting; and the checks every engine relies on. */
class TextFrontendTest {

    private final TextFrontend frontend = new TextFrontend();

    @Test
    void should_map_normalise_and_split_when_text_is_valid() {
        assertThat(frontend.prepare("Dr. Smith paid $3.50 [laugh_0]. Then he left at 10:30!", "en"))
                .containsExactly("Doctor Smith paid three dollars and fifty cents [laughter].",
                        "Then he left at ten thirty!");
    }

    @Test
    void should_prepare_mixed_chinese_and_english() {
        assertThat(frontend.prepare("我有3个apple和2.5 kg[uv_break]。今天是2024年5月1日。", null))
                .containsExactly("我有三个apple和二点五公斤[breath]。", "今天是二零二四年五月一日。");
    }

    @Test
    void should_keep_markup_intact_through_normalisation() {
        assertThat(frontend.prepare("<strong>3</strong> apples [foo] and <laughter>2 pears</laughter>.", "en"))
                .containsExactly("<strong>three</strong> apples and <laughter>two pears</laughter>.");
    }

    @Test
    void should_strip_all_markup_for_plain_engines() {
        assertThat(frontend.preparePlain("<strong>3</strong> apples [laugh] and [uv_break] 2 pears.", "en"))
                .containsExactly("three apples and two pears.");
    }

    @Test
    void should_return_no_chunks_when_only_unknown_tags_are_left() {
        assertThat(frontend.prepare("[foo] [bar]", null)).isEmpty();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\n\t "})
    void should_reject_empty_text_with_a_clear_message_when_text_is_blank(String text) {
        assertThatThrownBy(() -> frontend.prepare(text, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text is empty");
    }

    @Test
    void should_reject_text_over_the_limit_naming_the_limit() {
        String text = "a".repeat(4097);

        assertThatThrownBy(() -> frontend.prepare(text, "en"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4097 characters")
                .hasMessageContaining("limit of 4096 characters");
    }

    @Test
    void should_accept_text_exactly_at_the_limit() {
        String sentence = "This is fine. ";
        String text = sentence.repeat(4096 / sentence.length()) + "a".repeat(4096 % sentence.length());

        assertThat(frontend.prepare(text, "en")).isNotEmpty();
    }

    @Test
    void should_count_characters_not_utf16_units_when_checking_the_limit() {
        TextFrontend small = new TextFrontend(3);

        assertThat(small.prepare("😀😀😀", null)).isEmpty();
        assertThatThrownBy(() -> small.prepare("abcd", null)).hasMessageContaining("limit of 3 characters");
    }

    @Test
    void should_use_a_custom_limit_and_splitter() {
        TextFrontend custom = new TextFrontend(100, new SentenceSplitter(0, 10, 3));

        assertThat(custom.maxCharacters()).isEqualTo(100);
        assertThat(custom.prepare("one two three four", "en")).containsExactly("one two", "three four");
        assertThatThrownBy(() -> new TextFrontend(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_neither_fail_nor_exceed_the_chunk_maximum_when_text_is_random() {
        // Fragments that trip rules half-way: huge numbers, dangling signs, unbalanced tags, lone units and symbols.
        String[] fragments = {"0", "2", "12", "2024", "99999999999999999999", "3.5", ".", ",", "-", "+", "$", "¥",
                "%", "/", ":", "@", "&", "#", "*", "~", "<", " ", "\n", "Dr", "St", "No", "etc", "vs", "km", "°C",
                "am", "th", "s", "年", "个", "第", "你好", "。", "，", "[laughter]", "[laugh_1]", "[foo]", "<strong>",
                "</strong>", "</laughter>", "http://", "www.", "x", ".com", "😀", "５", "："};
        Random random = new Random(42);
        SentenceSplitter splitter = new SentenceSplitter();
        for (int run = 0; run < 100; run++) {
            StringBuilder text = new StringBuilder("a");
            for (int i = random.nextInt(60); i > 0; i--) {
                text.append(fragments[random.nextInt(fragments.length)]);
            }
            for (String hint : new String[] {null, "zh", "en"}) {
                List<String> chunks = frontend.prepare(text.toString(), hint);

                assertThat(chunks).as("chunks of %s", text)
                        .allSatisfy(chunk -> assertThat(splitter.weight(chunk)).isBetween(1, 120));
            }
        }
    }
}
