package io.omnivox.document;

import static io.omnivox.document.DocumentAssertions.assertConsistent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.api.Test;

class MarkdownParserTest {

    private final MarkdownParser parser = new MarkdownParser(10);

    @Test
    void should_read_atx_and_setext_headings_with_their_levels() {
        ParsedDocument doc = parser.parse("""
                Omnivox Manual
                ==============

                Some *intro* text.

                Installing
                ----------

                - one
                - two

                ### Deep **dive**

                ```
                code block
                ```
                """, "manual.md");

        assertThat(doc.title()).isEqualTo("Omnivox Manual");
        assertThat(doc.format()).isEqualTo("markdown");
        assertThat(doc.headings()).extracting(ParsedDocument.Heading::level, ParsedDocument.Heading::text)
                .containsExactly(tuple(1, "Omnivox Manual"), tuple(2, "Installing"), tuple(3, "Deep dive"));
        assertThat(doc.pages()).singleElement().satisfies(page -> assertThat(page.text()).isEqualTo(
                "Omnivox Manual\n\nSome intro text.\n\nInstalling\n\none\n\ntwo\n\nDeep dive\n\ncode block"));
        assertConsistent(doc);
        assertThat(doc.sectionPath(doc.text().indexOf("code block"))).extracting(ParsedDocument.Heading::text)
                .containsExactly("Omnivox Manual", "Installing", "Deep dive");
    }

    @Test
    void should_take_the_file_name_as_title_without_a_level_one_heading() {
        assertThat(parser.parse("## Only a level two\n\ntext", "notes.md").title()).isEqualTo("notes.md");
    }
}
