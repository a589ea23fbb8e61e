package io.omnivox.imagegen;

import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxModel;

/**
 * The VAE: {@code vae_decoder/model.onnx} ({@code latent_sample} float32 {@code [batch, 4, h, w]}, already divided by
 * the scaling factor → {@code sample} float32 {@code [batch, 3, 8h, 8w]} in [-1, 1]) and, for image-to-image,
 * {@code vae_encoder/model.onnx} ({@code sample} {@code [batch, 3, H, W]} in [-1, 1] → {@code latent_sample}
 * {@code [batch, 4, H/8, W/8]}; an export that returns the distribution's 8 channels, mean then log-variance, has its
 * mean taken). The scaling factor (0.18215 for SD 1.x/2.x) comes from the decoder's {@code scaling_factor} metadata.
 * Thread-safe.
 */
final class Vae {

    private final OnnxModel decoder;
    private final OnnxModel encoder;
    private final double scalingFactor;

    /**
     * @param encoder         the encoder, or {@code null} when the export has none (text-to-image only)
     * @param defaultScaling  used when the decoder's metadata has no {@code scaling_factor}
     */
    Vae(OnnxModel decoder, OnnxModel encoder, double defaultScaling) {
        decoder.requireInput("latent_sample");
        requireOutput(decoder, "sample");
        if (encoder != null) {
            encoder.requireInput("sample");
            if (!encoder.outputs().containsKey("latent_sample") && !encoder.outputs().containsKey("latent_parameters")) {
                throw new ModelException("Model " + encoder.name() + " has no output 'latent_sample' (outputs: "
                        + encoder.outputs().keySet() + ")");
            }
        }
        this.decoder = decoder;
        this.encoder = encoder;
        String declared = decoder.metadata().get("scaling_factor");
        this.scalingFactor = declared != null ? Double.parseDouble(declared.strip()) : defaultScaling;
    }

    double scalingFactor() {
        return scalingFactor;
    }

    boolean canEncode() {
        return encoder != null;
    }

    /** Pixels {@code [1, 3, 8h, 8w]} in [-1, 1] from latents {@code [1, 4, h, w]} in the UNet's scale. */
    Tensors.Output decode(float[] latents, int h, int w) {
        float[] unscaled = SigmaScheduler.scale(latents, 1 / scalingFactor);
        try (OnnxTensor input = Tensors.floats(unscaled, 1, 4, h, w);
                OrtSession.Result result = decoder.run(Map.of("latent_sample", input))) {
            Tensors.Output pixels = Tensors.floatOutput(result, "sample", decoder.name());
            long[] shape = pixels.shape();
            if (shape.length != 4 || shape[1] != 3 || shape[2] != 8L * h || shape[3] != 8L * w) {
                throw new ModelException("Model " + decoder.name() + " returned sample "
                        + java.util.Arrays.toString(shape) + "; expected [1, 3, " + 8 * h + ", " + 8 * w + "]");
            }
            return pixels;
        }
    }

    /** Latents {@code [1, 4, H/8, W/8]} in the UNet's scale from pixels {@code [1, 3, H, W]} in [-1, 1]. */
    float[] encode(float[] pixels, int height, int width) {
        if (encoder == null) {
            throw new ModelException("Image-to-image needs vae_encoder/model.onnx, which this export lacks; see "
                    + "models/export/sd-turbo.md");
        }
        try (OnnxTensor input = Tensors.floats(pixels, 1, 3, height, width);
                OrtSession.Result result = encoder.run(Map.of("sample", input))) {
            String name = encoder.outputs().containsKey("latent_sample") ? "latent_sample" : "latent_parameters";
            Tensors.Output latents = Tensors.floatOutput(result, name, encoder.name());
            int plane = (height / 8) * (width / 8);
            long channels = latents.shape().length == 4 ? latents.shape()[1] : -1;
            if ((channels != 4 && channels != 8) || latents.data().length != channels * plane) {
                throw new ModelException("Model " + encoder.name() + " returned " + name + " "
                        + java.util.Arrays.toString(latents.shape()) + "; expected [1, 4 or 8, " + height / 8 + ", "
                        + width / 8 + "]");
            }
            float[] mean = java.util.Arrays.copyOf(latents.data(), 4 * plane);
            return SigmaScheduler.scale(mean, scalingFactor);
        }
    }

    private static void requireOutput(OnnxModel model, String name) {
        if (!model.outputs().containsKey(name)) {
            throw new ModelException("Model " + model.name() + " has no output '" + name + "' (outputs: "
                    + model.outputs().keySet() + ")");
        }
    }
}
