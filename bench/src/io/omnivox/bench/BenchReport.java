package io.omnivox.bench;

import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.omnivox.model.OnnxModel;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.testkit.FixtureSenseVoice;

/**
 * Every benchmark in quick mode, one after the other, and one Markdown table of what they measured: each row a
 * measured value, the baseline taken in the same run and their ratio. Each benchmark's own output goes to
 * {@code target/bench/<name>.log}; the table to standard output and {@code target/bench/report.md}. With
 * {@code --gpu} ONNX sessions try CUDA first (falling back to CPU with the reason logged) and the report says which
 * provider ran. Usage: {@code bench/run [report] [--gpu]}.
 */
public final class BenchReport {

    private interface Main {
        void run(String[] args) throws Exception;
    }

    /** The benchmarks and their quick-mode arguments, cheapest first. */
    private static Map<String, Runnable> benchmarks() {
        Map<String, Runnable> all = new LinkedHashMap<>();
        all.put("asr", task(AsrFrontendBench::main));
        all.put("tts", task(TtsBench::main));
        all.put("ocr", task(OcrBench::main));
        all.put("imagegen", task(ImageGenBench::main));
        all.put("rag", task(RagBench::main, "4", "2000"));
        all.put("studio", task(StudioBench::main));
        all.put("voice", task(VoiceLoadBench::main, "4", "10"));
        all.put("load", task(LoadBench::main, "2", "2", "10"));
        return all;
    }

    public static void main(String[] args) throws Exception {
        boolean gpu = List.of(args).contains("--gpu");
        System.setProperty("omnivox.bench.quick", "true");
        System.setProperty("omnivox.bench.gpu", String.valueOf(gpu));
        Path dir = Files.createDirectories(Path.of("target", "bench"));
        String provider = provider();
        PrintStream console = System.out;
        console.println("ONNX Runtime: " + provider + "; each benchmark's output in " + dir + "/<name>.log");

        List<Bench.Row> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Runnable> bench : benchmarks().entrySet()) {
            long start = System.nanoTime();
            try (PrintStream log = new PrintStream(new FileOutputStream(dir.resolve(bench.getKey() + ".log").toFile()),
                    true, StandardCharsets.UTF_8)) {
                System.setOut(log);
                bench.getValue().run();
            } catch (RuntimeException e) {
                failures.add(bench.getKey() + ": " + (e.getCause() != null ? e.getCause() : e));
            } finally {
                System.setOut(console);
            }
            List<Bench.Row> measured = Bench.takeRows();
            rows.addAll(measured);
            console.printf(Locale.ROOT, "%-9s %3d rows in %5.1f s%n", bench.getKey(), measured.size(),
                    (System.nanoTime() - start) / 1e9);
        }

        String table = table(rows, failures, provider);
        Files.writeString(dir.resolve("report.md"), table);
        console.println();
        console.print(table);
    }

    private static Runnable task(Main main, String... args) {
        return () -> {
            try {
                main.run(args);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** The provider a session actually gets, found by opening one: CPU, or CUDA when asked for and there. */
    private static String provider() {
        if (!Bench.gpu()) {
            return "CPU";
        }
        try (OnnxSessionFactory factory = Bench.onnx();
                OnnxModel probe = factory.load("probe", FixtureSenseVoice.model())) {
            return probe.provider() + factory.fallbackReason().map(r -> " (GPU asked for: " + r + ")").orElse("");
        }
    }

    static String table(List<Bench.Row> rows, List<String> failures, String provider) {
        StringBuilder md = new StringBuilder();
        md.append("# Omnivox benchmark report\n\n")
                .append(String.format(Locale.ROOT, "Quick mode, %d cores, ONNX Runtime provider: %s.%n%n",
                        Runtime.getRuntime().availableProcessors(), provider))
                .append("| benchmark | measured | value | baseline (same run) | baseline value | ratio |\n")
                .append("|---|---|---:|---|---:|---:|\n");
        for (Bench.Row row : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", row.bench(), row.measure(),
                    value(row.value(), row.unit()), row.baseline(), value(row.baselineValue(), row.unit()),
                    Double.isNaN(row.ratio()) ? "–" : String.format(Locale.ROOT, "%.3g×", row.ratio())));
        }
        if (!failures.isEmpty()) {
            md.append("\nNot measured:\n\n");
            failures.forEach(f -> md.append("- ").append(f).append('\n'));
        }
        return md.toString();
    }

    private static String value(double v, String unit) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.3g", v) + (unit.isEmpty() ? "" : " " + unit);
    }

    private BenchReport() {
    }
}
