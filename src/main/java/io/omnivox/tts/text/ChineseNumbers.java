package io.omnivox.tts.text;

/**
 * Chinese number words: cardinals in the 万/亿 system (10005 → 一万零五), decimals (2.5 → 二点五), digit strings
 * (2024 → 二零二四, for years and phone numbers) and the 两 reading of a leading 2.
 */
final class ChineseNumbers {

    private static final String DIGITS = "零一二三四五六七八九";
    private static final String[] SECTION_UNITS = {"", "十", "百", "千"};
    private static final long WAN = 10_000L;
    private static final long YI = 100_000_000L;

    /** Cardinals up to this (9999万亿 less one) are read as words; longer integers are read digit by digit. */
    static final long MAX_CARDINAL = 9_999_999_999_999_999L;

    private ChineseNumbers() {
    }

    /** {@code 110} → {@code 一百一十}, {@code 15} → {@code 十五} (no leading 一 before a leading 十). */
    static String cardinal(long n) {
        if (n < 0) {
            return "负" + cardinal(-n);
        }
        if (n > MAX_CARDINAL) {
            return digits(Long.toString(n));
        }
        if (n == 0) {
            return "零";
        }
        String words = belowYiOrMore(n);
        // 一十五 is read 十五 only at the very start of a number; inside one (一百一十) the 一 stays.
        return words.startsWith("一十") ? words.substring(1) : words;
    }

    /** An integer written with digits only, possibly too long for a {@code long}. */
    static String cardinal(String digits) {
        String significant = digits.replaceFirst("^0+(?=\\d)", "");
        return significant.length() > 16 ? digits(digits) : cardinal(Long.parseLong(significant));
    }

    /**
     * The cardinal with 两 for a leading 2 before 千, 万 or 亿 (2000 → 两千, 20000 → 两万), as Chinese speakers say
     * it; {@code 2} itself becomes 两 only before a measure word, which {@link #liang} decides.
     */
    static String cardinalSpoken(long n) {
        String words = cardinal(n);
        if (words.length() > 1 && words.charAt(0) == '二' && "千万亿".indexOf(words.charAt(1)) >= 0) {
            return "两" + words.substring(1);
        }
        return words;
    }

    /** {@code 2} read as 两 (before a measure word: 两个, 两点, 两公斤). */
    static String liang(long n) {
        return n == 2 ? "两" : cardinalSpoken(n);
    }

    /** {@code 2.50} → {@code 二点五零}: the fraction digit by digit. */
    static String decimal(String integerPart, String fractionPart) {
        String whole = cardinal(integerPart);
        return fractionPart.isEmpty() ? whole : whole + "点" + digits(fractionPart);
    }

    /** {@code 2024} → {@code 二零二四}. */
    static String digits(String digits) {
        StringBuilder out = new StringBuilder(digits.length());
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(DIGITS.charAt(c - '0'));
            }
        }
        return out.toString();
    }

    private static String belowYiOrMore(long n) {
        if (n < YI) {
            return belowYi(n);
        }
        long high = n / YI;
        long low = n % YI;
        String words = belowYiOrMore(high) + "亿";
        if (low == 0) {
            return words;
        }
        // 一亿零五百万: a zero is read where a whole 千万 place is empty.
        return words + (low < YI / 10 ? "零" : "") + belowYi(low);
    }

    private static String belowYi(long n) {
        if (n < WAN) {
            return section((int) n);
        }
        int high = (int) (n / WAN);
        int low = (int) (n % WAN);
        String words = section(high) + "万";
        if (low == 0) {
            return words;
        }
        return words + (low < 1000 ? "零" : "") + section(low);
    }

    /** 1 to 9999: 一千零五, 一百一十, 三千零二十. */
    private static String section(int n) {
        StringBuilder out = new StringBuilder();
        boolean pendingZero = false;
        for (int place = 3; place >= 0; place--) {
            int digit = n / (int) Math.pow(10, place) % 10;
            if (digit == 0) {
                pendingZero = !out.isEmpty();
                continue;
            }
            if (pendingZero) {
                out.append('零');
                pendingZero = false;
            }
            out.append(DIGITS.charAt(digit)).append(SECTION_UNITS[place]);
        }
        return out.toString();
    }
}
