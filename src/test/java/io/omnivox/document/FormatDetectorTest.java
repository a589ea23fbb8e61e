package io.omnivox.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatDetectorTest {

    @TempDir
    Path dir;

    private DocumentFormat detect(byte[] content, String name) throws Exception {
        return FormatDetector.detect(Files.write(dir.resolve("upload"), content), name);
    }

    private DocumentFormat detect(String content, String name) throws Exception {
        return detect(content.getBytes(StandardCharsets.UTF_8), name);
    }

    @Test
    void should_tell_formats_by_content_not_by_name() throws Exception {
        assertThat(detect(TestDocuments.docx(), "x.pdf")).isEqualTo(DocumentFormat.DOCX);
        assertThat(detect(TestDocuments.pptx(), "x")).isEqualTo(DocumentFormat.PPTX);
        assertThat(detect(TestDocuments.epub(), "x.zip")).isEqualTo(DocumentFormat.EPUB);
        assertThat(detect("%PDF-1.7 ...", "x.txt")).isEqualTo(DocumentFormat.PDF);
        assertThat(detect("\uFEFF  \n<!DOCTYPE html><p>x", "x.txt")).isEqualTo(DocumentFormat.HTML);
        assertThat(detect("<?xml version=\"1.0\"?>\n<html><body>x", null)).isEqualTo(DocumentFormat.HTML);
        assertThat(detect(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0}, "x.md"))
                .isEqualTo(DocumentFormat.IMAGE);
    }

    @Test
    void should_take_markdown_and_text_by_extension_only_when_the_content_is_utf8_text() throws Exception {
        assertThat(detect("# Title", "README.MD")).isEqualTo(DocumentFormat.MARKDOWN);
        assertThat(detect("BMW and BMX bikes", "notes.txt")).isEqualTo(DocumentFormat.TEXT);
        assertThatThrownBy(() -> detect("# Title", "notes")).hasMessageContaining("Supported documents");
        assertThatThrownBy(() -> detect(new byte[] {'a', 0, 'b'}, "notes.txt"))
                .satisfies(e -> assertThat(((DocumentException) e).status()).isEqualTo(415));
        assertThatThrownBy(() -> detect(new byte[] {'a', (byte) 0xC3, '(', 'b'}, "notes.md"))
                .satisfies(e -> assertThat(((DocumentException) e).slug()).isEqualTo("document-unsupported"));
    }

    @Test
    void should_refuse_an_empty_upload_and_a_broken_zip() throws Exception {
        assertThatThrownBy(() -> detect(new byte[0], "x.pdf"))
                .satisfies(e -> assertThat(((DocumentException) e).slug()).isEqualTo("document-empty"));
        assertThatThrownBy(() -> detect("PK\u0003\u0004 and nothing else", "x.docx"))
                .satisfies(e -> assertThat(((DocumentException) e).slug()).isEqualTo("document-corrupt"));
    }
}
