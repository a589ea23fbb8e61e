package io.omnivox.tts.text;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.omnivox.tts.text.Rule.Start;

/**
 * Rules for everything written with digits: dates, times, money, percentages, ranges, fractions, measurements,
 * ordinals, years and plain numbers, each said in English or Chinese as the text around it asks. Order matters: a
 * date is tried before a range, a measurement before a plain number.
 */
final class NumberRules {

    /** A number with optional thousands separators and decimals: 3, 2.5, 1,234.56. */
    private static final String NUM = "(?:\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)(?:\\.\\d+)?";
    private static final String SIGN = "(?<sign>[-−+])?";
    private static final String AM_PM = "(?<ap>[AaPp]\\.?[Mm]\\.?)(?![A-Za-z])";
    private static final String UNIT = "(?<unit>" + Units.UNIT_ALTERNATION + ")(?![A-Za-z0-9²³])";
    private static final String MONTH_NAMES = "(?<mon>January|February|March|April|May|June|July|August|September"
            + "|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)";

    /** Words before a four-digit number that make it a year: "in 1990", "since 2001". */
    private static final Set<String> YEAR_WORDS = Set.of("in", "since", "from", "until", "till", "by", "before",
            "after", "during", "year", "circa", "born", "early", "late", "mid", "around", "summer", "winter", "spring",
            "autumn");
    private static final Set<String> ERAS = Set.of("AD", "BC", "BCE", "CE");

    /** Measure words after which a lone 2 reads 两 (两个, 两点, 两公斤); 月 and 号 are not among them (二月, 二号). */
    private static final String LIANG_MEASURES = "个位只条本张件次遍天周年岁点种名台辆家斤公千万亿米克吨块杯瓶碗双对口份部首层"
            + "类项小分秒倍人句段篇场把根道间座颗封片节门支架艘头匹套袋盒箱趟顿批";

    private static final Map<String, Long> SCALES = Map.of("k", 1_000L, "K", 1_000L, "thousand", 1_000L, "M",
            1_000_000L, "million", 1_000_000L, "B", 1_000_000_000L, "bn", 1_000_000_000L, "billion", 1_000_000_000L,
            "trillion", 1_000_000_000_000L);
    private static final Map<Long, String> SCALE_WORDS = Map.of(1_000L, "thousand", 1_000_000L, "million",
            1_000_000_000L, "billion", 1_000_000_000_000L, "trillion");

    static final List<Rule> RULES = List.of(
            new Rule("month-name date", Start.WORD, MONTH_NAMES + "\\.?\\s(?<d>\\d{1,2})(?:st|nd|rd|th)?"
                    + "(?:,?\\s(?<y>\\d{4}))?(?![\\d:A-Za-z])", NumberRules::monthNameDate),
            new Rule("ISO date", Start.NUMBER, "(?<y>\\d{4})(?<sep>[-/.])(?<mo>\\d{1,2})\\k<sep>(?<d>\\d{1,2})"
                    + "(?![\\d]|[-/.]\\d)", NumberRules::date),
            new Rule("US date", Start.NUMBER, "(?<mo>\\d{1,2})/(?<d>\\d{1,2})/(?<y>\\d{4})(?![\\d]|/\\d)",
                    NumberRules::date),
            new Rule("Chinese year", Start.NUMBER, "(?<y>\\d{4})(?=\\s?年)", m -> ChineseNumbers.digits(m.group("y"))),
            new Rule("time", Start.NUMBER, "(?<h>\\d{1,2})(?::(?<mi>\\d{2})(?::(?<s>\\d{2}))?)?(?:\\s?" + AM_PM + ")?"
                    + "(?![\\d:])", NumberRules::time),
            new Rule("money", Start.NUMBER, "(?<sign>[-−])?(?<cur>" + Units.CURRENCY_CLASS + ")\\s?(?<num>" + NUM + ")"
                    + "(?:\\s?(?<scale>[kKMB]|bn|thousand|million|billion|trillion)(?![A-Za-z]))?", NumberRules::money),
            new Rule("money, symbol after", Start.NUMBER, "(?<sign>[-−])?(?<num>" + NUM + ")(?<cur>"
                    + Units.CURRENCY_CLASS + ")(?![A-Za-z0-9])", NumberRules::money),
            new Rule("ordinal", Start.NUMBER, "(?<num>\\d{1,15})(?<suffix>st|nd|rd|th)(?![A-Za-z0-9])",
                    m -> EnglishNumbers.ordinal(Long.parseLong(m.group("num")))),
            new Rule("decade", Start.NUMBER, "(?<num>\\d{4}|\\d{2})'?s(?![A-Za-z])", NumberRules::decade),
            new Rule("percentage", Start.NUMBER, SIGN + "(?<num>" + NUM + ")\\s?(?<pct>[%‰])", NumberRules::percentage),
            new Rule("phone number", Start.NUMBER, "(?:\\d{3,4}-\\d{3,4}-\\d{4}|0\\d{2,3}-\\d{7,8})(?![\\d-])",
                    NumberRules::phone),
            new Rule("range", Start.NUMBER, "(?<a>" + NUM + ")(?:-|\\s?[–~～至]\\s?)(?<b>" + NUM + ")"
                    + "(?:\\s?(?<pct>[%‰])|\\s?" + UNIT + ")?", NumberRules::range),
            new Rule("fraction", Start.NUMBER, "(?<a>\\d{1,3})/(?<b>\\d{1,3})(?![\\d/])", NumberRules::fraction),
            new Rule("measurement", Start.NUMBER, "(?<sign>[-−])?(?<num>" + NUM + ")\\s?" + UNIT,
                    NumberRules::measurement),
            new Rule("version", Start.NUMBER, "\\d+(?:\\.\\d+){2,}(?!\\d)", NumberRules::version),
            new Rule("digit string", Start.NUMBER, "(?:0\\d+|\\d{10,})(?![.,]?\\d)", NumberRules::digitString),
            new Rule("number", Start.NUMBER, SIGN + "(?<num>" + NUM + ")", NumberRules::number));

