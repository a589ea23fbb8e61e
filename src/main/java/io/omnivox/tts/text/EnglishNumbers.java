package io.omnivox.tts.text;

/**
 * English number words: cardinals (American style, no "and": 1234 is "one thousand two hundred thirty-four"),
 * ordinals, decimals, years and digit strings.
 */
final class EnglishNumbers {

    private static final String[] ONES = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
            "ninety"};
    private static final String[] SCALES = {"", "thousand", "million", "billion", "trillion"};

    /** Cardinals up to this are read as words; longer integers are read digit by digit. */
    static final long MAX_CARDINAL = 999_999_999_999_999L;

    private EnglishNumbers() {
    }

    /** {@code 1234} → {@code one thousand two hundred thirty-four}; beyond {@link #MAX_CARDINAL} digit by digit. */
    static String cardinal(long n) {
        if (n < 0) {
            return "minus " + cardinal(-n);
        }
        if (n > MAX_CARDINAL) {
            return digits(Long.toString(n));
        }
        if (n == 0) {
            return ONES[0];
        }
        StringBuilder out = new StringBuilder();
        long scale = 1_000_000_000_000L;
        for (int level = SCALES.length - 1; level >= 0; level--, scale /= 1000) {
            int group = (int) (n / scale % 1000);
            if (group == 0) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(belowThousand(group));
            if (level > 0) {
                out.append(' ').append(SCALES[level]);
            }
        }
        return out.toString();
    }

    /** An integer written with digits only (no sign, no separators), possibly too long for a {@code long}. */
    static String cardinal(String digits) {
        String significant = digits.replaceFirst("^0+(?=\\d)", "");
        return significant.length() > 15 ? digits(digits) : cardinal(Long.parseLong(significant));
    }

    /** {@code 3.14} → {@code three point one four}: the fraction is read digit by digit, as people say it. */
    static String decimal(String integerPart, String fractionPart) {
        String whole = cardinal(integerPart);
        return fractionPart.isEmpty() ? whole : whole + " point " + digits(fractionPart);
    }

    /** {@code 21} → {@code twenty-first}. */
    static String ordinal(long n) {
        String words = cardinal(n);
        int cut = Math.max(words.lastIndexOf(' '), words.lastIndexOf('-')) + 1;
        return words.substring(0, cut) + ordinalOfWord(words.substring(cut));
    }

    private static String ordinalOfWord(String word) {
        return switch (word) {
            case "one" -> "first";
            case "two" -> "second";
            case "three" -> "third";
            case "five" -> "fifth";
            case "eight" -> "eighth";
            case "nine" -> "ninth";
            case "twelve" -> "twelfth";
            default -> word.endsWith("y") ? word.substring(0, word.length() - 1) + "ieth" : word + "th";
        };
    }

    /**
     * A year as it is spoken: 1990 → nineteen ninety, 1905 → nineteen oh five, 1900 → nineteen hundred, 2000 → two
     * thousand, 2007 → two thousand seven, 2024 → twenty twenty-four. Years outside 1000-9999 are plain cardinals.
     */
    static String year(int year) {
        if (year < 1000 || year > 9999 || year % 1000 == 0 || (year % 1000 < 10 && year / 1000 == 2)) {
            return cardinal(year);
        }
        int high = year / 100;
        int low = year % 100;
        if (low == 0) {
            return cardinal(high) + " hundred";
        }
        return cardinal(high) + (low < 10 ? " oh " : " ") + cardinal(low);
    }

    /** A decade: 1990 → nineteen nineties, 80 → eighties, 2000 → two thousands. */
    static String decade(int decade) {
        String words = decade >= 1000 ? year(decade) : cardinal(decade);
        return words.endsWith("y") ? words.substring(0, words.length() - 1) + "ies" : words + "s";
    }

    /** {@code 007} → {@code zero zero seven}. */
    static String digits(String digits) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c >= '0' && c <= '9') {
                if (!out.isEmpty()) {
                    out.append(' ');
                }
                out.append(ONES[c - '0']);
            }
        }
        return out.toString();
    }

    private static String belowThousand(int n) {
        StringBuilder out = new StringBuilder();
        if (n >= 100) {
            out.append(ONES[n / 100]).append(" hundred");
            n %= 100;
            if (n == 0) {
                return out.toString();
            }
            out.append(' ');
        }
        if (n < 20) {
            out.append(ONES[n]);
        } else {
            out.append(TENS[n / 10]);
            if (n % 10 != 0) {
                out.append('-').append(ONES[n % 10]);
            }
        }
        return out.toString();
    }
}
