package io.omnivox.audio;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes actually read and fails with {@code TOO_LARGE} on the first byte past the limit, so an upload is
 * bounded however it lies about its length. Reads at most one byte beyond the limit (to tell "exactly at the limit"
 * from "over it").
 */
final class LimitedInputStream extends FilterInputStream {

    private final DecodeLimits limits;
    private long count;

    LimitedInputStream(InputStream in, DecodeLimits limits) {
        super(in);
        this.limits = limits;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        long left = limits.maxBytes() - count; // never negative: passing the limit throws
        int n = super.read(b, off, left >= len ? len : (int) left + 1);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipping must count too, or a huge "junk" chunk would pass unmetered.
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(1, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void counted(int n) {
        count += n;
        if (count > limits.maxBytes()) {
            throw limits.tooLarge();
        }
    }
}
