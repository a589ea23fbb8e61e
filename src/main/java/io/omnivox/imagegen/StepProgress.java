package io.omnivox.imagegen;

/**
 * One finished denoising step, for progress bars and benchmarks.
 *
 * @param image     index of the image being drawn, from 0
 * @param images    number of images in the request
 * @param step      steps done for this image, from 1
 * @param steps     steps this image takes (fewer than requested for image-to-image)
 * @param timestep  the training timestep of this step
 * @param unetBatch batch size of this step's UNet call: 2 when the guided and unguided predictions ran together
 * @param unetNanos time spent inside the UNet call
 * @param stepNanos time of the whole step (scaling, UNet, guidance, scheduler update)
 */
public record StepProgress(int image, int images, int step, int steps, double timestep, int unetBatch, long unetNanos,
        long stepNanos) {
}
