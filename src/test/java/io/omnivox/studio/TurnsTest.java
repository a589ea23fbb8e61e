package io.omnivox.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.omnivox.audio.AudioClip;
import io.omnivox.audio.WavCodec;

/** Pauses that depend on the turn, reactions over the end of a line, and the speech track that mixes them. */
class TurnsTest {

    @Test
    void should_pause_by_context_and_start_a_reaction_before_the_line_it_answers_ends() {
        List<Turns.Turn> turns = List.of(
                new Turns.Turn("Ada", "Do you know when the tides peak?", 0, 2_000),
                new Turns.Turn("Ben", "Forty minutes after noon.", 0, 1_500),
                new Turns.Turn("Ada", "Mm-hm.", 0, 400),
                new Turns.Turn("Ada", "And the ferry?", 0, 1_000),
                new Turns.Turn("Ben", "Next part.", 1, 800),
                new Turns.Turn("Ada", "Okay then, let us go on to the ferry.", 1, 1_200));

        List<Turns.Placed> placed = Turns.place(turns, 6_000);

        assertThat(placed.stream().map(Turns.Placed::startMs)).containsExactly(6_000L, // after the intro
                8_200L, // a question answered sooner
                9_500L, // the reaction: 200 ms before the answer ends
                9_900L + Turns.SAME_SPEAKER_MS, // the same speaker goes on after the reaction
                11_050L + Turns.SECTION_BREAK_MS, // a new section; a short line there is not a reaction
                12_650L + Turns.SPEAKER_CHANGE_MS);
        assertThat(placed.get(2).overlapping()).isTrue();
        assertThat(placed.get(4).overlapping()).isFalse();
    }

    @Test
    void should_not_count_a_long_line_as_a_reaction() {
        assertThat(Turns.reaction("Right.")).isTrue();
        assertThat(Turns.reaction("Oh, exactly that!")).isTrue();
        assertThat(Turns.reaction("That is exactly right.")).isFalse();
    }

    @Test
    void should_mix_overlapping_lines_without_cutting_either(@TempDir Path dir) throws Exception {
        int rate = 1_000;
        Path first = dir.resolve("a.wav");
        Path second = dir.resolve("b.wav");
        Files.write(first, WavCodec.encode(new AudioClip(constant(0.25f, 500), rate), 16));
        Files.write(second, WavCodec.encode(new AudioClip(constant(0.5f, 300), rate), 16));
        Path track = dir.resolve("speech.wav");

        long total = SpeechTrack.write(List.of(first, second), List.of(100L, 400L), rate, 50, track);

        float[] mixed = WavCodec.decode(Files.readAllBytes(track)).samples();
        assertThat(total).isEqualTo(750);
        assertThat(mixed).hasSize(750);
        assertThat(mixed[50]).isZero(); // silence before the first line
        assertThat(mixed[300]).isCloseTo(0.25f, org.assertj.core.data.Offset.offset(1e-3f));
        assertThat(mixed[500]).as("both lines heard where they overlap").isCloseTo(0.75f,
                org.assertj.core.data.Offset.offset(1e-3f));
        assertThat(mixed[650]).isCloseTo(0.5f, org.assertj.core.data.Offset.offset(1e-3f));
        assertThat(mixed[720]).isZero(); // the trailing silence
    }

    private static float[] constant(float value, int length) {
        float[] samples = new float[length];
        java.util.Arrays.fill(samples, value);
        return samples;
    }
}
