package io.omnivox.document;

import static io.omnivox.document.DocumentAssertions.assertConsistent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DocumentBuilderTest {

    @Test
    void should_join_paragraphs_with_blank_lines_and_place_headings_on_their_page() {
        ParsedDocument doc = new DocumentBuilder(10)
                .newPage().heading(1, "  Intro \n duction ").paragraph("First.").paragraph("   ").paragraph("Second.")
                .newPage().heading(2, "Part").paragraph("Third.")
                .build("T", "test");

        assertThat(doc.pages()).hasSize(2);
        assertThat(doc.pages().get(0).text()).isEqualTo("Intro duction\n\nFirst.\n\nSecond.");
        assertThat(doc.pages().get(1).offset()).isEqualTo(doc.pages().get(0).text().length() + 2);
        assertThat(doc.headings()).extracting(ParsedDocument.Heading::text, ParsedDocument.Heading::page)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Intro duction", 1),
                        org.assertj.core.groups.Tuple.tuple("Part", 2));
        assertConsistent(doc);
        assertThat(doc.sectionPath(doc.text().indexOf("Third"))).extracting(ParsedDocument.Heading::text)
                .containsExactly("Intro duction", "Part");
    }

    @Test
    void should_not_make_empty_pages_from_leading_or_repeated_page_breaks() {
        ParsedDocument doc = new DocumentBuilder(10)
                .pageBreak().paragraph("One.").pageBreak().pageBreak().paragraph("Two.").pageBreak()
                .build("T", "test");

        assertThat(doc.pages()).extracting(ParsedDocument.Page::text).containsExactly("One.", "Two.");
    }

    @Test
    void should_give_an_empty_document_one_empty_page() {
        assertThat(new DocumentBuilder(10).build("T", "test").pages()).singleElement()
                .satisfies(page -> assertThat(page.text()).isEmpty());
    }

    @Test
    void should_refuse_more_pages_than_the_limit() {
        DocumentBuilder builder = new DocumentBuilder(2).newPage().newPage();

        assertThatThrownBy(builder::newPage).isInstanceOf(DocumentException.class)
                .satisfies(e -> assertThat(((DocumentException) e).slug()).isEqualTo("document-too-many-pages"));
    }
}
