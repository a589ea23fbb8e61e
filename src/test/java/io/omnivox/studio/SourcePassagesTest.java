package io.omnivox.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SourcePassagesTest {

    @Test
    void should_find_the_passage_that_shares_the_questions_words_first() {
        SourcePassages passages = new SourcePassages(List.of(
                "Spring tides peak forty minutes after noon.\n\nThe lighthouse was painted red in 1902.",
                "The ferry leaves at dawn and returns before the evening tide."));

        assertThat(passages.size()).as("short paragraphs joined").isEqualTo(2);
        assertThat(passages.search("when does the ferry leave", 2)).first().asString().contains("ferry leaves");
        assertThat(passages.search("the of and", 2)).as("stop words only").isEmpty();
        assertThat(passages.search("submarine", 2)).isEmpty();
    }

    @Test
    void should_cut_long_text_into_passages_of_about_a_paragraph() {
        String sentence = "The harbour keeps its own clock and every boat follows it. ";
        List<String> cut = SourcePassages.cut(sentence.repeat(40));

        assertThat(cut).hasSizeGreaterThan(2);
        assertThat(cut).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(SourcePassages.PASSAGE_CHARS));
        assertThat(String.join(" ", cut)).isEqualTo(sentence.repeat(40).strip());
    }
}
