package io.omnivox.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Reading what a chat model writes into a script, cutting a source into sections, and timing the transcript. */
class PodcastScriptTest {

    @Test
    void should_read_host_lines_with_emotions_and_drop_everything_else() {
        List<PodcastScript.Line> lines = PodcastScript.lines("""
                Here is the dialogue:
                **ADA:** [Happy] Hello [laughs] there!
                Ben: [whispering] Quiet now.
                Narrator: Not a host.
                (music)
                ben: Back again.
                """, List.of("Ada", "Ben"));

        assertThat(lines).containsExactly(new PodcastScript.Line("Ada", "happy", "Hello there!"),
                new PodcastScript.Line("Ben", "neutral", "Quiet now."),
                new PodcastScript.Line("Ben", "neutral", "Back again."));
    }

    @Test
    void should_take_an_outlines_titles_and_fill_missing_ones() {
        assertThat(PodcastScript.outline("1. Tides\n- **Boats**\n\n## Weather\n", 4))
                .containsExactly("Tides", "Boats", "Weather", "Part 4");
        assertThat(PodcastScript.outline("A\nB\nC", 2)).containsExactly("A", "B");
    }

    @Test
    void should_cut_a_source_into_parts_of_about_equal_length_in_order() {
        String source = "First paragraph, short.\n\nSecond one is a good deal longer than the first.\n\nThird.\n\n"
                + "Fourth paragraph closes it.";
        List<String> parts = SourceParts.split(source, 2);

        assertThat(parts).hasSize(2);
        assertThat(String.join("\n\n", parts)).isEqualTo(source);
        assertThat(SourceParts.split("One sentence. Two sentences. Three.", 3)).containsExactly("One sentence.",
                "Two sentences.", "Three.");
        assertThat(SourceParts.split("Only.", 3)).containsExactly("Only.", "", "");
    }

    @Test
    void should_time_subtitles_in_srt_and_webvtt() {
        List<PodcastRunner.Timed> lines = List.of(new PodcastRunner.Timed(0, 1_500, "Ada", "Hi."),
                new PodcastRunner.Timed(3_723_004, 3_725_000, "Ben", "Late."));

        assertThat(Subtitles.srt(lines)).isEqualTo("1\n00:00:00,000 --> 00:00:01,500\nAda: Hi.\n\n"
                + "2\n01:02:03,004 --> 01:02:05,000\nBen: Late.\n\n");
        assertThat(Subtitles.vtt(lines)).startsWith("WEBVTT\n\n00:00:00.000 --> 00:00:01.500\n<v Ada>Hi.\n\n");
        assertThat(Subtitles.clock(3_723_004)).isEqualTo("1:02:03");
        assertThat(Subtitles.clock(65_000)).isEqualTo("1:05");
    }
}
