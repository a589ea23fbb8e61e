package io.omnivox.tts.text;

import java.util.Optional;
import java.util.regex.Matcher;

/** A rule's match with the text around it: its reading language and the words on either side. */
final class Match {

    private final String text;
    private final Matcher matcher;
    private final Lang dominant;
    private Lang lang;

    Match(String text, Matcher matcher, Lang dominant) {
        this.text = text;
        this.matcher = matcher;
        this.dominant = dominant;
    }

    /** A named group, or {@code null} when it did not take part in the match or the rule's pattern has none. */
    String group(String name) {
        return matcher.pattern().namedGroups().containsKey(name) ? matcher.group(name) : null;
    }

    boolean has(String name) {
        return group(name) != null;
    }

    String matched() {
        return matcher.group();
    }

    /**
     * The language to read this match in: that of the nearest letters on either side (a CJK character or a Latin
     * letter). When the two sides differ, the side that touches the match without a space wins ("iPhone 15发布" reads
     * 十五, "共3 apples" reads 三); otherwise, and with no letters around, the dominant language of the text.
     */
    Lang lang() {
        if (lang == null) {
            lang = decideLang();
        }
        return lang;
    }

    /** The code point just before the match, or -1 at the start of the text. */
    int charBefore() {
        return matcher.start() > 0 ? text.codePointBefore(matcher.start()) : -1;
    }

    /** The code point just after the match, or -1 at the end of the text. */
    int charAfter() {
        return matcher.end() < text.length() ? text.codePointAt(matcher.end()) : -1;
    }

    /** The first code point after the match and any spaces, or -1. */
    int nextNonSpace() {
        int i = skipSpaces(matcher.end());
        return i < text.length() ? text.codePointAt(i) : -1;
    }

    /** Up to {@code length} characters after the match and any spaces. */
    String followingText(int length) {
        int start = skipSpaces(matcher.end());
        return text.substring(start, Math.min(text.length(), start + length));
    }

    /** Whether a digit is the nearest non-space on both sides: "10 - 4". */
    boolean spacedBetweenDigits() {
        int before = matcher.start();
        while (before > 0 && text.charAt(before - 1) == ' ') {
            before--;
        }
        int after = skipSpaces(matcher.end());
        return before > 0 && Character.isDigit(text.charAt(before - 1)) && after < text.length()
                && Character.isDigit(text.charAt(after));
    }

    /** The Latin word before the match, with only spaces between ("" if there is none). */
    String previousWord() {
        int end = matcher.start();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        int start = end;
        while (start > 0 && Lang.isLatinLetter(text.charAt(start - 1))) {
            start--;
        }
        return text.substring(start, end);
    }

    /** The Latin word after the match, with only spaces between ("" if there is none). */
    String nextWord() {
        int start = skipSpaces(matcher.end());
        int end = start;
        while (end < text.length() && Lang.isLatinLetter(text.charAt(end))) {
            end++;
        }
        return text.substring(start, end);
    }

    /**
     * Whether a sentence seems to end where the match ends: at the end of the text or a line, or before a space and a
     * capital letter or CJK character. Used to keep the period of "etc." or "p.m." when it also ends the sentence.
     */
    boolean sentenceEndsAfter() {
        int i = skipSpaces(matcher.end());
        if (i >= text.length() || text.charAt(i) == '\n' || text.charAt(i) == '\r') {
            return true;
        }
        int next = text.codePointAt(i);
        return i > matcher.end() && (Character.isUpperCase(next) || Lang.isCjk(next));
    }

    /** {@code "."} when the match ends with a period that also ends the sentence, else {@code ""}. */
    String periodIfSentenceEnds() {
        return matched().endsWith(".") && sentenceEndsAfter() ? "." : "";
    }

    private int skipSpaces(int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private Lang decideLang() {
        Side left = scan(matcher.start() - 1, -1);
        Side right = scan(matcher.end(), +1);
        if (left.lang.isEmpty()) {
            return right.lang.orElse(dominant);
        }
        if (right.lang.isEmpty() || left.lang.equals(right.lang)) {
            return left.lang.get();
        }
        if (left.touching != right.touching) {
            return left.touching ? left.lang.get() : right.lang.get();
        }
        return dominant;
    }

    /** The nearest letter's language in one direction, up to the end of the line. */
    private Side scan(int from, int step) {
        boolean touching = true;
        for (int i = from; i >= 0 && i < text.length(); i += step) {
            char c = text.charAt(i);
            if (c == '\n') {
                break;
            }
            if (Character.isWhitespace(c)) {
                touching = false;
                continue;
            }
            Optional<Lang> lang = Lang.ofLetter(c);
            if (lang.isPresent()) {
                return new Side(lang, touching);
            }
        }
        return new Side(Optional.empty(), false);
    }

    private record Side(Optional<Lang> lang, boolean touching) {
    }
}