    private NumberRules() {
    }

    /** A written number: integer digits (separators removed) and fraction digits (may be empty). */
    record Num(String integer, String fraction) {

        static Num parse(String written) {
            String plain = written.replace(",", "");
            int dot = plain.indexOf('.');
            return dot < 0 ? new Num(plain, "") : new Num(plain.substring(0, dot), plain.substring(dot + 1));
        }

        boolean isInteger() {
            return fraction.isEmpty();
        }

        /** The integer value, or -1 when it is too long to matter as a value (it is then read digit by digit). */
        long integerValue() {
            return integer.length() > 15 ? -1 : Long.parseLong(integer);
        }

        boolean isOne() {
            return isInteger() && integerValue() == 1;
        }

        String say(Lang lang) {
            if (lang == Lang.EN) {
                return EnglishNumbers.decimal(integer, fraction);
            }
            if (isInteger() && integerValue() >= 0) {
                return ChineseNumbers.cardinalSpoken(integerValue());
            }
            return ChineseNumbers.decimal(integer, fraction);
        }
    }

    private static String monthNameDate(Match m) {
        int month = Abbreviations.month(m.group("mon"));
        int day = Integer.parseInt(m.group("d"));
        if (month == 0 || day < 1 || day > 31) {
            return null;
        }
        String date = Abbreviations.MONTHS.get(month - 1) + " " + EnglishNumbers.ordinal(day);
        return m.has("y") ? date + ", " + EnglishNumbers.year(Integer.parseInt(m.group("y"))) : date;
    }

    private static String date(Match m) {
        int year = Integer.parseInt(m.group("y"));
        int month = Integer.parseInt(m.group("mo"));
        int day = Integer.parseInt(m.group("d"));
        if (month > 12 && day <= 12 && !m.has("sep")) {
            // 25/12/2024: day first, as most of the world writes it; 5/1/2024 stays month first (US).
            int swap = month;
            month = day;
            day = swap;
        }
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        if (m.lang() == Lang.ZH) {
            return ChineseNumbers.digits(m.group("y")) + "年" + ChineseNumbers.cardinal(month) + "月"
                    + ChineseNumbers.cardinal(day) + "日";
        }
        return Abbreviations.MONTHS.get(month - 1) + " " + EnglishNumbers.ordinal(day) + ", "
                + EnglishNumbers.year(year);
    }

