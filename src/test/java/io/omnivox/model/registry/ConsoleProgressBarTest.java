package io.omnivox.model.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The bar is what a user watches during a multi-gigabyte download, and in logs (pipes, CI, the server's background
 * fetch) it must stay short: a line per 10%, not one per network buffer.
 */
class ConsoleProgressBarTest {

    private static final Pattern PERCENT = Pattern.compile("\\]\\s+(\\d+)%");

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);

    @Test
    void should_print_one_line_per_decile_and_a_verified_line_when_not_interactive() {
        // given
        ConsoleProgressBar bar = new ConsoleProgressBar(out, false);

        // when: a 1 MB file arriving in 1000 small chunks
        bar.start("tiny-asr/model.onnx", 1_000_000, 0);
        for (int i = 0; i < 1000; i++) {
            bar.advance(1000);
        }
        bar.done("tiny-asr/model.onnx");

        // then
        List<String> lines = lines();
        assertThat(lines.get(0)).isEqualTo("Downloading tiny-asr/model.onnx (1.0 MB)");
        List<String> bars = lines.subList(1, lines.size() - 1);
        assertThat(bars).map(ConsoleProgressBarTest::percent)
                .containsExactly(0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
        assertThat(bars).noneMatch(line -> line.contains("\r"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("Verified tiny-asr/model.onnx (sha256 ok)");
    }

    @Test
    void should_say_resuming_when_bytes_are_already_on_disk() {
        // given
        ConsoleProgressBar bar = new ConsoleProgressBar(out, false);

        // when
        bar.start("tiny-asr/model.onnx", 2_000_000, 500_000);

        // then
        assertThat(lines()).containsExactly("Resuming tiny-asr/model.onnx (2.0 MB)");
    }

    @Test
    void should_fill_half_the_bar_and_show_50_percent_when_half_has_arrived() {
        // given
        ConsoleProgressBar bar = new ConsoleProgressBar(out, false);
        bar.start("tiny-asr/model.onnx", 3_000_000, 0);

        // when
        bar.advance(1_500_000);
        String line = bar.line(System.nanoTime());

        // then
        assertThat(line).startsWith("[" + "#".repeat(15) + ".".repeat(15) + "]");
        assertThat(line).contains(" 50%", "1.5/3.0 MB");
        assertThat(line).endsWith("MB/s");
    }

    private List<String> lines() {
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static int percent(String line) {
        Matcher matcher = PERCENT.matcher(line);
        assertThat(matcher.find()).as("a bar line: %s", line).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
