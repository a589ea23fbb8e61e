package io.omnivox.tts.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Non-verbal markup in TTS text. CosyVoice 2/3 know these tokens (its Qwen tokenizer adds them as special tokens):
 * sounds {@code [laughter] [breath] [quick_breath] [cough] [sigh] [noise] [clucking] [accent] [hissing]
 * [vocalized-noise] [lipsmack] [mn]} and the spans {@code <laughter>…</laughter>} (words said laughing) and
 * {@code <strong>…</strong>} (emphasis). {@link #map} turns ChatTTS-style tags into these:
 * <ul>
 * <li>{@code [laugh]}, {@code [laugh_0]}..{@code [laugh_2]} → {@code [laughter]};</li>
 * <li>{@code [uv_break]}, {@code [lbreak]} → {@code [breath]} (a pause in place);</li>
 * <li>{@code [oral_N]} and {@code [break_N]} are dropped: in ChatTTS they set how often the refiner inserts fillers and
 * pauses across the whole text, they are not a sound at their position, so a {@code [breath]} there would add a sound
 * the writer did not ask for;</li>
 * <li>any other {@code [word]} tag and any {@code <|special|>} token is dropped without error: unknown tags would
 * otherwise be read out, and a user's {@code <|endofprompt|>} must not reach the model's instruct channel.</li>
 * </ul>
 * A bracketed word followed by {@code (} is a Markdown link text, not a tag; bracketed text with spaces or starting
 * with a digit ({@code [1]}) is text. Tag names are matched case-insensitively and written in lower case.
 */
public final class Markup {

    /** A piece of text: a whole tag ({@code tag} true) or plain text between tags. */
    public record Segment(String text, boolean tag) {
    }

    /** Sound tags CosyVoice knows. */
    public static final Set<String> SOUND_TAGS = Set.of("[laughter]", "[breath]", "[quick_breath]", "[cough]",
            "[sigh]", "[noise]", "[clucking]", "[accent]", "[hissing]", "[vocalized-noise]", "[lipsmack]", "[mn]");

    /** Span tags CosyVoice knows: name → closing tag. */
    private static final Map<String, String> SPANS = Map.of("<laughter>", "</laughter>", "<strong>", "</strong>");

    private static final String BRACKET_TAG = "\\[[A-Za-z_][A-Za-z0-9_-]{0,31}](?!\\()";
    private static final String SPECIAL_TOKEN = "<\\|[^|<>\\s]{1,40}\\|>";
    private static final String SPAN_TAG = "</?(?i:laughter|strong)>";
    private static final Pattern TAG = Pattern.compile(BRACKET_TAG + "|" + SPECIAL_TOKEN + "|" + SPAN_TAG);

    private static final Pattern CHATTTS_LAUGH = Pattern.compile("\\[laugh(?:_\\d)?]");
    private static final Set<String> CHATTTS_BREAKS = Set.of("[uv_break]", "[lbreak]");

    private Markup() {
    }

    /**
     * The text with ChatTTS tags turned into CosyVoice ones, CosyVoice tags in lower case, and every other tag
     * removed (a space kept where it separated two words).
     */
    public static String map(String text) {
        return rewrite(text, Markup::mapTag);
    }

    /**
     * The text for engines that cannot make non-verbal sounds (espeak-ng): every tag removed, the words inside
     * {@code <strong>} and {@code <laughter>} spans kept.
     */
    public static String stripForPlainEngines(String text) {
        return rewrite(text, tag -> Optional.empty());
    }

    /** The text cut into tags and the plain text between them, in order; tags are recognised, not mapped. */
    public static List<Segment> segments(String text) {
        List<Segment> segments = new ArrayList<>();
        Matcher matcher = TAG.matcher(text);
        int last = 0;
        while (matcher.find()) {
            if (matcher.start() > last) {
                segments.add(new Segment(text.substring(last, matcher.start()), false));
            }
            segments.add(new Segment(matcher.group(), true));
            last = matcher.end();
        }
        if (last < text.length()) {
            segments.add(new Segment(text.substring(last), false));
        }
        return segments;
    }

    /** The closing tag of a span opened by {@code tag} ({@code <strong>} → {@code </strong>}), if it opens one. */
    static Optional<String> closingOf(String tag) {
        return Optional.ofNullable(SPANS.get(tag.toLowerCase(Locale.ROOT)));
    }

    /** Whether {@code tag} closes a span ({@code </strong>}). */
    static boolean isClosing(String tag) {
        return tag.startsWith("</");
    }

    private static Optional<String> mapTag(String tag) {
        String lower = tag.toLowerCase(Locale.ROOT);
        if (SOUND_TAGS.contains(lower) || SPANS.containsKey(lower) || SPANS.containsValue(lower)) {
            return Optional.of(lower);
        }
        if (CHATTTS_LAUGH.matcher(lower).matches()) {
            return Optional.of("[laughter]");
        }
        if (CHATTTS_BREAKS.contains(lower)) {
            return Optional.of("[breath]");
        }
        return Optional.empty();
    }

    /** Replaces every tag by what {@code replacement} says, or removes it, without leaving double spaces. */
    private static String rewrite(String text, Function<String, Optional<String>> replacement) {
        StringBuilder out = new StringBuilder(text.length());
        List<Segment> segments = segments(text);
        boolean removed = false;
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (!segment.tag()) {
                String plain = segment.text();
                // A removed tag between two spaces, or at the start, leaves no extra space.
                boolean spaceBefore = out.isEmpty() || Character.isWhitespace(out.charAt(out.length() - 1));
                if (removed && spaceBefore && plain.startsWith(" ")) {
                    plain = plain.substring(1);
                }
                out.append(plain);
                removed = false;
                continue;
            }
            Optional<String> kept = replacement.apply(segment.text());
            removed = kept.isEmpty();
            if (kept.isPresent()) {
                out.append(kept.get());
            } else if (!out.isEmpty() && i + 1 < segments.size() && !segments.get(i + 1).tag()
                    && Lang.isLatinWordChar(out.codePointBefore(out.length()))
                    && Lang.isLatinWordChar(segments.get(i + 1).text().codePointAt(0))) {
                // "word[laugh]word" must not become one word for an engine that reads it.
                out.append(' ');
            }
        }
        if (removed) {
            // "Hello [foo]" is "Hello", not "Hello ".
            while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
                out.setLength(out.length() - 1);
            }
        }
        return out.toString();
    }
}