    private static String time(Match m) {
        int hour = Integer.parseInt(m.group("h"));
        boolean withMinutes = m.has("mi");
        if (!withMinutes && !m.has("ap")) {
            return null;
        }
        int minute = withMinutes ? Integer.parseInt(m.group("mi")) : 0;
        int second = m.has("s") ? Integer.parseInt(m.group("s")) : 0;
        boolean pm = m.has("ap") && Character.toLowerCase(m.group("ap").charAt(0)) == 'p';
        boolean validHour = m.has("ap") ? hour >= 1 && hour <= 12 : hour <= 24;
        if (!validHour || minute > 59 || second > 59) {
            return null;
        }
        if (m.lang() == Lang.ZH) {
            String period = !m.has("ap") ? "" : !pm ? "上午" : hour >= 6 && hour < 12 ? "晚上" : "下午";
            StringBuilder out = new StringBuilder(period).append(ChineseNumbers.liang(hour)).append('点');
            if (minute > 0 || m.has("s")) {
                out.append(minute < 10 && minute > 0 ? "零" : "").append(ChineseNumbers.cardinal(minute)).append('分');
            }
            if (m.has("s")) {
                out.append(second < 10 && second > 0 ? "零" : "").append(ChineseNumbers.cardinal(second)).append('秒');
            }
            return out.toString();
        }
        StringBuilder out = new StringBuilder(EnglishNumbers.cardinal(hour));
        if (minute > 0) {
            out.append(minute < 10 ? " oh " : " ").append(EnglishNumbers.cardinal(minute));
        } else if (withMinutes && !m.has("ap")) {
            // 14:00 is "fourteen hundred"; 10:00 is "ten o'clock".
            out.append(hour <= 12 ? " o'clock" : " hundred");
        }
        if (second > 0) {
            out.append(" and ").append(EnglishNumbers.cardinal(second)).append(second == 1 ? " second" : " seconds");
        }
        if (m.has("ap")) {
            out.append(pm ? " p m" : " a m").append(m.periodIfSentenceEnds());
        }
        return out.toString();
    }

    private static String money(Match m) {
        if (m.has("sign") && !signAllowed(m)) {
            return null;
        }
        Units.Currency currency = Units.currency(m.group("cur"));
        Num amount = Num.parse(m.group("num"));
        String scale = m.has("scale") ? m.group("scale") : null;
        String spoken = m.lang() == Lang.ZH ? moneyZh(amount, scale, currency) : moneyEn(amount, scale, currency);
        return m.has("sign") ? (m.lang() == Lang.ZH ? "负" : "minus ") + spoken : spoken;
    }

    private static String moneyEn(Num amount, String scale, Units.Currency currency) {
        if (scale != null) {
            return amount.say(Lang.EN) + " " + SCALE_WORDS.get(SCALES.get(scale)) + " " + currency.plural();
        }
        if (amount.isInteger() || currency.minorSingular().isEmpty() || amount.fraction().length() > 2) {
            return amount.say(Lang.EN) + " " + (amount.isOne() ? currency.singular() : currency.plural());
        }
        long whole = amount.integerValue();
        int minor = Integer.parseInt((amount.fraction() + "0").substring(0, 2));
        String major = EnglishNumbers.cardinal(amount.integer()) + " "
                + (whole == 1 ? currency.singular() : currency.plural());
        String cents = EnglishNumbers.cardinal(minor) + " "
                + (minor == 1 ? currency.minorSingular() : currency.minorPlural());
        if (minor == 0) {
            return major;
        }
        return whole == 0 ? cents : major + " and " + cents;
    }

    private static String moneyZh(Num amount, String scale, Units.Currency currency) {
        if (scale != null) {
            BigDecimal value = new BigDecimal(amount.integer() + (amount.isInteger() ? "" : "." + amount.fraction()))
                    .multiply(BigDecimal.valueOf(SCALES.get(scale))).stripTrailingZeros();
            return Num.parse(value.toPlainString()).say(Lang.ZH) + currency.chinese();
        }
        if (currency.chinese().equals("元") && amount.fraction().length() <= 2 && amount.integerValue() >= 0) {
            return renminbi(amount);
        }
        String fraction = amount.fraction().replaceFirst("0+$", "");
        return new Num(amount.integer(), fraction).say(Lang.ZH) + currency.chinese();
    }

