package io.omnivox.tts.text;

import java.util.Locale;
import java.util.Optional;

/** The two reading languages of the text frontend: Chinese and English. */
enum Lang {
    ZH, EN;

    /**
     * The language a hint names: {@code zh}, {@code zh-CN}, {@code cmn}, {@code yue} read as Chinese, {@code en*} as
     * English; {@code auto}, blank, {@code null} and anything else leave the choice to the text itself.
     */
    static Optional<Lang> fromHint(String hint) {
        if (hint == null || hint.isBlank()) {
            return Optional.empty();
        }
        String base = hint.strip().toLowerCase(Locale.ROOT).split("[-_]")[0];
        return switch (base) {
            case "zh", "cmn", "yue", "chinese" -> Optional.of(ZH);
            case "en", "eng", "english" -> Optional.of(EN);
            default -> Optional.empty();
        };
    }

    /** The language a letter belongs to; empty for digits, punctuation, symbols and letters of other scripts. */
    static Optional<Lang> ofLetter(int codePoint) {
        if (isCjk(codePoint)) {
            return Optional.of(ZH);
        }
        if (isLatinLetter(codePoint)) {
            return Optional.of(EN);
        }
        return Optional.empty();
    }

    /** Han ideographs, and kana (Japanese text reads its numbers like Chinese far more often than like English). */
    static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }

    static boolean isLatinLetter(int codePoint) {
        return Character.isLetter(codePoint) && Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.LATIN;
    }

    /** Letters and digits of a Latin word: a spoken English word next to one needs a space. */
    static boolean isLatinWordChar(int codePoint) {
        return isLatinLetter(codePoint) || (codePoint >= '0' && codePoint <= '9');
    }

    /**
     * The language most of {@code text} is written in: Chinese when it holds at least as many CJK characters as Latin
     * words (a CJK character carries about as much as a word), English otherwise and when it holds no letters.
     */
    static Lang dominant(String text) {
        int cjk = 0;
        int latinWords = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean latin = isLatinLetter(cp);
            if (isCjk(cp)) {
                cjk++;
            } else if (latin && !inWord) {
                latinWords++;
            }
            inWord = latin;
            i += Character.charCount(cp);
        }
        return cjk > 0 && cjk >= latinWords ? ZH : EN;
    }
}
