package io.omnivox.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import org.junit.jupiter.api.Test;

class HostLabelsTest {

    private static HostLabels hosts() {
        LinkedHashMap<String, String> voices = new LinkedHashMap<>();
        voices.put("Ada", "voice-a");
        voices.put("Ben", null); // a voice the engine cannot speak: the session's
        return new HostLabels(voices);
    }

    @Test
    void should_give_each_labelled_stretch_to_its_host_and_drop_labels_and_directions() {
        HostLabels labels = hosts();
        List<Responder.Voiced> said = new ArrayList<>();
        said.addAll(labels.apply("Ada: Good question!"));
        said.addAll(labels.apply("The ferry moves slowly."));
        said.addAll(labels.apply("Ben: [laughs] It does. Ada: Back to the show."));

        assertThat(said).containsExactly(new Responder.Voiced("Good question!", "voice-a"),
                new Responder.Voiced("The ferry moves slowly.", "voice-a"),
                new Responder.Voiced("It does.", null), new Responder.Voiced("Back to the show.", "voice-a"));
    }

    @Test
    void should_give_unlabelled_text_to_the_first_host_and_leave_other_colons_alone() {
        assertThat(hosts().apply("The ratio is 3:1, says Adam: really.")).containsExactly(
                new Responder.Voiced("The ratio is 3:1, says Adam: really.", "voice-a"));
    }
}
