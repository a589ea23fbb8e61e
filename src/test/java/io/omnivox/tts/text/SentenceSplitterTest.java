package io.omnivox.tts.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Chunk boundaries: sentence ends, merging of short pieces, cutting of long ones, and what must never be cut. */
class SentenceSplitterTest {

    private final SentenceSplitter splitter = new SentenceSplitter();

    @Test
    void should_split_at_sentence_ends_when_sentences_are_long_enough() {
        assertThat(splitter.split("Hello there. How are you? I am fine!"))
                .containsExactly("Hello there.", "How are you?", "I am fine!");
    }

    @Test
    void should_split_chinese_at_full_width_sentence_ends() {
        assertThat(splitter.split("今天天气很好！我们去公园吧？好的，我们走吧；现在出发。"))
                .containsExactly("今天天气很好！", "我们去公园吧？", "好的，我们走吧；", "现在出发。");
    }

    @Test
    void should_split_at_line_breaks_and_collapse_whitespace() {
        assertThat(splitter.split("First line here\nSecond   line here\n\n  Third line"))
                .containsExactly("First line here", "Second line here", "Third line");
    }

    @Test
    void should_merge_short_pieces_when_they_fit() {
        assertThat(splitter.split("Hi. Ok. Yes. This is a longer sentence that stands alone."))
                .containsExactly("Hi. Ok. Yes.", "This is a longer sentence that stands alone.");
    }

    @Test
    void should_merge_short_chinese_pieces_counting_the_cjk_weight() {
        // 好的； weighs 7, under the minimum of 8.
        assertThat(splitter.split("我们去公园吧？好的；走吧。"))
                .containsExactly("我们去公园吧？好的；走吧。");
    }

