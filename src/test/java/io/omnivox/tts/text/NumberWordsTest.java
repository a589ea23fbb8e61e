package io.omnivox.tts.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** English and Chinese number words against hand-checked readings, including the zero and 两 rules of Chinese. */
class NumberWordsTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0             | zero
            7             | seven
            13            | thirteen
            20            | twenty
            42            | forty-two
            100           | one hundred
            101           | one hundred one
            999           | nine hundred ninety-nine
            1000          | one thousand
            1234          | one thousand two hundred thirty-four
            100000        | one hundred thousand
            1000001       | one million one
            2500000000    | two billion five hundred million
            -5            | minus five
            """)
    void should_read_english_cardinals_when_given_integers(long n, String expected) {
        assertThat(EnglishNumbers.cardinal(n)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1    | first
            2    | second
            3    | third
            4    | fourth
            11   | eleventh
            12   | twelfth
            20   | twentieth
            21   | twenty-first
            99   | ninety-ninth
            100  | one hundredth
            112  | one hundred twelfth
            """)
    void should_read_english_ordinals_when_given_integers(long n, String expected) {
        assertThat(EnglishNumbers.ordinal(n)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1990 | nineteen ninety
            1905 | nineteen oh five
            1900 | nineteen hundred
            2000 | two thousand
            2007 | two thousand seven
            2010 | twenty ten
            2024 | twenty twenty-four
            1066 | ten sixty-six
            999  | nine hundred ninety-nine
            """)
    void should_read_english_years_when_given_four_digits(int year, String expected) {
        assertThat(EnglishNumbers.year(year)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0                | 零
            3                | 三
            10               | 十
            15               | 十五
            20               | 二十
            110              | 一百一十
            1005             | 一千零五
            1050             | 一千零五十
            3020             | 三千零二十
            10005            | 一万零五
            100010           | 十万零一十
            1234             | 一千二百三十四
            10000            | 一万
            10010000         | 一千零一万
            100000000        | 一亿
            105000000        | 一亿零五百万
            500030000000     | 五千亿三千万
            500003000000     | 五千亿零三百万
            1000000000000    | 一万亿
            -7               | 负七
            """)
    void should_read_chinese_cardinals_when_given_integers(long n, String expected) {
        assertThat(ChineseNumbers.cardinal(n)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2        | 二
            200      | 二百
            2000     | 两千
            2500     | 两千五百
            20000    | 两万
            22000    | 两万二千
            200000000| 两亿
            """)
    void should_read_a_leading_two_as_liang_when_thousands_or_larger(long n, String expected) {
        assertThat(ChineseNumbers.cardinalSpoken(n)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}.{1} → {2} / {3}")
    @CsvSource(delimiter = '|', textBlock = """
            2  | 5    | two point five         | 二点五
            0  | 5    | zero point five        | 零点五
            3  | 14   | three point one four   | 三点一四
            10 | 05   | ten point zero five    | 十点零五
            """)
    void should_read_decimals_digit_by_digit_after_the_point(String whole, String fraction, String english,
            String chinese) {
        assertThat(EnglishNumbers.decimal(whole, fraction)).isEqualTo(english);
        assertThat(ChineseNumbers.decimal(whole, fraction)).isEqualTo(chinese);
    }
}
