package io.omnivox.document;

import static org.assertj.core.api.Assertions.assertThat;

/** The structural promises every parser keeps, checked on any parsed document. */
final class DocumentAssertions {

    private DocumentAssertions() {
    }

    /** Pages numbered from 1 at their offsets in the text; each heading at its offset, on its page. */
    static void assertConsistent(ParsedDocument doc) {
        String text = doc.text();
        for (int i = 0; i < doc.pages().size(); i++) {
            ParsedDocument.Page page = doc.pages().get(i);
            assertThat(page.number()).isEqualTo(i + 1);
            assertThat(text.substring(page.offset())).startsWith(page.text());
        }
        for (ParsedDocument.Heading heading : doc.headings()) {
            assertThat(text.substring(heading.offset())).as("heading %s", heading).startsWith(heading.text());
            assertThat(doc.pageAt(heading.offset()).number()).as("page of %s", heading).isEqualTo(heading.page());
            assertThat(heading.level()).isBetween(1, 6);
        }
    }
}
