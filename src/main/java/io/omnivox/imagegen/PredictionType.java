package io.omnivox.imagegen;

/** What the UNet predicts, diffusers' {@code prediction_type}. */
enum PredictionType {
    /** The added noise ε (SD 1.x, SD 2.x base, SD-Turbo). */
    EPSILON,
    /** v = √ᾱ·ε − √(1−ᾱ)·x₀ (Salimans and Ho, "Progressive Distillation", 2022; SD 2.x at 768 px). */
    V_PREDICTION;

    static PredictionType of(String name) {
        return switch (name) {
            case "epsilon" -> EPSILON;
            case "v_prediction" -> V_PREDICTION;
            default -> throw new IllegalArgumentException("prediction_type '" + name
                    + "' is not supported (epsilon or v_prediction)");
        };
    }
}
