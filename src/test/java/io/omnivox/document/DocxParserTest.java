package io.omnivox.document;

import static io.omnivox.document.DocumentAssertions.assertConsistent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocxParserTest {

    @TempDir
    Path dir;

    private final DocxParser parser = new DocxParser(10);

    private Path write(byte[] bytes) throws IOException {
        return Files.write(dir.resolve("doc.docx"), bytes);
    }

    @Test
    void should_read_headings_tables_and_explicit_page_breaks() throws Exception {
        ParsedDocument doc = parser.parse(write(TestDocuments.docx()), "report.docx");

        assertThat(doc.title()).isEqualTo("Quarterly Report");
        assertThat(doc.format()).isEqualTo("docx");
        assertThat(doc.pages()).extracting(ParsedDocument.Page::text).containsExactly("""
                The Report

                Introduction

                Omnivox parses office files.

                Scope

                Only text matters here.

                Name | Value

                pages | 2

                End of page one.""", """
                Results

                Details

                All good.""");
        assertThat(doc.headings())
                .extracting(ParsedDocument.Heading::level, ParsedDocument.Heading::text, ParsedDocument.Heading::page)
                .containsExactly(tuple(1, "Introduction", 1), tuple(2, "Scope", 1), tuple(1, "Results", 2),
                        tuple(3, "Details", 2));
        assertConsistent(doc);
        assertThat(doc.sectionPath(doc.text().indexOf("All good"))).extracting(ParsedDocument.Heading::text)
                .containsExactly("Results", "Details");
    }

    @Test
    void should_split_pages_at_rendered_page_marks_only_when_the_file_has_them() throws Exception {
        byte[] bytes;
        try (XWPFDocument docx = new XWPFDocument()) {
            TestDocuments.paragraph(docx, "Heading1", "Start");
            XWPFParagraph withBreak = docx.createParagraph();
            // An explicit break followed by Word's rendered mark: counting both would make an extra page.
            withBreak.createRun().setText("one");
            withBreak.createRun().addBreak(org.apache.poi.xwpf.usermodel.BreakType.PAGE);
            XWPFParagraph next = docx.createParagraph();
            next.createRun().getCTR().addNewLastRenderedPageBreak();
            next.createRun().setText("two");
            XWPFParagraph third = docx.createParagraph();
            third.createRun().getCTR().addNewLastRenderedPageBreak();
            third.createRun().setText("three");
            bytes = TestDocuments.save(docx);
        }

        ParsedDocument doc = parser.parse(write(bytes), "marks.docx");

        assertThat(doc.pages()).extracting(ParsedDocument.Page::text)
                .containsExactly("Start\n\none", "two", "three");
        assertThat(doc.title()).isEqualTo("Start");
    }

    @Test
    void should_take_the_title_style_paragraph_then_the_file_name_as_title() throws Exception {
        byte[] titled;
        byte[] plain;
        try (XWPFDocument docx = new XWPFDocument()) {
            TestDocuments.paragraph(docx, "Title", "Styled Title");
            TestDocuments.paragraph(docx, "Heading1", "Heading");
            titled = TestDocuments.save(docx);
        }
        try (XWPFDocument docx = new XWPFDocument()) {
            TestDocuments.paragraph(docx, null, "just text");
            plain = TestDocuments.save(docx);
        }

        assertThat(parser.parse(write(titled), "a.docx").title()).isEqualTo("Styled Title");
        assertThat(parser.parse(write(plain), "b.docx").title()).isEqualTo("b.docx");
    }

    @Test
    void should_refuse_a_truncated_docx_as_corrupt() throws Exception {
        byte[] good = TestDocuments.docx();
        Path truncated = write(Arrays.copyOf(good, good.length / 2));

        assertThatThrownBy(() -> parser.parse(truncated, "cut.docx")).isInstanceOf(DocumentException.class)
                .satisfies(e -> assertThat(((DocumentException) e).status()).isEqualTo(400))
                .satisfies(e -> assertThat(((DocumentException) e).slug()).isEqualTo("document-corrupt"));
    }

    @Test
    void should_stop_a_zip_bomb_by_its_inflate_ratio() throws Exception {
        OoxmlSupport.applyLimits(TestConfig.defaults());
        Path bomb = write(TestDocuments.docxBomb());
        long start = System.nanoTime();

        assertThatThrownBy(() -> parser.parse(bomb, "bomb.docx")).isInstanceOf(DocumentException.class)
                .satisfies(e -> assertThat(((DocumentException) e).status()).isEqualTo(413))
                .satisfies(e -> assertThat(((DocumentException) e).slug()).isEqualTo("document-unpacks-too-large"))
                .hasMessageContaining("100 times");
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }
}
