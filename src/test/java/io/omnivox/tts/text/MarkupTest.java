package io.omnivox.tts.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CosyVoice tags kept, ChatTTS tags mapped onto them, everything else dropped quietly; and plain-engine stripping. */
class MarkupTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Ha [laughter] ok                       | Ha [laughter] ok
            Wait [breath] now                      | Wait [breath] now
            <laughter>so funny</laughter> yes      | <laughter>so funny</laughter> yes
            a <strong>big</strong> deal            | a <strong>big</strong> deal
            cough [cough] [sigh] [quick_breath]    | cough [cough] [sigh] [quick_breath]
            Ha [LAUGHTER] <Strong>x</STRONG>       | Ha [laughter] <strong>x</strong>
            """)
    void should_keep_cosyvoice_tags_when_mapping(String text, String mapped) {
        assertThat(Markup.map(text)).isEqualTo(mapped);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Ha [laugh] ok                 | Ha [laughter] ok
            Ha [laugh_0] ok               | Ha [laughter] ok
            Ha [laugh_1] ok               | Ha [laughter] ok
            Ha [laugh_2] ok               | Ha [laughter] ok
            wait [uv_break] now           | wait [breath] now
            wait [lbreak] now             | wait [breath] now
            你好[uv_break]世界            | 你好[breath]世界
            [oral_2]Hello                 | Hello
            [oral_2] Hello                | Hello
            Hello [foo]                   | Hello
            Hello, [foo] world            | Hello, world
            Hello [break_4] there         | Hello there
            Hello [speed_5] there         | Hello there
            Hello [foo] there             | Hello there
            word[foo]word                 | word word
            你好[foo]世界                 | 你好世界
            """)
    void should_map_chattts_tags_and_drop_unknown_ones(String text, String mapped) {
        assertThat(Markup.map(text)).isEqualTo(mapped);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = ';', textBlock = """
            see [1] below                 ; see [1] below
            see [the docs] below          ; see [the docs] below
            see [here](https://x.io) now  ; see [here](https://x.io) now
            a < b > c                     ; a < b > c
            stop <|endofprompt|> here     ; stop here
            <|im_start|>hi                ; hi
            """)
    void should_leave_bracketed_text_that_is_no_tag_and_drop_special_tokens(String text, String mapped) {
        assertThat(Markup.map(text)).isEqualTo(mapped);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Ha [laughter] ok                          | Ha ok
            <strong>Really</strong> good              | Really good
            <laughter>so funny</laughter>!            | so funny!
            Ha [laugh_0] [uv_break] ok                | Ha ok
            word[breath]word                          | word word
            你好[breath]世界                          | 你好世界
            plain text                                | plain text
            """)
    void should_remove_all_markup_and_keep_span_words_for_plain_engines(String text, String plain) {
        assertThat(Markup.stripForPlainEngines(text)).isEqualTo(plain);
    }

    @Test
    void should_cut_text_into_tags_and_plain_text_in_order() {
        List<Markup.Segment> segments = Markup.segments("a [laughter]<strong>b</strong>[1]");

        assertThat(segments).containsExactly(
                new Markup.Segment("a ", false),
                new Markup.Segment("[laughter]", true),
                new Markup.Segment("<strong>", true),
                new Markup.Segment("b", false),
                new Markup.Segment("</strong>", true),
                new Markup.Segment("[1]", false));
    }
}
