package io.omnivox.studio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chapter's text as narration and quoted speech, each quote given to a character when the text says who speaks:
 * a said-verb with a name next to the quote ({@code "…," said Ada} / {@code Ada asked, "…"}); an unattributed quote
 * in a back-and-forth goes to whoever did not speak last. The verb also colours the line (shouted → angry,
 * whispered → calm, laughed → happy, sobbed → sad, gasped → surprised).
 */
final class Dialogue {

    /** A run of the text: narration, or a quote with who says it (null when unknown) and how. */
    record Line(String text, boolean quoted, String speaker, String emotion) {
    }

    private static final Map<String, String> VERBS = Map.ofEntries(Map.entry("said", "neutral"),
            Map.entry("asked", "neutral"), Map.entry("replied", "neutral"), Map.entry("answered", "neutral"),
            Map.entry("called", "neutral"), Map.entry("added", "neutral"), Map.entry("shouted", "angry"),
            Map.entry("yelled", "angry"), Map.entry("snapped", "angry"), Map.entry("whispered", "calm"),
            Map.entry("murmured", "calm"), Map.entry("laughed", "happy"), Map.entry("sobbed", "sad"),
            Map.entry("wept", "sad"), Map.entry("gasped", "surprised"), Map.entry("exclaimed", "surprised"),
            Map.entry("cried", "surprised"), Map.entry("muttered", "neutral"));
    private static final Set<String> NOT_NAMES = Set.of("He", "She", "They", "I", "We", "It", "You", "The", "A",
            "Then", "And", "But");
    private static final String VERB = "(" + String.join("|", VERBS.keySet()) + ")";
    private static final Pattern QUOTE = Pattern.compile("[\"“]([^\"“”\\n]{1,2000})[\"”]"); // within a paragraph
    /** After a quote: {@code , said Ada} or {@code Ada said}. */
    private static final Pattern AFTER = Pattern.compile("^\\s*,?\\s*(?:" + VERB + "\\s+([A-Z][\\p{L}'-]+)|([A-Z]"
            + "[\\p{L}'-]+)\\s+" + VERB + ")\\b");
    /** Before a quote: {@code Ada said,} / {@code Ada asked:}. */
    private static final Pattern BEFORE = Pattern.compile("([A-Z][\\p{L}'-]+)\\s+" + VERB + "\\s*[,:]?\\s*$");

    private Dialogue() {
    }

    /** The text's narration and quotes, in order (blank runs left out). */
    static List<Line> lines(String text) {
        List<Line> lines = new ArrayList<>();
        Matcher quote = QUOTE.matcher(text);
        int at = 0;
        String last = null;
        String before = null;
        while (quote.find()) {
            String narration = text.substring(at, quote.start());
            String rest = text.substring(quote.end());
            String[] who = attribution(narration, rest);
            String speaker = who[0];
            if (speaker == null && last != null && before != null && !before.equals(last)) {
                speaker = before; // a back-and-forth: the one who did not speak last
            }
            narration(lines, narration);
            lines.add(new Line(quote.group(1).strip(), true, speaker, who[1]));
            if (speaker != null && !speaker.equals(last)) {
                before = last;
                last = speaker;
            }
            at = quote.end();
        }
        narration(lines, text.substring(at));
        return lines;
    }

    /** {speaker or null, emotion} for a quote between {@code narration} and {@code rest}. */
    private static String[] attribution(String narration, String rest) {
        Matcher after = AFTER.matcher(rest);
        if (after.find()) {
            String name = after.group(2) != null ? after.group(2) : after.group(3);
            String verb = after.group(1) != null ? after.group(1) : after.group(4);
            return new String[] { NOT_NAMES.contains(name) ? null : name, VERBS.get(verb) };
        }
        Matcher prior = BEFORE.matcher(narration);
        if (prior.find()) {
            String name = prior.group(1);
            return new String[] { NOT_NAMES.contains(name) ? null : name, VERBS.get(prior.group(2)) };
        }
        return new String[] { null, "neutral" };
    }

    private static void narration(List<Line> lines, String narration) {
        String text = narration.strip().replaceAll("^[,.;:]+\\s*", "");
        if (!text.isEmpty() && text.chars().anyMatch(Character::isLetterOrDigit)) {
            lines.add(new Line(text, false, null, "neutral"));
        }
    }

    /** Lower-case key for a character's name, for casting maps given in any case. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
