package io.omnivox.imagegen;

/** Told after every denoising step, on the generating thread; keep it quick. */
@FunctionalInterface
public interface StepListener {

    /** A listener that ignores progress. */
    StepListener NONE = progress -> {
    };

    void onStep(StepProgress progress);
}
