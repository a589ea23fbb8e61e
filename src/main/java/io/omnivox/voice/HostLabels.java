package io.omnivox.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows who is talking in a streamed dialogue written as {@code Name: words}: each sentence is cut where a host's
 * label starts, the label is dropped, and each stretch goes to that host's voice. Stateful, one per reply: a sentence
 * with no label is said by whoever spoke last (the first host before any label).
 */
final class HostLabels implements Function<String, List<Responder.Voiced>> {

    /** A leading stage direction such as {@code [laughs]}, not to be read aloud. */
    private static final Pattern DIRECTION = Pattern.compile("^\\s*\\[[^\\]]{0,40}\\]\\s*");

    private final Map<String, String> voices;
    private final Pattern label;
    private String voice;

    /** @param voices each host's name and voice (null for the session's), in the order the episode lists them */
    HostLabels(java.util.LinkedHashMap<String, String> voices) {
        this.voices = voices;
        this.voice = voices.isEmpty() ? null : voices.values().iterator().next();
        String names = String.join("|", voices.keySet().stream().map(Pattern::quote).toList());
        this.label = Pattern.compile("(?:^|(?<=\\s))(" + (names.isEmpty() ? "(?!)" : names) + ")\\s*:\\s*");
    }

    @Override
    public List<Responder.Voiced> apply(String sentence) {
        List<Responder.Voiced> out = new ArrayList<>();
        Matcher matcher = label.matcher(sentence);
        int from = 0;
        while (matcher.find()) {
            add(out, sentence.substring(from, matcher.start()));
            voice = voices.get(matcher.group(1));
            from = matcher.end();
        }
        add(out, sentence.substring(from));
        return out;
    }

    private void add(List<Responder.Voiced> out, String words) {
        String text = DIRECTION.matcher(words).replaceFirst("").strip();
        if (!text.isEmpty()) {
            out.add(new Responder.Voiced(text, voice));
        }
    }
}
