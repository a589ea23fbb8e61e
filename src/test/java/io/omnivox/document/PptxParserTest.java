package io.omnivox.document;

import static io.omnivox.document.DocumentAssertions.assertConsistent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PptxParserTest {

    @TempDir
    Path dir;

    @Test
    void should_make_a_page_per_slide_with_its_title_as_heading() throws Exception {
        Path file = Files.write(dir.resolve("deck.pptx"), TestDocuments.pptx());

        ParsedDocument doc = new PptxParser(10).parse(file, "deck.pptx");

        assertThat(doc.title()).isEqualTo("Roadmap 2025");
        assertThat(doc.format()).isEqualTo("pptx");
        assertThat(doc.pages()).extracting(ParsedDocument.Page::text).containsExactly(
                "Roadmap 2025\n\nWhere we are going",
                "Milestones\n\nShip documents\n\nGrouped note\n\nQ1 | parsing");
        assertThat(doc.headings())
                .extracting(ParsedDocument.Heading::level, ParsedDocument.Heading::text, ParsedDocument.Heading::page)
                .containsExactly(tuple(1, "Roadmap 2025", 1), tuple(1, "Milestones", 2));
        assertConsistent(doc);
        assertThat(doc.sectionPath(doc.text().indexOf("Grouped"))).extracting(ParsedDocument.Heading::text)
                .containsExactly("Milestones");
    }

    @Test
    void should_refuse_more_slides_than_the_page_limit() throws Exception {
        Path file = Files.write(dir.resolve("deck.pptx"), TestDocuments.pptx());

        assertThatThrownBy(() -> new PptxParser(1).parse(file, "deck.pptx")).isInstanceOf(DocumentException.class)
                .hasMessageContaining("2 slides");
    }
}
