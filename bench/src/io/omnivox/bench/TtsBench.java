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

/**
 * Speech synthesis engines on this machine: first-chunk latency and real-time factor (synthesis time / audio
 * duration) over a three-sentence paragraph, and the word error rate when PocketSphinx listens to the result.
 * The goal for CosyVoice on a GPU with real weights is a first chunk within 150 ms.
 */
public final class TtsBench {

    private static final String TEXT = "The weather is nice today. Please call Stella and ask her to bring these "
            + "things with her from the store. He was not an ill disposed young man.";
    private static final int RUNS = 5;

    public static void main(String[] args) {
        System.out.printf(Locale.ROOT, "%-10s %16s %10s %12s%n", "engine", "first chunk ms", "RTF", "ASR WER");
        bench(CommandLineSynthesizer.Program.ESPEAK_NG, Path.of("/usr/bin/espeak-ng"), "alloy");
        bench(CommandLineSynthesizer.Program.FLITE, Path.of("/usr/bin/flite"), "slt");
    }

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

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

}
