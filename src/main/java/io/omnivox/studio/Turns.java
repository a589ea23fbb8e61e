package io.omnivox.studio;

import java.util.ArrayList;
import java.util.List;

/**
 * When each line of a conversation starts: the pause before a turn depends on what came before it, and a short
 * reaction ("Right.", "Mm-hm.") starts just before the previous line ends, the way people talk over each other's last
 * word. Times are in milliseconds from the start of the speech.
 */
final class Turns {

    /** The same speaker going on: a breath. */
    static final long SAME_SPEAKER_MS = 150;
    /** Another speaker takes the turn. */
    static final long SPEAKER_CHANGE_MS = 300;
    /** A question is answered a little sooner than a statement. */
    static final long ANSWER_MS = 200;
    /** Between sections (chapters). */
    static final long SECTION_BREAK_MS = 800;
    /** How far a reaction reaches back over the end of the line it reacts to. */
    static final long OVERLAP_MS = 200;
    /** A reaction has at most this many words. */
    static final int REACTION_WORDS = 3;

    private Turns() {
    }

    /** One line as far as timing goes: who says it, what, in which section, and for how long. */
    record Turn(String speaker, String text, int section, long durationMs) {
    }

    /** A line placed on the timeline. */
    record Placed(long startMs, long endMs, boolean overlapping) {
    }

    /** The lines placed in order, the first at {@code leadMs}; starts never go backwards. */
    static List<Placed> place(List<Turn> turns, long leadMs) {
        List<Placed> placed = new ArrayList<>();
        long end = leadMs; // where everything said so far has ended
        for (int i = 0; i < turns.size(); i++) {
            Turn turn = turns.get(i);
            long start;
            boolean overlapping = false;
            if (i == 0) {
                start = leadMs;
            } else if (overlaps(turns.get(i - 1), turn)) {
                Placed previous = placed.get(i - 1);
                start = Math.max(previous.startMs(), previous.endMs() - OVERLAP_MS);
                overlapping = start < end;
            } else {
                start = end + pauseMs(turns.get(i - 1), turn);
            }
            placed.add(new Placed(start, start + turn.durationMs(), overlapping));
            end = Math.max(end, start + turn.durationMs());
        }
        return placed;
    }

    /** The silence between {@code previous} and {@code next} when they do not overlap. */
    static long pauseMs(Turn previous, Turn next) {
        if (previous.section() != next.section()) {
            return SECTION_BREAK_MS;
        }
        if (previous.speaker().equals(next.speaker())) {
            return SAME_SPEAKER_MS;
        }
        return previous.text().strip().endsWith("?") ? ANSWER_MS : SPEAKER_CHANGE_MS;
    }

    /** A short reaction by someone else, in the same section, is said over the end of the previous line. */
    static boolean overlaps(Turn previous, Turn next) {
        return previous.section() == next.section() && !previous.speaker().equals(next.speaker())
                && reaction(next.text());
    }

    /** At most {@link #REACTION_WORDS} words, e.g. "Right.", "Mm-hm.", "Oh, exactly!". */
    static boolean reaction(String text) {
        String words = text.strip();
        return !words.isEmpty() && words.split("\\s+").length <= REACTION_WORDS;
    }
}
