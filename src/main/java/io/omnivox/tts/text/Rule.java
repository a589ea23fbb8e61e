package io.omnivox.tts.text;

import java.util.regex.Pattern;

/**
 * One normalisation rule: where it may start, what it matches, and how the match is said.
 *
 * @param name     for tests and debugging
 * @param start    positions the rule is tried at
 * @param pattern  matched at the position with {@code lookingAt}, with transparent bounds so look-arounds see the
 *                 whole text
 * @param renderer the spoken form, or {@code null} to decline (the next rule is tried)
 */
record Rule(String name, Start start, Pattern pattern, Renderer renderer) {

    Rule(String name, Start start, String regex, Renderer renderer) {
        this(name, start, Pattern.compile(regex), renderer);
    }

    /** Where a rule may begin: keeps number rules off the middle of a number and word rules off mid-word. */
    enum Start {
        /** A digit, a sign or a currency symbol not preceded by a digit. */
        NUMBER,
        /** A Latin letter or digit not preceded by one. */
        WORD,
        /** A symbol character, anywhere. */
        SYMBOL;

        boolean allows(String text, int at) {
            int c = text.codePointAt(at);
            int before = at > 0 ? text.codePointBefore(at) : ' ';
            return switch (this) {
                case NUMBER -> (Character.isDigit(c) || "+-−$€£¥￥".indexOf(c) >= 0) && !isAsciiDigit(before);
                case WORD -> Lang.isLatinWordChar(c) && !Lang.isLatinWordChar(before);
                case SYMBOL -> !Character.isLetterOrDigit(c) && !Character.isWhitespace(c);
            };
        }

        private static boolean isAsciiDigit(int c) {
            return c >= '0' && c <= '9';
        }
    }

    /** Says a match. */
    @FunctionalInterface
    interface Renderer {
        /** The spoken form of {@code match}, or {@code null} when the rule does not apply after all. */
        String render(Match match);
    }
}
