package io.omnivox.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Narration and quotes, and who says each quote. */
class DialogueTest {

    @Test
    void should_give_quotes_to_the_named_speakers_and_alternate_in_a_back_and_forth() {
        List<Dialogue.Line> lines = Dialogue.lines("Ada looked at the sea. \"The boats are late,\" said Ada. "
                + "\"They always are,\" Ben replied. \"Not today.\" \"Yes, today.\" Ben whispered, \"Look.\"");

        // the tags ("said Ada.") stay with the narrator, as audiobooks read them
        assertThat(lines).extracting(Dialogue.Line::text).containsExactly("Ada looked at the sea.",
                "The boats are late,", "said Ada.", "They always are,", "Ben replied.", "Not today.", "Yes, today.",
                "Ben whispered,", "Look.");
        assertThat(lines).extracting(Dialogue.Line::speaker).containsExactly(null, "Ada", null, "Ben", null, "Ada",
                "Ben", null, "Ben");
        assertThat(lines.get(8).emotion()).isEqualTo("calm");
    }

    @Test
    void should_leave_pronouns_and_plain_narration_to_the_narrator() {
        List<Dialogue.Line> lines = Dialogue.lines("“Who is there?” he asked. The wind answered nothing.");

        assertThat(lines).extracting(Dialogue.Line::speaker).containsExactly(null, null);
        assertThat(lines.get(0).quoted()).isTrue();
        assertThat(lines.get(1).text()).isEqualTo("he asked. The wind answered nothing.");
        assertThat(lines.get(1).quoted()).isFalse();
        assertThat(Dialogue.lines("No dialogue here at all.")).singleElement()
                .extracting(Dialogue.Line::speaker).isNull();
    }
}
