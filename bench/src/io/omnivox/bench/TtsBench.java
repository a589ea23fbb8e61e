package io.omnivox.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.omnivox.asr.Language;
import io.omnivox.asr.PocketSphinxRecognizer;
import io.omnivox.asr.RecognitionRequest;
import io.omnivox.asr.WordErrorRate;
import io.omnivox.audio.AudioClip;
import io.omnivox.audio.Resampler;
import io.omnivox.audio.SampleBuffer;
import io.omnivox.tts.CommandLineSynthesizer;
import io.omnivox.tts.SpeechStyle;
import io.omnivox.tts.SynthesisRequest;
import io.omnivox.tts.cosyvoice.CosyVoicePipelineFixtures;
import io.omnivox.tts.cosyvoice.CosyVoiceSynthesizer;
import io.omnivox.model.OnnxSessionFactory;

/**
 * Speech synthesis engines on this machine: first-chunk latency and real-time factor (synthesis time / audio
 * duration) over a three-sentence paragraph, and the word error rate when PocketSphinx listens to the result.
 * The goal for CosyVoice on a GPU with real weights is a first chunk within 150 ms.
 */
public final class TtsBench {

    private static final String TEXT = "The weather is nice today. Please call Stella and ask her to bring these "
            + "things with her from the store. He was not an ill disposed young man.";
    private static final int RUNS = Bench.quick() ? 2 : 5;

    public static void main(String[] args) {
        System.out.printf(Locale.ROOT, "%-10s %16s %10s %12s%n", "engine", "first chunk ms", "RTF", "ASR WER");
        bench(CommandLineSynthesizer.Program.ESPEAK_NG, Path.of("/usr/bin/espeak-ng"), "alloy");
        bench(CommandLineSynthesizer.Program.FLITE, Path.of("/usr/bin/flite"), "slt");
        benchCosyVoiceFixture();
    }

    /**
     * CosyVoice 2 on its fixture graphs (the recipe's contracts, tiny weights): what the Java side of the pipeline
     * costs (prompt building, sampling loop, Euler solver, STFT/iSTFT) with near-free model calls. Real weights
     * (models/fetch cosyvoice2 plus the export recipe) are needed for the real numbers; the GPU goal is 150 ms.
     */
    private static void benchCosyVoiceFixture() {
        try (OnnxSessionFactory factory = Bench.onnx()) {
            Path dir = CosyVoicePipelineFixtures.writeModelDir(Files.createTempDirectory("bench-cosyvoice"));
            try (CosyVoiceSynthesizer engine = CosyVoiceSynthesizer.open(factory, dir,
                    CosyVoiceSynthesizer.Settings.DEFAULTS)) {
                double[] first = new double[RUNS];
                double[] rtf = new double[RUNS];
                for (int run = 0; run < RUNS; run++) {
                    SampleBuffer all = new SampleBuffer();
                    long start = System.nanoTime();
                    long[] firstAt = { 0 };
                    engine.synthesize(new SynthesisRequest(FIXTURE_TEXT, null, SpeechStyle.NEUTRAL), chunk -> {
                        if (firstAt[0] == 0) {
                            firstAt[0] = System.nanoTime();
                        }
                        all.add(chunk);
                        return true;
                    });
                    first[run] = (firstAt[0] - start) / 1e6;
                    rtf[run] = (System.nanoTime() - start) / 1e9 / (all.size() / (double) engine.sampleRate());
                }
                realTime("cosyvoice2 (fixture graphs)", rtf);
                System.out.printf(Locale.ROOT, "%-10s %16.0f %10.3f %12s%n", "cosyvoice2*", median(first),
                        median(rtf), "n/a");
                System.out.println("* fixture graphs: Java-side pipeline cost only; real weights give the real figures");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Words the fixture tokenizer knows. */
    private static final String FIXTURE_TEXT = "Hello world. Hello world hello.";

    private static void bench(CommandLineSynthesizer.Program program, Path binary, String voice) {
        if (!Files.isExecutable(binary)) {
            System.out.printf(Locale.ROOT, "%-10s not installed (%s)%n", program, binary);
            return;
        }
        CommandLineSynthesizer engine = new CommandLineSynthesizer(program, binary, Duration.ofSeconds(60));
        double[] first = new double[RUNS];
        double[] rtf = new double[RUNS];
        AudioClip last = null;
        for (int run = 0; run < RUNS; run++) {
            SampleBuffer all = new SampleBuffer();
            long start = System.nanoTime();
            long[] firstAt = { 0 };
            engine.synthesize(new SynthesisRequest(TEXT, voice, SpeechStyle.NEUTRAL), chunk -> {
                if (firstAt[0] == 0) {
                    firstAt[0] = System.nanoTime();
                }
                all.add(chunk);
                return true;
            });
            long end = System.nanoTime();
            last = new AudioClip(all.toArray(), engine.sampleRate());
            first[run] = (firstAt[0] - start) / 1e6;
            rtf[run] = (end - start) / 1e9 / last.durationSeconds();
        }
        realTime(engine.engine(), rtf);
        System.out.printf(Locale.ROOT, "%-10s %16.0f %10.3f %12s%n", engine.engine(), median(first), median(rtf),
                wer(last));
    }

    private static String wer(AudioClip speech) {
        Path asr = Path.of("/usr/bin/pocketsphinx_continuous");
        if (!Files.isExecutable(asr)) {
            return "n/a";
        }
        String heard = new PocketSphinxRecognizer(asr, Duration.ofSeconds(60))
                .transcribe(new RecognitionRequest(Resampler.resample(speech, 16_000), Language.EN, false)).text();
        return String.format(Locale.ROOT, "%.2f", WordErrorRate.rate(TEXT, heard));
    }

    /** The report's row: synthesis time for one second of speech, against that second. */
    private static void realTime(String engine, double[] rtf) {
        Bench.row("tts", engine + ": synthesis time per second of speech", median(rtf) * 1000, "real time", 1000,
                "ms");
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

}
