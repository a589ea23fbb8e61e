package io.omnivox.tts.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Written forms against the words expected for them, in English, in Chinese and in mixed text. The language hint is
 * {@code auto} unless a case says otherwise: the text around each number decides.
 */
class TextNormalizerTest {

    private final TextNormalizer normalizer = new TextNormalizer();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            I have 3 apples.               | I have three apples.
            It costs 2.5 now               | It costs two point five now
            about 1,234 people             | about one thousand two hundred thirty-four people
            1,000,000 views                | one million views
            1000000 views                  | one million views
            pi is 3.14159                  | pi is three point one four one five nine
            it fell to -5 today            | it fell to minus five today
            a +3 bonus                     | a plus three bonus
            0.5 of it                      | zero point five of it
            COVID-19 cases                 | COVID-nineteen cases
            the 1st, 2nd, 3rd and 4th      | the first, second, third and fourth
            my 21st birthday               | my twenty-first birthday
            50% off                        | fifty percent off
            up 2.5% today                  | up two point five percent today
            down -3% today                 | down minus three percent today
            3-5 days                       | three to five days
            1/2 cup                        | one half cup
            3/4 of it                      | three quarters of it
            2/3 of it                      | two thirds of it
            007 agent                      | zero zero seven agent
            call 555-123-4567 now          | call five five five, one two three, four five six seven now
            pick 100-1000 words            | pick one hundred to one thousand words
            pick 5–10 words                | pick five to ten words
            a 3-2 win                      | a three-two win
            10 - 4 is 6                    | ten minus four is six
            version 1.2.3                  | version one point two point three
            MP3 player                     | MP three player
            """)
    void should_read_numbers_in_english_when_the_text_is_english(String written, String spoken) {
        assertThat(normalizer.normalize(written, "auto")).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            in 1990                        | in nineteen ninety
            since 2001, we                 | since two thousand one, we
            in 2024                        | in twenty twenty-four
            in 1905                        | in nineteen oh five
            It was 1990.                   | It was nineteen ninety.
            1990 people came               | one thousand nine hundred ninety people came
            the 1990s                      | the nineteen nineties
            the 80s                        | the eighties
            from 1990-1995                 | from nineteen ninety to nineteen ninety-five
            1066 AD                        | ten sixty-six AD
            """)
    void should_read_four_digit_numbers_as_years_when_the_context_says_year(String written, String spoken) {
        assertThat(normalizer.normalize(written, null)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            我有3个苹果             | 我有三个苹果
            价格是2.5元             | 价格是二点五元
            总共1,234人             | 总共一千二百三十四人
            第2名                   | 第二名
            来了2个人               | 来了两个人
            花了2000元              | 花了两千元
            一共10005本书           | 一共一万零五本书
            温度是-5度              | 温度是负五度
            增长了50%               | 增长了百分之五十
            增长了2.5%              | 增长了百分之二点五
            大约3-5天               | 大约三到五天
            占1/3                   | 占三分之一
            电话13812345678         | 电话一三八一二三四五六七八
            电话010-12345678        | 电话零一零，一二三四五六七八
            大约5~10个              | 大约五到十个
            上2年级                 | 上二年级
            """)
    void should_read_numbers_in_chinese_when_the_text_is_chinese(String written, String spoken) {
        assertThat(normalizer.normalize(written, "auto")).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2024-05-01             | en | May first, twenty twenty-four
            on 5/1/2024 we met     | en | on May first, twenty twenty-four we met
            on 25/12/2024          | en | on December twenty-fifth, twenty twenty-four
            May 5, 2024            | en | May fifth, twenty twenty-four
            Jan. 3                 | en | January third
            2024-05-01             | zh | 二零二四年五月一日
            日期是2024/5/1         | en | 日期是二零二四年五月一日
            2024年5月1日           | zh | 二零二四年五月一日
            2024年5月1日           | en | 二零二四年五月一日
            我3年前来的            | zh | 我三年前来的
            2020-2024年            | zh | 二零二零到二零二四年
            """)
    void should_read_dates_per_language(String written, String hint, String spoken) {
        assertThat(normalizer.normalize(written, hint)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            at 10:30 today         | at ten thirty today
            at 10:00 today         | at ten o'clock today
            at 14:00 today         | at fourteen hundred today
            at 10:05 today         | at ten oh five today
            at 10:30 am today      | at ten thirty a m today
            at 5pm today           | at five p m today
            at 5 p.m. Then we left | at five p m. Then we left
            at 10:30:15 exactly    | at ten thirty and fifteen seconds exactly
            会议10:30开始          | 会议十点三十分开始
            会议10:00开始          | 会议十点开始
            会议10:05开始          | 会议十点零五分开始
            会议2:00开始           | 会议两点开始
            会议3pm开始            | 会议下午三点开始
            """)
    void should_read_times_per_language(String written, String spoken) {
        assertThat(normalizer.normalize(written, null)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            it is $3.50 now        | it is three dollars and fifty cents now
            it is $1 now           | it is one dollar now
            it is $0.99 now        | it is ninety-nine cents now
            it is $1.01 now        | it is one dollar and one cent now
            it is $1,000 now       | it is one thousand dollars now
            it is $3.5M now        | it is three point five million dollars now
            it is -$5 now          | it is minus five dollars now
            it is ¥20 now          | it is twenty yuan now
            it is €5 now           | it is five euros now
            it is 5€ now           | it is five euros now
            it is £2.50 now        | it is two pounds and fifty pence now
            价格是¥20              | 价格是二十元
            价格是¥3.05            | 价格是三元零五分
            价格是¥0.5             | 价格是五角
            价格是¥2               | 价格是两元
            价格是$3.50            | 价格是三点五美元
            价格是€5               | 价格是五欧元
            花了$3.5M              | 花了三百五十万美元
            """)
    void should_read_money_per_language(String written, String spoken) {
        assertThat(normalizer.normalize(written, null)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ran 5 km               | ran five kilometers
            ran 1 km               | ran one kilometer
            ran 1.5km              | ran one point five kilometers
            weighs 2.5 kg          | weighs two point five kilograms
            it is 25°C             | it is twenty-five degrees Celsius
            it is -3°C             | it is minus three degrees Celsius
            at 100 km/h            | at one hundred kilometers per hour
            a 50 m² flat           | a fifty square meters flat
            has 16 GB              | has sixteen gigabytes
            is 6 ft tall           | is six feet tall
            takes 5 min            | takes five minutes
            5-10 kg of it          | five to ten kilograms of it
            跑了5 km               | 跑了五公里
            重2 kg                 | 重两公斤
            气温25°C               | 气温二十五摄氏度
            气温-3℃                | 气温零下三摄氏度
            时速100km/h            | 时速一百公里每小时
            面积50㎡               | 面积五十平方米
            内存16GB               | 内存十六GB
            """)
    void should_read_measurements_per_language(String written, String spoken) {
        assertThat(normalizer.normalize(written, null)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            Tom & Jerry                            | Tom and Jerry
            AT&T                                   | AT and T
            1+1=2 is true                          | one plus one equals two is true
            C++ code                               | C plus plus code
            3 < 5 holds                            | three less than five holds
            3*4 is 12                              | three times four is twelve
            only ~5 left                           | only about five left
            "I am #1"                              | I am number one
            **bold** text                          | bold text
            mail john.smith@example.com now        | mail john dot smith at example dot com now
            mail user123@mail.org now              | mail user one two three at mail dot org now
            visit https://www.example.com/docs/ ok | visit w w w dot example dot com slash docs ok
            visit example.com now                  | visit example dot com now
            @bob hi                                | at bob hi
            """)
    void should_say_symbols_and_addresses_in_english(String written, String spoken) {
        assertThat(normalizer.normalize(written, null)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            你&我                       | 你和我
            结果是1+1=2                 | 结果是一加一等于二
            发邮件到john@qq.com         | 发邮件到john艾特qq点com
            访问https://www.163.com吧   | 访问www点一六三点com吧
            """)
    void should_say_symbols_and_addresses_in_chinese(String written, String spoken) {
        assertThat(normalizer.normalize(written, null)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Mr. Smith met Dr. Jones             | Mister Smith met Doctor Jones
            Mrs. Brown and Ms. Green            | Missus Brown and Miz Green
            Dr Smith is in                      | Doctor Smith is in
            Prof. Li                            | Professor Li
            St. Louis is big                    | Saint Louis is big
            I live on Main St.                  | I live on Main Street.
            apples, pears, etc. Then more       | apples, pears, et cetera. Then more
            fruit, e.g. apples                  | fruit, for example apples
            fruit, i.e. apples                  | fruit, that is apples
            Lakers vs. Celtics                  | Lakers versus Celtics
            Lakers vs Celtics                   | Lakers versus Celtics
            see No. 5                           | see number five
            say No. Never                       | say No. Never
            Acme Inc.                           | Acme Incorporated.
            The Dr is out                       | The Dr is out
            """)
    void should_expand_english_abbreviations(String written, String spoken) {
        assertThat(normalizer.normalize(written, null)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            我有3个apple和2.5 kg                 | 我有三个apple和二点五公斤
            I bought 3个苹果                     | I bought 三个苹果
            He said 你好 3 times                 | He said 你好 three times
            iPhone 15发布了                      | iPhone 十五发布了
            我用Windows 11                       | 我用Windows eleven
            买了2.5 kg apples, 共3 kg            | 买了二点五公斤 apples, 共三公斤
            """)
    void should_read_each_number_in_the_language_around_it_when_the_text_is_mixed(String written, String spoken) {
        assertThat(normalizer.normalize(written, null)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} with hint {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            3.5         | zh    | 三点五
            3.5         | zh-CN | 三点五
            3.5         | en    | three point five
            3.5         | en-US | three point five
            3.5         | auto  | three point five
            10:30       | zh    | 十点三十分
            1+1=2。     | zh    | 一加一等于二。
            I have 3    | zh    | I have three
            我有3个     | en    | 我有三个
            """)
    void should_follow_the_hint_only_where_the_text_has_no_letters_to_go_by(String written, String hint,
            String spoken) {
        assertThat(normalizer.normalize(written, hint)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            [laughter]3 apples [breath]          | [laughter]three apples [breath]
            <strong>2.5</strong> kg              | <strong>two point five</strong> kg
            我有<laughter>3个</laughter>         | 我有<laughter>三个</laughter>
            [laugh_0] 5 [uv_break]               | [laugh_0] five [uv_break]
            [break_2]                            | [break_2]
            """)
    void should_leave_markup_untouched_when_normalising(String written, String spoken) {
        assertThat(normalizer.normalize(written, null)).isEqualTo(spoken);
    }

    @Test
    void should_leave_special_tokens_untouched_when_normalising() {
        assertThat(normalizer.normalize("<|endofprompt|>1", null)).isEqualTo("<|endofprompt|>one");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            增长了５０％              | 增长了百分之五十
            会议10：30开始            | 会议十点三十分开始
            注意：3个                 | 注意：三个
            """)
    void should_read_full_width_digits_and_signs_like_ascii(String written, String spoken) {
        assertThat(normalizer.normalize(written, null)).isEqualTo(spoken);
    }

    @Test
    void should_leave_text_without_written_forms_unchanged() {
        String text = "Hello, world! 你好，世界。Ça va? Привет.";

        assertThat(normalizer.normalize(text, null)).isEqualTo(text);
    }

    @Test
    void should_read_very_long_digit_strings_digit_by_digit() {
        assertThat(normalizer.normalize("id 12345678901234567890", "en"))
                .isEqualTo("id one two three four five six seven eight nine zero one two three four five six seven"
                        + " eight nine zero");
    }

    @Test
    void should_normalise_the_longest_allowed_text_quickly() {
        String text = "On 2024-05-01 at 10:30 we paid $3.50 for 2.5 kg, 我有3个apple。 ".repeat(70);

        long start = System.nanoTime();
        String spoken = normalizer.normalize(text, null);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(spoken).doesNotContainPattern("\\d");
        assertThat(millis).as("milliseconds for %d characters", text.length()).isLessThan(2_000);
    }
}
