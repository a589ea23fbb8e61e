package io.omnivox.studio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.omnivox.audio.AudioClip;
import io.omnivox.audio.WavCodec;

/**
 * A job kind for testing the job framework: each segment is a short tone (its pitch from the spec), the download is
 * the tones joined. The input says how many segments, and where to fail or wait, so tests can steer a job; renders
 * are counted per job and position.
 */
@ApplicationScoped
public class ToneJobRunner implements JobRunner {

    static final String KIND = "tone";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RATE = 16_000;

    /** Renders per "job:position". */
    static final Map<String, AtomicInteger> RENDERS = new ConcurrentHashMap<>();
    /** Positions that fail on their first render, per job. */
    static final Map<String, Boolean> FAILED_ONCE = new ConcurrentHashMap<>();
    /** A render at the input's "hold_at" position waits for this latch. */
    static volatile CountDownLatch hold = new CountDownLatch(0);
    static volatile CountDownLatch holding = new CountDownLatch(1);

    static String input(int segments, int failOnceAt, int holdAt) {
        return "{\"segments\": " + segments + ", \"fail_once_at\": " + failOnceAt + ", \"hold_at\": " + holdAt + "}";
    }

    static int renders(Object job, int position) {
        return RENDERS.getOrDefault(job + ":" + position, new AtomicInteger()).get();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<String> plan(Context job) {
        int segments = read(job).path("segments").asInt();
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < segments; i++) {
            specs.add("{\"hz\": " + (220 + 110 * i) + "}");
        }
        return specs;
    }

    @Override
    public Rendered render(Context job, int position, String spec, Path target) {
        RENDERS.computeIfAbsent(job.id() + ":" + position, k -> new AtomicInteger()).incrementAndGet();
        JsonNode input = read(job);
        if (input.path("hold_at").asInt() == position) {
            holding.countDown();
            try {
                hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (input.path("fail_once_at").asInt() == position && FAILED_ONCE.putIfAbsent(job.id() + ":" + position,
                true) == null) {
            throw new IllegalStateException("the engine failed on segment " + position);
        }
        double hz;
        try {
            hz = JSON.readTree(spec).path("hz").asDouble();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        float[] tone = new float[RATE / 5];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        write(target, WavCodec.encode(new AudioClip(tone, RATE), 16));
        return new Rendered(200, false, 1, null);
    }

    @Override
    public List<Artifact> assemble(Context job, List<SegmentFile> segments) {
        List<float[]> parts = new ArrayList<>();
        int length = 0;
        for (SegmentFile segment : segments) {
            try {
                float[] samples = WavCodec.decode(Files.readAllBytes(segment.file())).samples();
                parts.add(samples);
                length += samples.length;
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        float[] joined = new float[length];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, joined, at, part.length);
            at += part.length;
        }
        Path file = job.directory().resolve("tones.wav");
        write(file, WavCodec.encode(new AudioClip(joined, RATE), 16));
        return List.of(new Artifact("tones.wav", "audio/wav", file));
    }

    private static JsonNode read(Context job) {
        try {
            return JSON.readTree(job.input());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
