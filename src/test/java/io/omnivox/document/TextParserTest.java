package io.omnivox.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextParserTest {

    @Test
    void should_make_one_page_with_paragraphs_at_blank_lines() {
        ParsedDocument doc = new TextParser(10).parse("First line\r\nsame paragraph\r\n\r\n  \r\nSecond.\n", "n.txt");

        assertThat(doc.title()).isEqualTo("n.txt");
        assertThat(doc.format()).isEqualTo("text");
        assertThat(doc.pages()).singleElement()
                .satisfies(page -> assertThat(page.text()).isEqualTo("First line\nsame paragraph\n\nSecond."));
    }
}
