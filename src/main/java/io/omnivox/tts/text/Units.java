package io.omnivox.tts.text;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Units of measure and currencies written after or before a number, with their English and Chinese names. */
final class Units {

    /**
     * A unit of measure.
     *
     * @param singular English name for exactly one ({@code 1 km})
     * @param plural   English name for every other amount ({@code 0 km}, {@code 1.5 km})
     * @param chinese  Chinese name; for byte units the written symbol, which Chinese speakers read letter by letter
     * @param liang    whether an amount of exactly 2 reads 两 in Chinese (两公斤) rather than 二 (二摄氏度)
     */
    record Unit(String singular, String plural, String chinese, boolean liang) {
    }

    /**
     * A currency.
     *
     * @param singular      English name for one ({@code one dollar})
     * @param plural        English name otherwise
     * @param minorSingular English name of one hundredth ({@code cent}), empty where amounts are read with "point"
     * @param minorPlural   plural of the minor unit
     * @param chinese       Chinese name ({@code 美元})
     */
    record Currency(String singular, String plural, String minorSingular, String minorPlural, String chinese) {
    }

    private static final Map<String, Unit> UNITS = new LinkedHashMap<>();

    static {
        regular("km", "kilometer", "公里");
        regular("m", "meter", "米");
        regular("cm", "centimeter", "厘米");
        regular("mm", "millimeter", "毫米");
        regular("µm", "micrometer", "微米");
        regular("μm", "micrometer", "微米");
        regular("nm", "nanometer", "纳米");
        UNITS.put("ft", new Unit("foot", "feet", "英尺", true));
        regular("mi", "mile", "英里");
        regular("m²", "square meter", "平方米");
        regular("㎡", "square meter", "平方米");
        regular("m^2", "square meter", "平方米");
        regular("km²", "square kilometer", "平方公里");
        regular("cm²", "square centimeter", "平方厘米");
        regular("m³", "cubic meter", "立方米");
        regular("kg", "kilogram", "公斤");
        regular("g", "gram", "克");
        regular("mg", "milligram", "毫克");
        regular("lb", "pound", "磅");
        regular("lbs", "pound", "磅");
        regular("oz", "ounce", "盎司");
        regular("L", "liter", "升");
        regular("ml", "milliliter", "毫升");
        regular("mL", "milliliter", "毫升");
        regular("km/h", "kilometer per hour", "公里每小时");
        regular("mph", "mile per hour", "英里每小时");
        regular("m/s", "meter per second", "米每秒");
        UNITS.put("°C", new Unit("degree Celsius", "degrees Celsius", "摄氏度", false));
        UNITS.put("℃", new Unit("degree Celsius", "degrees Celsius", "摄氏度", false));
        UNITS.put("°F", new Unit("degree Fahrenheit", "degrees Fahrenheit", "华氏度", false));
        UNITS.put("℉", new Unit("degree Fahrenheit", "degrees Fahrenheit", "华氏度", false));
        UNITS.put("°", new Unit("degree", "degrees", "度", false));
        regular("KB", "kilobyte", "KB");
        regular("kB", "kilobyte", "KB");
        regular("MB", "megabyte", "MB");
        regular("GB", "gigabyte", "GB");
        regular("TB", "terabyte", "TB");
        UNITS.put("Hz", new Unit("hertz", "hertz", "赫兹", true));
        UNITS.put("kHz", new Unit("kilohertz", "kilohertz", "千赫", true));
        UNITS.put("MHz", new Unit("megahertz", "megahertz", "兆赫", true));
        UNITS.put("GHz", new Unit("gigahertz", "gigahertz", "吉赫", true));
        regular("W", "watt", "瓦");
        regular("kW", "kilowatt", "千瓦");
        regular("kWh", "kilowatt hour", "千瓦时");
        regular("V", "volt", "伏");
        regular("mAh", "milliamp hour", "毫安时");
        regular("dB", "decibel", "分贝");
        regular("h", "hour", "小时");
        regular("hr", "hour", "小时");
        regular("hrs", "hour", "小时");
        regular("min", "minute", "分钟");
        regular("sec", "second", "秒");
        regular("ms", "millisecond", "毫秒");
        regular("px", "pixel", "像素");
        regular("fps", "frame per second", "帧每秒");
    }

    private static final Map<String, Currency> CURRENCIES = Map.of(
            "$", new Currency("dollar", "dollars", "cent", "cents", "美元"),
            "€", new Currency("euro", "euros", "cent", "cents", "欧元"),
            "£", new Currency("pound", "pounds", "penny", "pence", "英镑"),
            // Yuan amounts are read with "point" in English; in Chinese the RMB reading (元, 角, 分) applies.
            "¥", new Currency("yuan", "yuan", "", "", "元"),
            "￥", new Currency("yuan", "yuan", "", "", "元"));

    /** Longest symbols first, so {@code km/h} wins over {@code km} and {@code kg} over {@code g}. */
    static final String UNIT_ALTERNATION = alternation(UNITS.keySet().stream().toList());
    static final String CURRENCY_CLASS = "[$€£¥￥]";

    private Units() {
    }

    static Optional<Unit> unit(String symbol) {
        return Optional.ofNullable(UNITS.get(symbol));
    }

    static Currency currency(String symbol) {
        return CURRENCIES.get(symbol);
    }

    /** Whether a Chinese amount of this unit below zero reads 零下 (temperatures) rather than 负. */
    static boolean isTemperature(Unit unit) {
        return unit.chinese().endsWith("度") && !unit.liang();
    }

    /** Quoted alternatives, longest first, so the regex engine tries the longest symbol before its prefixes. */
    static String alternation(List<String> symbols) {
        return symbols.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote)
                .collect(Collectors.joining("|", "(?:", ")"));
    }

    /**
     * A unit with a regular English plural ("s" on the head noun: square meters, kilometers per hour) that reads 两 for
     * an amount of 2 in Chinese.
     */
    private static void regular(String symbol, String singular, String chinese) {
        int per = singular.indexOf(" per ");
        String plural = per < 0 ? singular + "s" : singular.substring(0, per) + "s" + singular.substring(per);
        UNITS.put(symbol, new Unit(singular, plural, chinese, true));
    }
}
