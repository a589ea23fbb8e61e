package io.omnivox.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The chat model's attributions: a chapter in bounded parts with numbered quotes, and strict checks of the answer. */
class DialogueAttributionTest {

    private static final Map<Integer, Integer> QUOTES = Map.of(1, 1, 2, 3); // quote number -> line index

    private static Map<Integer, DialogueAttribution.Said> check(String answer) {
        return DialogueAttribution.check(DialogueAttribution.parse(answer), QUOTES);
    }

    @Test
    void should_number_the_quotes_and_keep_each_part_within_its_bound() {
        String narration = "The sea was grey. ".repeat(200); // longer than a part allows between two quotes
        StringBuilder chapter = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            chapter.append(narration).append("\"Line ").append(i).append(",\" said Ada. ");
        }
        List<Dialogue.Line> lines = Dialogue.lines(chapter.toString());

        List<DialogueAttribution.Part> parts = DialogueAttribution.parts(lines);

        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(part -> assertThat(part.text().length())
                .isLessThanOrEqualTo(DialogueAttribution.PART_CHARS));
        assertThat(parts.stream().flatMap(p -> p.quotes().keySet().stream())).containsExactly(1, 2, 3, 4, 5, 6, 7, 8,
                9, 10);
        assertThat(String.join(" ", parts.stream().map(DialogueAttribution.Part::text).toList()))
                .contains("[Q1] \"Line 1,\"").contains("[Q10] \"Line 10,\"").contains("[…]");
        parts.forEach(part -> part.quotes().forEach((number, line) -> assertThat(lines.get(line).quoted()).isTrue()));
    }

    @Test
    void should_take_an_answer_that_names_every_quote_once_with_an_allowed_emotion() {
        Map<Integer, DialogueAttribution.Said> said = check("```json\n[{\"quote\": 2, \"speaker\": \"unknown\","
                + " \"emotion\": \"calm\"}, {\"quote\": 1, \"speaker\": \"Ada\", \"emotion\": \"Happy\"}]\n```");

        assertThat(said).containsEntry(1, new DialogueAttribution.Said("Ada", "happy"))
                .containsEntry(3, new DialogueAttribution.Said(null, "calm"));
    }

    @Test
    void should_refuse_answers_that_do_not_fit_the_quotes() {
        String ok = "{\"quote\": 1, \"speaker\": \"Ada\", \"emotion\": \"neutral\"}";
        List.of("Ada says the first, Ben the second.",
                "[" + ok + "]", // a quote left out
                "[" + ok + ", " + ok + "]", // one twice
                "[" + ok + ", {\"quote\": 7, \"speaker\": \"Ben\", \"emotion\": \"neutral\"}]",
                "[" + ok + ", {\"quote\": 2, \"speaker\": \"\", \"emotion\": \"neutral\"}]",
                "[" + ok + ", {\"quote\": 2, \"speaker\": \"" + "B".repeat(41) + "\", \"emotion\": \"neutral\"}]",
                "[" + ok + ", {\"quote\": 2, \"speaker\": \"Ben\", \"emotion\": \"smug\"}]",
                "[" + ok + ", {\"quote\": \"2\", \"speaker\": \"Ben\", \"emotion\": \"neutral\"}]")
                .forEach(answer -> assertThatThrownBy(() -> check(answer)).as(answer)
                        .isInstanceOf(DialogueAttribution.UnusableAnswer.class));
    }
}
