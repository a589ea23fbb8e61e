package io.omnivox.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.omnivox.document.ParsedDocument;
import io.omnivox.document.ParsedDocument.Heading;
import io.omnivox.document.ParsedDocument.Page;

class ChunkerTest {

    /** A document of the given pages, offsets laid out as {@link ParsedDocument#text()} joins them. */
    static ParsedDocument document(String title, List<String> pageTexts, List<Heading> headings) {
        List<Page> pages = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < pageTexts.size(); i++) {
            pages.add(new Page(i + 1, pageTexts.get(i), ParsedDocument.Source.TEXT_LAYER, offset));
            offset += pageTexts.get(i).length() + 2;
        }
        return new ParsedDocument(title, "txt", pages, headings);
    }

    @Test
    void chunksFollowSectionsAndCarryPathPageAndOffset() {
        String page1 = "Preface words.\n\nChapter 1\nIt starts here.";
        String page2 = "Installing\nRun the installer. Then restart.\n\nChapter 2\nThe end.";
        String text = page1 + "\n\n" + page2;
        ParsedDocument doc = document("Manual", List.of(page1, page2), List.of(
                new Heading(1, "Chapter 1", 1, text.indexOf("Chapter 1")),
                new Heading(2, "Installing", 2, text.indexOf("Installing")),
                new Heading(1, "Chapter 2", 2, text.indexOf("Chapter 2"))));

        List<Chunk> chunks = new Chunker(500, 100).chunk(doc, "doc-1");

        assertThat(chunks).extracting(Chunk::text).containsExactly(
                "Preface words.",
                "Chapter 1\nIt starts here.",
                "Installing\nRun the installer. Then restart.",
                "Chapter 2\nThe end.");
        assertThat(chunks).extracting(Chunk::section).containsExactly(
                "", "Chapter 1", "Chapter 1 › Installing", "Chapter 2");
        assertThat(chunks).extracting(Chunk::page).containsExactly(1, 1, 2, 2);
        assertThat(chunks).extracting(Chunk::startOffset).containsExactly(
                0, text.indexOf("Chapter 1"), text.indexOf("Installing"), text.indexOf("Chapter 2"));
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.documentId()).isEqualTo("doc-1");
            assertThat(c.title()).isEqualTo("Manual");
            assertThat(text.substring(c.startOffset())).startsWith(c.text());
        });
    }

    @Test
    void packsWholeSentencesWithOverlapOfWholeSentences() {
        String text = "Aaaa aaaa. Bbbb bbbb. Cccc cccc. Dddd dddd.";
        ParsedDocument doc = document("t", List.of(text), List.of());

        List<Chunk> overlapping = new Chunker(25, 12).chunk(doc, "d");
        assertThat(overlapping).extracting(Chunk::text).containsExactly(
                "Aaaa aaaa. Bbbb bbbb.", "Bbbb bbbb. Cccc cccc.", "Cccc cccc. Dddd dddd.");
        assertThat(overlapping).extracting(Chunk::startOffset).containsExactly(0, 11, 22);

        assertThat(new Chunker(25, 0).chunk(doc, "d")).extracting(Chunk::text).containsExactly(
                "Aaaa aaaa. Bbbb bbbb.", "Cccc cccc. Dddd dddd.");
    }

    @Test
    void splitsChineseOnFullWidthSentenceEnds() {
        ParsedDocument doc = document("t", List.of("今天天气很好。我们去公园吧！你来吗？"), List.of());

        assertThat(new Chunker(12, 0).chunk(doc, "d")).extracting(Chunk::text).containsExactly(
                "今天天气很好。", "我们去公园吧！你来吗？");
    }

    @Test
    void keepsAbbreviationsAndDecimalsInsideTheSentence() {
        ParsedDocument doc = document("t", List.of("It costs 3.5 euros, e.g. in shops. Next one."), List.of());

        assertThat(new Chunker(36, 0).chunk(doc, "d")).extracting(Chunk::text).containsExactly(
                "It costs 3.5 euros, e.g. in shops.", "Next one.");
    }

    @Test
    void cutsOnlyASentenceLongerThanTheBudgetAtSpaces() {
        ParsedDocument doc = document("t", List.of("one two three four five six seven eight nine ten."), List.of());

        assertThat(new Chunker(20, 0).chunk(doc, "d")).extracting(Chunk::text).containsExactly(
                "one two three four", "five six seven", "eight nine ten.");
    }

    @Test
    void noChunkExceedsTheBudgetAndAllTextIsCovered() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            text.append("Sentence number ").append(i).append(" says something ").append("x".repeat(i % 37)).append(". ");
        }
        ParsedDocument doc = document("t", List.of(text.toString()), List.of());

        List<Chunk> chunks = new Chunker(300, 60).chunk(doc, "d");

        assertThat(chunks).allSatisfy(c -> assertThat(c.text().length()).isLessThanOrEqualTo(300));
        for (int i = 0; i < 200; i++) {
            String sentence = "Sentence number " + i + " says";
            assertThat(chunks).anySatisfy(c -> assertThat(c.text()).contains(sentence));
        }
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).startOffset()).isGreaterThan(chunks.get(i - 1).startOffset());
        }
    }

    @Test
    void rejectsOverlapNotBelowTarget() {
        assertThatThrownBy(() -> new Chunker(100, 100)).isInstanceOf(IllegalArgumentException.class);
    }
}
