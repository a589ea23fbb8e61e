package io.omnivox.asr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RichTagsTest {

    @Test
    void should_sort_sensevoice_tags_into_fields() {
        RichTags.Tags tags = RichTags.parse(List.of("<|yue|>", "<|ANGRY|>", "<|Laughter|>", "<|woitn|>"));

        assertThat(tags).isEqualTo(new RichTags.Tags("yue", "ANGRY", List.of("Laughter"), false));
    }

    @Test
    void should_default_to_unknown_emotion_when_no_tags() {
        assertThat(RichTags.parse(List.of())).isEqualTo(new RichTags.Tags("", "EMO_UNKNOWN", List.of(), null));
    }

    @Test
    void should_recognise_tag_pieces_only() {
        assertThat(RichTags.isTag("<|en|>")).isTrue();
        assertThat(RichTags.isTag("<|>")).isFalse();
        assertThat(RichTags.isTag("\u2581hello")).isFalse();
        assertThat(RichTags.isControl("<s>")).isTrue();
        assertThat(RichTags.isControl("</s>")).isTrue();
        assertThat(RichTags.isControl("\u2581s")).isFalse();
    }
}