    /** ¥3.05 → 三元零五分, ¥0.5 → 五角, ¥2 → 两元. */
    private static String renminbi(Num amount) {
        long yuan = amount.integerValue();
        String fraction = (amount.fraction() + "00").substring(0, 2);
        int jiao = fraction.charAt(0) - '0';
        int fen = fraction.charAt(1) - '0';
        StringBuilder out = new StringBuilder();
        if (yuan > 0 || (jiao == 0 && fen == 0)) {
            out.append(ChineseNumbers.liang(yuan)).append('元');
        }
        if (jiao > 0) {
            out.append(ChineseNumbers.liang(jiao)).append('角');
        }
        if (fen > 0) {
            out.append(yuan > 0 && jiao == 0 ? "零" : "").append(ChineseNumbers.liang(fen)).append('分');
        }
        return out.toString();
    }

    private static String decade(Match m) {
        int decade = Integer.parseInt(m.group("num"));
        return decade % 10 == 0 ? EnglishNumbers.decade(decade) : null;
    }

    private static String percentage(Match m) {
        if (m.has("sign") && !signAllowed(m)) {
            return null;
        }
        Num amount = Num.parse(m.group("num"));
        boolean perMille = m.group("pct").equals("‰");
        if (m.lang() == Lang.ZH) {
            return zhSign(m) + (perMille ? "千分之" : "百分之") + amount.say(Lang.ZH);
        }
        return enSign(m) + amount.say(Lang.EN) + (perMille ? " per mille" : " percent");
    }

    /** 555-123-4567 and 010-12345678, digit by digit with a pause between groups. */
    private static String phone(Match m) {
        String[] groups = m.matched().split("-");
        StringBuilder out = new StringBuilder();
        for (String group : groups) {
            if (!out.isEmpty()) {
                out.append(m.lang() == Lang.ZH ? "，" : ", ");
            }
            out.append(m.lang() == Lang.ZH ? ChineseNumbers.digits(group) : EnglishNumbers.digits(group));
        }
        return out.toString();
    }

    private static String range(Match m) {
        Num from = Num.parse(m.group("a"));
        Num to = Num.parse(m.group("b"));
        boolean hyphen = m.matched().substring(m.group("a").length()).startsWith("-");
        if (hyphen && !(new BigDecimal(m.group("a").replace(",", ""))
                .compareTo(new BigDecimal(m.group("b").replace(",", ""))) < 0)) {
            // "3-2" is a score or a subtraction, not a range; an en dash or a tilde always means a range.
            return null;
        }
        boolean years = from.isInteger() && to.isInteger() && isYearRange(from.integer(), to.integer());
        Lang lang = m.lang();
        if (lang == Lang.ZH) {
            boolean yearDigits = years && m.charAfter() == '年';
            String a = yearDigits ? ChineseNumbers.digits(from.integer()) : from.say(lang);
            String b = yearDigits ? ChineseNumbers.digits(to.integer()) : to.say(lang);
            if (m.has("pct")) {
                String per = m.group("pct").equals("‰") ? "千分之" : "百分之";
                return per + a + "到" + per + b;
            }
            return a + "到" + b + (m.has("unit") ? Units.unit(m.group("unit")).orElseThrow().chinese() : "");
        }
        String a = years ? EnglishNumbers.year((int) from.integerValue()) : from.say(lang);
        String b = years ? EnglishNumbers.year((int) to.integerValue()) : to.say(lang);
        String suffix = "";
        if (m.has("pct")) {
            suffix = m.group("pct").equals("‰") ? " per mille" : " percent";
        } else if (m.has("unit")) {
            suffix = " " + Units.unit(m.group("unit")).orElseThrow().plural();
        }
        return a + " to " + b + suffix;
    }

    private static String fraction(Match m) {
        int numerator = Integer.parseInt(m.group("a"));
        int denominator = Integer.parseInt(m.group("b"));
        if (numerator < 1 || denominator < 2 || numerator >= denominator) {
            return null;
        }
        if (m.lang() == Lang.ZH) {
            return ChineseNumbers.cardinal(denominator) + "分之" + ChineseNumbers.cardinal(numerator);
        }
        String part = switch (denominator) {
            case 2 -> numerator == 1 ? "half" : "halves";
            case 4 -> numerator == 1 ? "quarter" : "quarters";
            default -> {
                String ordinal = EnglishNumbers.ordinal(denominator);
                yield numerator == 1 ? ordinal : ordinal + "s";
            }
        };
        return EnglishNumbers.cardinal(numerator) + " " + part;
    }