    @Test
    void should_merge_a_short_last_piece_into_the_one_before() {
        assertThat(splitter.split("This sentence is long enough. Ok."))
                .containsExactly("This sentence is long enough. Ok.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Dr. Smith paid 3.5 dollars. Then he left.      | Dr. Smith paid 3.5 dollars.
            Mr. and Mrs. Jones came home. Then they slept. | Mr. and Mrs. Jones came home.
            We like fruit, e.g. apples. Then we sleep.     | We like fruit, e.g. apples.
            J. R. R. Tolkien wrote it. Then he rested.     | J. R. R. Tolkien wrote it.
            Visit example.com today. Then leave.           | Visit example.com today.
            The U.S. economy grows. Then it shrinks.       | The U.S. economy grows.
            Version 2.5.1 is out now. Then it stops.       | Version 2.5.1 is out now.
            """)
    void should_not_split_after_abbreviations_decimals_initials_or_in_addresses(String text, String first) {
        assertThat(splitter.split(text).get(0)).isEqualTo(first);
    }

    @Test
    void should_end_a_sentence_after_etc_when_a_capital_follows() {
        assertThat(splitter.split("We sell apples, pears, etc. Then we close the shop."))
                .containsExactly("We sell apples, pears, etc.", "Then we close the shop.");
    }

    @Test
    void should_keep_closing_quotes_and_brackets_with_their_sentence() {
        assertThat(splitter.split("He said \"Stop here.\" Then he left (quietly.) Next day came."))
                .containsExactly("He said \"Stop here.\"", "Then he left (quietly.)", "Next day came.");
    }

    @Test
    void should_cut_long_sentences_at_commas_first() {
        String text = "one, two, three, four, five, six, seven, eight, nine, ten, eleven, twelve, thirteen, "
                + "fourteen, fifteen, sixteen, seventeen, eighteen, nineteen, twenty.";

        List<String> chunks = splitter.split(text);

        assertThat(chunks).containsExactly(
                "one, two, three, four, five, six, seven, eight, nine, ten, eleven, twelve, thirteen, fourteen, "
                        + "fifteen, sixteen,",
                "seventeen, eighteen, nineteen, twenty.");
    }

    @Test
    void should_cut_long_chinese_at_chinese_commas() {
        String clause = "我们今天去公园散步然后吃饭";
        String text = String.join("，", clause, clause, clause, clause) + "。";

        List<String> chunks = splitter.split(text);

        assertThat(chunks).containsExactly(clause + "，" + clause + "，" + clause + "，", clause + "。");
    }

    @Test
    void should_cut_at_spaces_when_a_long_sentence_has_no_punctuation() {
        String text = "word ".repeat(60).strip();

        List<String> chunks = splitter.split(text);

        assertThat(chunks).hasSize(3).allSatisfy(chunk -> assertThat(chunk).matches("word( word)*"));
        assertThat(String.join(" ", chunks)).isEqualTo(text);
        assertThat(chunks).allSatisfy(chunk -> assertThat(splitter.weight(chunk)).isLessThanOrEqualTo(120));
    }

    @Test
    void should_cut_cjk_without_punctuation_by_weight() {
        String text = "这是一个没有标点的很长的中文句子".repeat(5);

        List<String> chunks = splitter.split(text);

        // 80 characters weighing 3 each: 40 per chunk.
        assertThat(chunks).hasSize(2).allSatisfy(chunk -> assertThat(chunk).hasSize(40));
        assertThat(String.join("", chunks)).isEqualTo(text);
    }

    @Test
    void should_cut_a_word_longer_than_the_maximum_anywhere() {
        String text = "x".repeat(300);

        List<String> chunks = splitter.split(text);

        assertThat(chunks).containsExactly("x".repeat(120), "x".repeat(120), "x".repeat(60));
    }

    @Test
    void should_not_split_after_a_title_when_cutting_at_spaces() {
        SentenceSplitter small = new SentenceSplitter(4, 20, 3);

        List<String> chunks = small.split("We met with Dr. Smith today");

        assertThat(chunks).containsExactly("We met with", "Dr. Smith today");
    }

    @Test
    void should_not_cut_inside_a_thousands_separator_or_a_time() {
        SentenceSplitter small = new SentenceSplitter(4, 24, 3);

        List<String> chunks = small.split("It cost 1,234 at 10:30 on that day");

        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk).doesNotEndWith("1,").doesNotEndWith("10:"));
        assertThat(String.join(" ", chunks)).isEqualTo("It cost 1,234 at 10:30 on that day");
    }

    @Test
    void should_keep_tags_whole_and_weightless() {
        SentenceSplitter small = new SentenceSplitter(2, 10, 3);

        List<String> chunks = small.split("abcdefgh[laughter]ijklmnop");

        assertThat(chunks).containsExactly("abcdefgh[laughter]ij", "klmnop");
        assertThat(small.weight("[laughter][breath]ab")).isEqualTo(2);
    }

    @Test
    void should_keep_a_tag_after_a_sentence_end_with_the_next_sentence() {
        assertThat(splitter.split("That was really funny. [laughter] Then we went home."))
                .containsExactly("That was really funny.", "[laughter] Then we went home.");
    }

    @Test
    void should_not_end_a_sentence_inside_a_strong_span() {
        assertThat(splitter.split("<strong>Stop. Now.</strong> Then go home quickly please."))
                .containsExactly("<strong>Stop. Now.</strong>", "Then go home quickly please.");
    }

    @Test
    void should_close_and_reopen_a_span_when_a_long_span_is_cut() {
        SentenceSplitter small = new SentenceSplitter(4, 20, 3);

        List<String> chunks = small.split("<strong>one two three four five six seven</strong> end.");

        assertThat(chunks).containsExactly("<strong>one two three four</strong>",
                "<strong>five six seven</strong> end.");
    }

    @Test
    void should_drop_pieces_with_nothing_to_say() {
        assertThat(splitter.split("  \n ... \n")).isEmpty();
        assertThat(splitter.split("[laughter]")).containsExactly("[laughter]");
    }

    @Test
    void should_weigh_cjk_characters_by_the_cjk_weight() {
        assertThat(splitter.weight("ab 你好")).isEqualTo(3 + 2 * 3);
        assertThat(new SentenceSplitter(8, 120, 2).weight("你好")).isEqualTo(4);
    }

    @Test
    void should_never_exceed_the_maximum_weight_when_text_is_mixed() {
        String text = ("The price is 3.5 dollars, Dr. Smith said; 我们今天去公园散步，然后吃饭、喝茶！"
                + "<strong>Very important</strong> [laughter] words without any end ").repeat(20);

        List<String> chunks = splitter.split(text);

        assertThat(chunks).isNotEmpty()
                .allSatisfy(chunk -> assertThat(splitter.weight(chunk)).isBetween(1, 120));
    }

    @Test
    void should_reject_inconsistent_limits() {
        assertThatThrownBy(() -> new SentenceSplitter(10, 5, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SentenceSplitter(0, 2, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SentenceSplitter(1, 10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SentenceSplitter(-1, 10, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
