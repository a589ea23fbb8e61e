package io.omnivox.document;

import static io.omnivox.document.DocumentAssertions.assertConsistent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.api.Test;

class HtmlParserTest {

    private final HtmlParser parser = new HtmlParser(10);

    @Test
    void should_turn_headings_and_blocks_into_headings_and_paragraphs() {
        ParsedDocument doc = parser.parse("""
                <!doctype html><html><head><title> Guide </title><style>p{}</style></head><body>
                <h1>Getting   started</h1><p>Install <b>Omnivox</b>.</p><script>var x=1;</script>
                <h2>Steps</h2><ul><li>Fetch</li><li>Run<br>twice</li></ul>
                <table><tr><th>Key</th><th>Value</th></tr><tr><td>port</td><td>8080</td></tr></table>
                <pre>  indented
                  code</pre><div>Loose div text</div>
                </body></html>""", "guide.html");

        assertThat(doc.title()).isEqualTo("Guide");
        assertThat(doc.format()).isEqualTo("html");
        assertThat(doc.pages()).singleElement().satisfies(page -> assertThat(page.text()).isEqualTo("""
                Getting started

                Install Omnivox.

                Steps

                Fetch

                Run
                twice

                Key | Value

                port | 8080

                indented
                  code

                Loose div text"""));
        assertThat(doc.headings()).extracting(ParsedDocument.Heading::level, ParsedDocument.Heading::text)
                .containsExactly(tuple(1, "Getting started"), tuple(2, "Steps"));
        assertConsistent(doc);
        assertThat(doc.sectionPath(doc.text().indexOf("port"))).extracting(ParsedDocument.Heading::text)
                .containsExactly("Getting started", "Steps");
    }

    @Test
    void should_fall_back_to_the_first_h1_then_the_file_name_for_the_title() {
        assertThat(parser.parse("<body><h2>Sub</h2><h1>Main</h1></body>", "a.html").title()).isEqualTo("Main");
        assertThat(parser.parse("<body><p>text</p></body>", "a.html").title()).isEqualTo("a.html");
    }
}
