package io.omnivox.tts.text;

import java.util.List;
import java.util.Map;

import io.omnivox.tts.text.Rule.Start;

/**
 * Rules for addresses (e-mail, URLs, domain names), English abbreviations and symbols. Addresses come before the
 * number rules (so "163.com" is not a decimal), abbreviations and symbols after them.
 */
final class WordRules {

    /** How the characters of an address are read: English word, Chinese word. */
    private static final Map<Character, String[]> ADDRESS_SYMBOLS = Map.of(
            '.', new String[] {"dot", "点"},
            '@', new String[] {"at", "艾特"},
            '-', new String[] {"dash", "杠"},
            '_', new String[] {"underscore", "下划线"},
            '/', new String[] {"slash", "斜杠"},
            ':', new String[] {"colon", "冒号"},
            '?', new String[] {"question mark", "问号"},
            '=', new String[] {"equals", "等于"},
            '&', new String[] {"and", "和"},
            '+', new String[] {"plus", "加"});

    private static final String TLD = "(?:com|org|net|edu|gov|io|ai|dev|app|co|cn|uk|de|fr|jp|hk|tw|info|me|tv)";

    static final List<Rule> ADDRESSES = List.of(
            new Rule("e-mail", Start.WORD, "[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*"
                    + "\\.[A-Za-z]{2,}(?![A-Za-z0-9])", m -> spellAddress(m.matched(), m.lang())),
            new Rule("URL", Start.WORD, "(?:https?://|www\\.)[A-Za-z0-9._~:/?#@!$&'*+,;=%-]*[A-Za-z0-9/#=&%_-]",
                    WordRules::url),
            new Rule("domain", Start.WORD, "[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\." + TLD + "(?![A-Za-z0-9])",
                    m -> spellAddress(m.matched(), m.lang())));

    static final List<Rule> WORDS = List.of(
            new Rule("abbreviation", Start.WORD, "(?<abbr>" + Abbreviations.ALTERNATION + ")(?<dot>\\.)?(?![A-Za-z])",
                    WordRules::abbreviation),
            new Rule("symbol", Start.SYMBOL, "[&+=@#×÷±≤≥≠≈<>*~～`-]", WordRules::symbol));

    private WordRules() {
    }

    /** {@code https://example.com/docs/} → "example dot com slash docs": the scheme and a final slash go unsaid. */
    private static String url(Match m) {
        String address = m.matched().replaceFirst("^https?://", "").replaceFirst("/$", "");
        return spellAddress(address, m.lang());
    }

    /** Letters stay as written, digits are read one by one, separators by name. */
    static String spellAddress(String address, Lang lang) {
        StringBuilder out = new StringBuilder();
        String separator = lang == Lang.ZH ? "" : " ";
        int i = 0;
        while (i < address.length()) {
            char c = address.charAt(i);
            String piece;
            int next = i + 1;
            if (Character.isLetter(c)) {
                while (next < address.length() && Character.isLetter(address.charAt(next))) {
                    next++;
                }
                piece = address.substring(i, next);
                if (piece.equals("www")) {
                    piece = lang == Lang.ZH ? "www" : "w w w";
                }
            } else if (Character.isDigit(c)) {
                while (next < address.length() && Character.isDigit(address.charAt(next))) {
                    next++;
                }
                String digits = address.substring(i, next);
                piece = lang == Lang.ZH ? ChineseNumbers.digits(digits) : EnglishNumbers.digits(digits);
            } else {
                String[] names = ADDRESS_SYMBOLS.get(c);
                piece = names == null ? "" : names[lang == Lang.ZH ? 1 : 0];
            }
            if (!piece.isEmpty()) {
                if (!out.isEmpty()) {
                    out.append(separator);
                }
                out.append(piece);
            }
            i = next;
        }
        return out.toString();
    }

    private static String abbreviation(Match m) {
        String written = m.group("abbr");
        Abbreviations.Abbreviation abbreviation = Abbreviations.lookup(written).orElseThrow();
        boolean dotted = m.has("dot");
        boolean nameFollows = startsWithCapital(m.nextWord());
        boolean bareTitle = abbreviation.title() && m.charAfter() == ' ' && nameFollows;
        if (!dotted && !abbreviation.dotOptional() && !bareTitle) {
            return null;
        }
        if (written.equals("No") && !Character.isDigit(m.nextNonSpace())) {
            return null;
        }
        if (written.equals("St") && startsWithCapital(m.previousWord()) && !nameFollows) {
            // "Main St." is a street; "St. Louis" and "visit St. Louis" are saints.
            return "Street" + m.periodIfSentenceEnds();
        }
        if (abbreviation.title()) {
            // "Dr. Smith": that period ends an abbreviation, not a sentence; only the end of a line makes it both.
            return abbreviation.spoken() + (nameFollows ? "" : m.periodIfSentenceEnds());
        }
        boolean mayEndSentence = abbreviation.kind() == Abbreviations.Kind.FINAL;
        return abbreviation.spoken() + (mayEndSentence ? m.periodIfSentenceEnds() : "");
    }

    private static boolean startsWithCapital(String word) {
        return !word.isEmpty() && Character.isUpperCase(word.charAt(0));
    }

    /** Symbols said as words where they mean something; Markdown marks ({@code *}, {@code `}, {@code #}) dropped. */
    private static String symbol(Match m) {
        boolean zh = m.lang() == Lang.ZH;
        int before = m.charBefore();
        int after = m.charAfter();
        boolean between = isMathOperand(before) && isMathOperand(after);
        return switch (m.matched().charAt(0)) {
            case '&' -> zh ? "和" : "and";
            case '+' -> zh ? "加" : "plus";
            case '=' -> zh ? "等于" : "equals";
            case '@' -> zh ? "艾特" : "at";
            case '×' -> zh ? "乘" : "times";
            case '÷' -> zh ? "除以" : "divided by";
            case '±' -> zh ? "正负" : "plus or minus";
            case '≤' -> zh ? "小于等于" : "less than or equal to";
            case '≥' -> zh ? "大于等于" : "greater than or equal to";
            case '≠' -> zh ? "不等于" : "not equal to";
            case '≈' -> zh ? "约等于" : "approximately";
            case '<' -> between ? (zh ? "小于" : "less than") : null;
            case '>' -> between ? (zh ? "大于" : "greater than") : null;
            case '*' -> between ? (zh ? "乘" : "times") : "";
            case '-' -> before == ' ' && after == ' ' && m.spacedBetweenDigits() ? (zh ? "减" : "minus") : null;
            case '~', '～' -> Character.isDigit(m.nextNonSpace()) ? (zh ? "大约" : "about") : null;
            case '#' -> Character.isDigit(after) ? (zh ? "第" : "number") : "";
            case '`' -> "";
            default -> null;
        };
    }

    /** A digit or a space on that side: "3 < 5", "3*4". */
    private static boolean isMathOperand(int c) {
        return c != -1 && (Character.isDigit(c) || c == ' ');
    }
}
