package io.omnivox.tts.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * Turns written forms into the words a speech model should say, in English or Chinese: numbers, dates, times, money,
 * measurements, percentages, symbols, e-mail and web addresses, English abbreviations. Each written form is read in
 * the language of the text around it, so mixed text works: "我有3个apple和2.5 kg" becomes "我有三个apple和二点五公斤",
 * "I have 2.5 kg" becomes "I have two point five kilograms".
 * <p>
 * Markup tags ({@code [laughter]}, {@code <strong>}, and anything {@link Markup#segments} calls a tag) pass through
 * untouched. Text in other scripts is left as it is. Stateless and thread-safe.
 * <p>
 * Known limits, all heuristics: a bare four-digit number is a year ("nineteen ninety") only after a year word ("in",
 * "since", a month name), before an era ("AD") or standing alone (1900-2099 followed by no English word);
 * {@code 5/1/2024} is month first unless the first number is over 12; "St." is "Street" after a capitalised word, else "Saint";
 * {@code ¥} is the yuan.
 */
public final class TextNormalizer {

    /** Stands in for a markup tag while the rules run: not a letter, digit or symbol any rule matches. */
    private static final char TAG_PLACEHOLDER = '\uFFFC';

    private static final List<Rule> RULES = concat(WordRules.ADDRESSES, NumberRules.RULES, WordRules.WORDS);

    /**
     * The spoken form of {@code text}.
     *
     * @param languageHint {@code zh}, {@code en} (region suffixes allowed), or {@code null} / {@code auto} to go by
     *                     the text; it decides only where the text around a number has no letters to go by
     */
    public String normalize(String text, String languageHint) {
        Objects.requireNonNull(text, "text");
        Deque<String> tags = new ArrayDeque<>();
        StringBuilder masked = new StringBuilder(text.length());
        for (Markup.Segment segment : Markup.segments(text)) {
            if (segment.tag()) {
                tags.add(segment.text());
                masked.append(TAG_PLACEHOLDER);
            } else {
                masked.append(clean(segment.text()));
            }
        }
        String source = masked.toString();
        Lang dominant = Lang.fromHint(languageHint).orElseGet(() -> Lang.dominant(source));
        String spoken = say(source, dominant);
        StringBuilder out = new StringBuilder(spoken.length() + 16 * tags.size());
        for (int i = 0; i < spoken.length(); i++) {
            char c = spoken.charAt(i);
            if (c == TAG_PLACEHOLDER) {
                out.append(tags.removeFirst());
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Applies the first rule that matches at each position; characters no rule takes are copied. */
    private static String say(String source, Lang dominant) {
        StringBuilder out = new StringBuilder(source.length() + source.length() / 2);
        Matcher[] matchers = new Matcher[RULES.size()];
        for (int r = 0; r < RULES.size(); r++) {
            matchers[r] = RULES.get(r).pattern().matcher(source).useTransparentBounds(true).useAnchoringBounds(false);
        }
        int i = 0;
        while (i < source.length()) {
            int end = -1;
            for (int r = 0; r < RULES.size() && end < 0; r++) {
                Rule rule = RULES.get(r);
                if (!rule.start().allows(source, i)) {
                    continue;
                }
                Matcher matcher = matchers[r].region(i, source.length());
                if (!matcher.lookingAt()) {
                    continue;
                }
                String spoken = rule.renderer().render(new Match(source, matcher, dominant));
                if (spoken != null) {
                    append(out, spoken, source, matcher.end());
                    end = matcher.end();
                }
            }
            if (end >= 0) {
                i = end;
            } else {
                out.appendCodePoint(source.codePointAt(i));
                i += Character.charCount(source.codePointAt(i));
            }
        }
        return out.toString();
    }

    /** Appends spoken words, with a space wherever an English word would otherwise run into a Latin word. */
    private static void append(StringBuilder out, String spoken, String source, int end) {
        if (spoken.isEmpty()) {
            return;
        }
        if (!out.isEmpty() && Lang.isLatinWordChar(out.codePointBefore(out.length()))
                && Lang.isLatinWordChar(spoken.codePointAt(0))) {
            out.append(' ');
        }
        out.append(spoken);
        if (end < source.length() && Lang.isLatinWordChar(spoken.codePointBefore(spoken.length()))
                && Lang.isLatinWordChar(source.codePointAt(end))) {
            out.append(' ');
        }
    }

    /**
     * Full-width digits, letters and number signs as ASCII (Chinese input methods type ５０％), no-break spaces as
     * spaces, invisible format characters removed. Full-width punctuation stays: it carries Chinese prosody.
     */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean fullWidthAlnum = (c >= '０' && c <= '９') || (c >= 'Ａ' && c <= 'Ｚ') || (c >= 'ａ' && c <= 'ｚ');
            if (fullWidthAlnum || "％＋＝＠＆＄＃".indexOf(c) >= 0) {
                out.append((char) (c - 0xFEE0));
            } else if ((c == '．' || c == '：') && !out.isEmpty() && i + 1 < text.length()
                    && isDigit(out.charAt(out.length() - 1)) && isDigit(text.charAt(i + 1))) {
                // 10：30 and 2．5 are a time and a number; elsewhere ：stays Chinese punctuation.
                out.append((char) (c - 0xFEE0));
            } else if (c == '\u00A0' || c == '\u3000' || c == '\u2009' || c == '\u202F') {
                out.append(' ');
            } else if (c == TAG_PLACEHOLDER || c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\uFEFF'
                    || c == '\u00AD') {
                continue;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= '０' && c <= '９');
    }

    @SafeVarargs
    private static List<Rule> concat(List<Rule>... lists) {
        List<Rule> all = new ArrayList<>();
        for (List<Rule> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }
}
