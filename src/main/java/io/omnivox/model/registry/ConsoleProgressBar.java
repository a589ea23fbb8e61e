package io.omnivox.model.registry;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar ({@code [#####.....]  45%  12.3/27.1 MB  3.2 MB/s}) redrawn in place at most ten times a
 * second on a terminal; on a pipe or log file it prints a line every 10% instead, so logs stay readable.
 */
public final class ConsoleProgressBar implements FetchProgress {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean interactive;
    private String label;
    private long total;
    private long done;
    private long startBytes;
    private long startNanos;
    private long lastDraw;
    private int lastDecile;

    public ConsoleProgressBar(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /**
     * A bar on standard error, redrawn in place when {@code -Domnivox.progress.tty=true} says standard error is a
     * terminal ({@code models/fetch} sets it with {@code [ -t 2 ]}; the JDK cannot tell reliably on its own).
     */
    public static ConsoleProgressBar onStderr() {
        return new ConsoleProgressBar(System.err, Boolean.getBoolean("omnivox.progress.tty"));
    }

    @Override
    public synchronized void start(String label, long total, long already) {
        this.label = label;
        this.total = total;
        this.done = already;
        this.startBytes = already;
        this.startNanos = System.nanoTime();
        this.lastDraw = 0;
        this.lastDecile = -1;
        out.println((already > 0 ? "Resuming " : "Downloading ") + label
                + (total > 0 ? " (" + mb(total) + " MB)" : ""));
    }

    @Override
    public synchronized void advance(long bytes) {
        done += bytes;
        long now = System.nanoTime();
        if (interactive && now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            out.print("\r" + line(now));
            out.flush();
        } else if (!interactive && total > 0) {
            int decile = (int) (done * 10 / total);
            if (decile > lastDecile) {
                lastDecile = decile;
                out.println(line(now));
            }
        }
    }

    @Override
    public synchronized void done(String label) {
        if (interactive) {
            out.print("\r" + line(System.nanoTime()) + System.lineSeparator());
        }
        out.println("Verified " + label + " (sha256 ok)");
    }

    /** The text of the bar for the current state. */
    synchronized String line(long now) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        String rate = String.format(Locale.ROOT, "%.1f MB/s", (done - startBytes) / 1e6 / seconds);
        if (total <= 0) {
            return String.format(Locale.ROOT, "%s  %s MB  %s", label, mb(done), rate);
        }
        int filled = (int) Math.min(WIDTH, done * WIDTH / total);
        return String.format(Locale.ROOT, "[%s%s] %3d%%  %s/%s MB  %s", "#".repeat(filled), ".".repeat(WIDTH - filled),
                done * 100 / total, mb(done), mb(total), rate);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }
}
