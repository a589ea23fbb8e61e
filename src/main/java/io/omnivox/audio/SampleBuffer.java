package io.omnivox.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects samples of unknown total length in fixed-size blocks, so growing never copies what is already there; the
 * one copy happens in {@link #toArray}.
 */
public final class SampleBuffer {

    private static final int BLOCK = 1 << 16;

    private final List<float[]> full = new ArrayList<>();
    private float[] current = new float[BLOCK];
    private int used;
    private long size;

    public void add(float[] samples, int offset, int length) {
        while (length > 0) {
            if (used == current.length) {
                full.add(current);
                current = new float[BLOCK];
                used = 0;
            }
            int n = Math.min(length, current.length - used);
            System.arraycopy(samples, offset, current, used, n);
            used += n;
            offset += n;
            length -= n;
            size += n;
        }
    }

    public void add(float[] samples) {
        add(samples, 0, samples.length);
    }

    public long size() {
        return size;
    }

    public float[] toArray() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(size + " samples do not fit in one array; stream them instead");
        }
        float[] out = new float[(int) size];
        int p = 0;
        for (float[] block : full) {
            System.arraycopy(block, 0, out, p, block.length);
            p += block.length;
        }
        System.arraycopy(current, 0, out, p, used);
        return out;
    }
}
