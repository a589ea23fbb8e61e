package io.omnivox.studio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A podcast's script: sections of dialogue lines, each a speaker, an emotion and what they say. Read from what a chat
 * model writes, one line per turn in the form {@code Name: [emotion] words}; lines by anyone but the hosts, and
 * stage directions, are left out.
 */
public record PodcastScript(String title, List<String> speakers, List<Section> sections) {

    /** One section: a chapter of the episode. */
    public record Section(String title, List<Line> lines) {
    }

    /** One turn of dialogue. */
    public record Line(String speaker, String emotion, String text) {
    }

    /** Emotions the speech engines can take as a style; anything else is read as neutral. */
    public static final List<String> EMOTIONS = List.of("neutral", "happy", "sad", "angry", "surprised", "fearful",
            "disgusted", "excited", "calm");

    private static final Pattern TURN = Pattern.compile(
            "^\\**([^:*\\[\\]]{1,40}?)\\**\\s*:\\s*\\**\\s*(?:\\[([A-Za-z]+)\\]\\s*)?(.+)$"); // **Name:** too
    private static final Pattern NUMBERING = Pattern.compile("^\\s*(?:[-*•]|\\d+[.)]|#+)\\s*");

    /** The dialogue lines in {@code text} spoken by one of {@code hosts} (names compared ignoring case). */
    static List<Line> lines(String text, List<String> hosts) {
        List<Line> lines = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            Matcher turn = TURN.matcher(raw.strip());
            if (!turn.matches()) {
                continue;
            }
            String speaker = host(turn.group(1).strip(), hosts);
            String words = turn.group(3).strip().replaceAll("\\[[^\\]]*\\]", " ").replaceAll("\\s+", " ").strip();
            if (speaker == null || words.isEmpty()) {
                continue;
            }
            lines.add(new Line(speaker, emotion(turn.group(2)), words));
        }
        return lines;
    }

    /** Section titles from an outline, one per line (numbering and bullets removed), at most {@code count}. */
    static List<String> outline(String text, int count) {
        List<String> titles = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            String title = NUMBERING.matcher(raw).replaceFirst("").replace("*", "").strip();
            if (!title.isEmpty() && titles.size() < count) {
                titles.add(title.length() > 120 ? title.substring(0, 120) : title);
            }
        }
        while (titles.size() < count) {
            titles.add("Part " + (titles.size() + 1));
        }
        return titles;
    }

    /** The emotion a line's tag names, or neutral for none or one the engines do not know. */
    public static String emotion(String tag) {
        String emotion = tag == null ? "neutral" : tag.toLowerCase(Locale.ROOT);
        return EMOTIONS.contains(emotion) ? emotion : "neutral";
    }

    private static String host(String name, List<String> hosts) {
        return hosts.stream().filter(h -> h.equalsIgnoreCase(name)).findFirst().orElse(null);
    }
}