    private static String measurement(Match m) {
        if (m.has("sign") && !signAllowed(m)) {
            return null;
        }
        Units.Unit unit = Units.unit(m.group("unit")).orElseThrow();
        Num amount = Num.parse(m.group("num"));
        if (m.lang() == Lang.ZH) {
            String sign = !m.has("sign") ? "" : Units.isTemperature(unit) ? "零下" : "负";
            boolean two = amount.isInteger() && amount.integerValue() == 2;
            String number = unit.liang() && two ? "两" : amount.say(Lang.ZH);
            return sign + number + unit.chinese();
        }
        return enSign(m) + amount.say(Lang.EN) + " " + (amount.isOne() ? unit.singular() : unit.plural());
    }

    private static String version(Match m) {
        String[] parts = m.matched().split("\\.");
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (!out.isEmpty()) {
                out.append(m.lang() == Lang.ZH ? "点" : " point ");
            }
            out.append(m.lang() == Lang.ZH ? ChineseNumbers.cardinal(part) : EnglishNumbers.cardinal(part));
        }
        return out.toString();
    }

    private static String digitString(Match m) {
        return m.lang() == Lang.ZH ? ChineseNumbers.digits(m.matched()) : EnglishNumbers.digits(m.matched());
    }

    private static String number(Match m) {
        if (m.has("sign") && !signAllowed(m)) {
            return null;
        }
        Num number = Num.parse(m.group("num"));
        boolean plain = number.isInteger() && !m.group("num").contains(",");
        if (m.lang() == Lang.EN) {
            if (plain && !m.has("sign") && looksLikeYear(m, number)) {
                return EnglishNumbers.year((int) number.integerValue());
            }
            return enSign(m) + number.say(Lang.EN);
        }
        if (plain && !m.has("sign") && number.integerValue() == 2 && takesLiang(m)) {
            return "两";
        }
        return zhSign(m) + number.say(Lang.ZH);
    }

    /**
     * A four-digit number is read as a year ("nineteen ninety") after a year word or a month name ("in 1990",
     * "May 1990"), before an era ("1066 AD"), or when it stands alone, followed by no word (1900 to 2099 only).
     * "1990 people" stays a cardinal.
     */
    private static boolean looksLikeYear(Match m, Num number) {
        if (number.integer().length() != 4) {
            return false;
        }
        int value = (int) number.integerValue();
        String before = m.previousWord();
        if (value >= 1000 && (YEAR_WORDS.contains(before.toLowerCase(Locale.ROOT))
                || Abbreviations.month(before) > 0 || ERAS.contains(m.nextWord()))) {
            return true;
        }
        int next = m.nextNonSpace();
        return value >= 1900 && value <= 2099 && (next == -1 || !Lang.isLatinLetter(next));
    }

    /** 两 before a measure word (两个, 两点), but not in an ordinal (第二个) or a grade (二年级). */
    private static boolean takesLiang(Match m) {
        String after = m.followingText(2);
        return !after.isEmpty() && LIANG_MEASURES.indexOf(after.charAt(0)) >= 0 && m.charBefore() != '第'
                && !after.equals("年级");
    }

    private static boolean isYearRange(String from, String to) {
        if (from.length() != 4 || to.length() != 4) {
            return false;
        }
        int a = Integer.parseInt(from);
        int b = Integer.parseInt(to);
        return a >= 1000 && b <= 2999 && a < b;
    }

    /** A minus or plus sign counts only where it cannot be a hyphen: not straight after a letter or digit. */
    private static boolean signAllowed(Match m) {
        int before = m.charBefore();
        return before == -1 || !Lang.isLatinWordChar(before);
    }

    private static String enSign(Match m) {
        if (!m.has("sign")) {
            return "";
        }
        return m.group("sign").equals("+") ? "plus " : "minus ";
    }

    private static String zhSign(Match m) {
        if (!m.has("sign")) {
            return "";
        }
        return m.group("sign").equals("+") ? "正" : "负";
    }
}
