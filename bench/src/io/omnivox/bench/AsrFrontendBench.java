package io.omnivox.bench;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

import io.omnivox.asr.CtcGreedyDecoder;
import io.omnivox.asr.SenseVoiceFrontend;
import io.omnivox.audio.AudioClip;
import io.omnivox.audio.AudioDecoder;
import io.omnivox.audio.DecodeLimits;
import io.omnivox.audio.Resampler;
import io.omnivox.audio.WavCodec;
import io.omnivox.model.OnnxModel;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.testkit.FixtureSenseVoice;

/**
 * Java-side cost of speech recognition for 60 s of audio, against the audio's duration and against the model call
 * measured in the same run (SenseVoice fixture, or the real model when {@code --model PATH} is given).
 * Stages: WAV decode + 48 kHz → 16 kHz resampling; fbank + LFR + CMVN; greedy CTC over SenseVoice's real vocabulary
 * width (25,055). Goal: all Java-side work together at most 1 % of real time.
 */
public final class AsrFrontendBench {

    private static final int SECONDS = 60;
    private static final int REAL_VOCAB = 25_055;
    private static final int RUNS = Bench.quick() ? 3 : 7;

    public static void main(String[] args) throws Exception {
        Path realModel = args.length == 2 && args[0].equals("--model") ? Path.of(args[1]) : null;
        byte[] wav48k = WavCodec.encode(Resampler.resample(speechLike(), 48_000), 16);
        AudioDecoder decoder = new AudioDecoder();
        AudioClip audio = decoder.decode(new ByteArrayInputStream(wav48k), DecodeLimits.none(), 16_000);
        SenseVoiceFrontend frontend = new SenseVoiceFrontend(7, 6, new float[560], ones(560));
        float[][] features = frontend.features(audio.samples());
        int frames = features.length + 4;
        float[] logits = randomLogits(frames * REAL_VOCAB);
        CtcGreedyDecoder ctc = new CtcGreedyDecoder(0);

        try (OnnxSessionFactory factory = Bench.onnx();
                OnnxModel model = realModel != null ? null : factory.load("fixture", FixtureSenseVoice.model())) {
            OnnxModel target = realModel != null ? factory.open(realModel) : model;
            ModelCall call = new ModelCall(target, features);

            double decode = median(() -> decoder.decode(new ByteArrayInputStream(wav48k), DecodeLimits.none(), 16_000));
            double fbank = median(() -> frontend.features(audio.samples()));
            double ctcTime = median(() -> ctc.decode(logits, 0, frames, REAL_VOCAB));
            double modelTime = median(call::run);

            System.out.printf(Locale.ROOT, "ASR front end, %d s of audio (%d LFR frames), median of %d runs%n",
                    SECONDS, features.length, RUNS);
            System.out.printf(Locale.ROOT, "%-32s %9s %12s %14s%n", "stage", "ms", "of real time", "x model call");
            row("decode WAV + resample 48k->16k", decode, modelTime);
            row("fbank + LFR + CMVN", fbank, modelTime);
            row("CTC greedy (vocab 25055)", ctcTime, modelTime);
            row("Java side total", decode + fbank + ctcTime, modelTime);
            row("model call (" + (realModel != null ? "real SenseVoice" : "fixture") + ")", modelTime, modelTime);
            double share = (decode + fbank + ctcTime) / (SECONDS * 1000.0) * 100;
            Bench.row("asr", "Java side (decode, fbank, CTC) of 60 s audio", decode + fbank + ctcTime,
                    "real time", SECONDS * 1000.0, "ms");
            Bench.row("asr", "Java side (decode, fbank, CTC)", decode + fbank + ctcTime,
                    "model call (" + (realModel != null ? "SenseVoice" : "fixture") + ")", modelTime, "ms");
            System.out.printf(Locale.ROOT, "Java-side work: %.2f %% of real time (goal <= 1 %%): %s%n", share,
                    share <= 1.0 ? "met" : "NOT met");
        }
    }

    private static void row(String stage, double ms, double modelMs) {
        System.out.printf(Locale.ROOT, "%-32s %9.1f %11.3f%% %13.2fx%n", stage, ms, ms / (SECONDS * 1000.0) * 100,
                ms / modelMs);
    }

    /** Median wall time in ms after two warm-up runs. */
    private static double median(Supplier<?> work) {
        for (int i = 0; i < 2; i++) {
            work.get();
        }
        double[] times = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            work.get();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[RUNS / 2];
    }

    /** Real speech when Debian's pocketsphinx-testdata is installed (looped to 60 s), else voiced-like noise bursts. */
    private static AudioClip speechLike() throws Exception {
        Path dir = Path.of("/usr/share/pocketsphinx/test/data/librivox");
        List<float[]> clips = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".wav")).sorted().toList()) {
                    clips.add(WavCodec.decode(Files.readAllBytes(f)).samples());
                }
            }
        }
        float[] out = new float[SECONDS * 16_000];
        Random random = new Random(7);
        for (int i = 0, k = 0, c = 0; i < out.length; i++, k++) {
            if (!clips.isEmpty()) {
                float[] clip = clips.get(c % clips.size());
                if (k == clip.length) {
                    k = 0;
                    c++;
                    clip = clips.get(c % clips.size());
                }
                out[i] = clip[k];
            } else {
                out[i] = (float) (0.3 * Math.sin(2 * Math.PI * 150 * i / 16_000.0) * (random.nextGaussian() * 0.2 + 1));
            }
        }
        return new AudioClip(out, 16_000);
    }

    private static float[] ones(int n) {
        float[] a = new float[n];
        Arrays.fill(a, 1f);
        return a;
    }

    private static float[] randomLogits(int n) {
        Random random = new Random(1);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian();
        }
        return a;
    }
}
