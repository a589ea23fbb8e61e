package io.omnivox.document;

import static io.omnivox.document.DocumentAssertions.assertConsistent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpubParserTest {

    @TempDir
    Path dir;

    private ParsedDocument parse(byte[] epub, TestConfig config) throws Exception {
        return new EpubParser(config).parse(Files.write(dir.resolve("book.epub"), epub), "book.epub");
    }

    @Test
    void should_make_a_page_per_spine_chapter_in_order() throws Exception {
        ParsedDocument doc = parse(TestDocuments.epub(), TestConfig.defaults());

        assertThat(doc.title()).isEqualTo("The Test Book");
        assertThat(doc.format()).isEqualTo("epub");
        assertThat(doc.pages()).extracting(ParsedDocument.Page::text).containsExactly(
                "Chapter One\n\nIt was a bright day.\n\nA Walk\n\nThey walked.", "Chapter Two\n\nNight fell.");
        assertThat(doc.headings())
                .extracting(ParsedDocument.Heading::level, ParsedDocument.Heading::text, ParsedDocument.Heading::page)
                .containsExactly(tuple(1, "Chapter One", 1), tuple(2, "A Walk", 1), tuple(1, "Chapter Two", 2));
        assertConsistent(doc);
        assertThat(doc.sectionPath(doc.text().indexOf("They walked"))).extracting(ParsedDocument.Heading::text)
                .containsExactly("Chapter One", "A Walk");
    }

    @Test
    void should_resolve_hrefs_against_the_opf_folder() {
        assertThat(EpubParser.resolve("OEBPS/content.opf", "Text/chapter%201.xhtml#start"))
                .isEqualTo("OEBPS/Text/chapter 1.xhtml");
        assertThat(EpubParser.resolve("OEBPS/content.opf", "../cover.xhtml")).isEqualTo("cover.xhtml");
        assertThat(EpubParser.resolve("content.opf", "a+b.xhtml")).isEqualTo("a+b.xhtml");
    }

    @Test
    void should_refuse_a_missing_container_or_chapter_as_corrupt() throws Exception {
        byte[] noChapter = TestDocuments.epub(Map.of(), "Text/a.xhtml", "Text/b.xhtml");
        java.io.ByteArrayOutputStream bare = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bare)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("mimetype"));
            zip.write("application/epub+zip".getBytes());
        }

        assertThatThrownBy(() -> parse(noChapter, TestConfig.defaults())).isInstanceOf(DocumentException.class)
                .hasMessageContaining("OEBPS/Text/a.xhtml");
        assertThatThrownBy(() -> parse(bare.toByteArray(), TestConfig.defaults()))
                .isInstanceOf(DocumentException.class).hasMessageContaining("META-INF/container.xml is missing")
                .satisfies(e -> assertThat(((DocumentException) e).slug()).isEqualTo("document-corrupt"));
    }

    @Test
    void should_stop_reading_at_the_unpacked_size_limits() throws Exception {
        TestConfig tinyEntries = new TestConfig(10, 200, 10_000, 100);
        TestConfig tinyTotal = new TestConfig(10, 10_000, 700, 100);
        TestConfig fewEntries = new TestConfig(10, 10_000, 10_000, 3);

        assertThatThrownBy(() -> parse(TestDocuments.epub(), tinyEntries)).isInstanceOf(DocumentException.class)
                .hasMessageContaining("200 bytes per entry")
                .satisfies(e -> assertThat(((DocumentException) e).slug()).isEqualTo("document-unpacks-too-large"));
        assertThatThrownBy(() -> parse(TestDocuments.epub(), tinyTotal)).isInstanceOf(DocumentException.class)
                .hasMessageContaining("all entries together");
        assertThatThrownBy(() -> parse(TestDocuments.epub(), fewEntries)).isInstanceOf(DocumentException.class)
                .hasMessageContaining("the limit is 3");
    }

    @Test
    void should_stop_a_zip_bomb_chapter_quickly() throws Exception {
        long start = System.nanoTime();

        assertThatThrownBy(() -> parse(TestDocuments.epubBomb(), TestConfig.defaults()))
                .isInstanceOf(DocumentException.class)
                .satisfies(e -> assertThat(((DocumentException) e).status()).isEqualTo(413));
        assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
    }
}
