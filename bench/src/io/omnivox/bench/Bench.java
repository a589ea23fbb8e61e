package io.omnivox.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.omnivox.model.OnnxSessionFactory;

/**
 * What every benchmark shares: the quick mode and GPU choice of a report run ({@code -Domnivox.bench.quick},
 * {@code -Domnivox.bench.gpu}), the ONNX session factory that follows that choice, and the rows a benchmark hands to
 * {@link BenchReport}: a measured value next to a baseline taken in the same run.
 */
final class Bench {

    /** One line of the report: {@code ratio = value / baseline}. */
    record Row(String bench, String measure, double value, String baseline, double baselineValue, String unit) {

        double ratio() {
            return baselineValue == 0 ? Double.NaN : value / baselineValue;
        }
    }

    private static final List<Row> ROWS = Collections.synchronizedList(new ArrayList<>());

    private Bench() {
    }

    /** Short runs for the report: fewer repetitions and smaller inputs, the same code paths. */
    static boolean quick() {
        return Boolean.getBoolean("omnivox.bench.quick");
    }

    /** Sessions on CUDA when asked for (falling back to CPU with the reason logged), else on CPU. */
    static boolean gpu() {
        return Boolean.getBoolean("omnivox.bench.gpu");
    }

    /** {@code -Domnivox.onnx.device=...} for an app a benchmark starts. */
    static String appDevice() {
        return "-Domnivox.onnx.device=" + (gpu() ? "auto" : "cpu");
    }

    static OnnxSessionFactory onnx() {
        return new OnnxSessionFactory(OnnxSessionFactory.Threads.DEFAULT,
                gpu() ? List.of(OnnxSessionFactory.cuda(0)) : List.of());
    }

    /** Records a measured value and its same-run baseline for the report. */
    static void row(String bench, String measure, double value, String baseline, double baselineValue, String unit) {
        ROWS.add(new Row(bench, measure, value, baseline, baselineValue, unit));
    }

    /** The rows recorded since the last call, removed. */
    static List<Row> takeRows() {
        synchronized (ROWS) {
            List<Row> rows = List.copyOf(ROWS);
            ROWS.clear();
            return rows;
        }
    }
}
