package io.omnivox.voice;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A recording a voice session plays line by line and the listener may interrupt: a finished podcast episode. It
 * remembers the line playing, so playback resumes there after the hosts answered a question.
 *
 * @param id    what the client named it by (the podcast's id)
 * @param lines in playing order
 */
public record Playlist(String id, String title, List<Line> lines, AtomicInteger position) {

    /**
     * One line: who says it, the voice they speak in (null when the session's engine does not know it: the
     * session's voice answers for them then), the words, and the audio already rendered for it.
     */
    public record Line(int section, String sectionTitle, String speaker, String voice, String text, Path audio) {
    }

    public Playlist(String id, String title, List<Line> lines) {
        this(id, title, List.copyOf(lines), new AtomicInteger());
    }

    /** The line playback resumes at; {@link #lines()}'s size once the episode has been heard to its end. */
    public int at() {
        return position.get();
    }

    /** Marks {@code line} as the one playing (or the end, past the last line). */
    public void reached(int line) {
        position.set(line);
    }

    /** The lines just before the current one, as "Name: words", for context. */
    public String recent(int count) {
        int end = Math.min(at() + 1, lines.size());
        StringBuilder text = new StringBuilder();
        for (Line line : lines.subList(Math.max(0, end - count), end)) {
            text.append(line.speaker()).append(": ").append(line.text()).append('\n');
        }
        return text.toString().strip();
    }
}
