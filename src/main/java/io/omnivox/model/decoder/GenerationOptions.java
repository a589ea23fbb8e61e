package io.omnivox.model.decoder;

import java.util.Set;

/**
 * How to pick tokens. {@code temperature == 0} means greedy (argmax); otherwise logits are divided by the temperature,
 * cut to the {@code topK} best (0 = no cut) and to the smallest set whose probability reaches {@code topP} (1 = no
 * cut), then sampled with a {@code seed}ed generator.
 *
 * @param maxNewTokens       upper bound on generated tokens
 * @param temperature        0 for greedy
 * @param topK               keep only the k most likely tokens; 0 disables
 * @param topP               nucleus mass in (0, 1]; 1 disables
 * @param repetitionPenalty  &gt;= 1; logits of tokens already seen are divided (positive) or multiplied (negative) by it
 * @param repetitionWindow   how many recent tokens count as "seen" for the penalty; 0 means all
 * @param noRepeatNgramSize  forbid repeating any n-gram of this size (GOT-OCR uses 20); 0 disables
 * @param stopTokens         token ids that end the generation (not emitted)
 * @param seed               random seed for sampling, so runs are reproducible
 */
public record GenerationOptions(int maxNewTokens, double temperature, int topK, double topP, double repetitionPenalty,
        int repetitionWindow, int noRepeatNgramSize, Set<Integer> stopTokens, long seed) {

    public GenerationOptions {
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens must be at least 1, got " + maxNewTokens);
        }
        if (temperature < 0) {
            throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0, got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
        }
        if (repetitionPenalty < 1) {
            throw new IllegalArgumentException("repetitionPenalty must be >= 1, got " + repetitionPenalty);
        }
        if (repetitionWindow < 0 || noRepeatNgramSize < 0) {
            throw new IllegalArgumentException("repetitionWindow and noRepeatNgramSize must be >= 0");
        }
        stopTokens = Set.copyOf(stopTokens);
    }

    /** Greedy decoding up to {@code maxNewTokens}, stopping at any of {@code stopTokens}. */
    public static GenerationOptions greedy(int maxNewTokens, Integer... stopTokens) {
        return new GenerationOptions(maxNewTokens, 0, 0, 1, 1, 0, 0, Set.of(stopTokens), 0);
    }

    public boolean isGreedy() {
        return temperature == 0;
    }

    public GenerationOptions withSampling(double temperature, int topK, double topP, long seed) {
        return new GenerationOptions(maxNewTokens, temperature, topK, topP, repetitionPenalty, repetitionWindow,
                noRepeatNgramSize, stopTokens, seed);
    }

    public GenerationOptions withRepetitionPenalty(double penalty, int window) {
        return new GenerationOptions(maxNewTokens, temperature, topK, topP, penalty, window, noRepeatNgramSize,
                stopTokens, seed);
    }

    public GenerationOptions withNoRepeatNgramSize(int size) {
        return new GenerationOptions(maxNewTokens, temperature, topK, topP, repetitionPenalty, repetitionWindow, size,
                stopTokens, seed);
    }
}
