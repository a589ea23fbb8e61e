package io.omnivox.imagegen;

import java.nio.file.Path;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Image generation settings. */
@ConfigMapping(prefix = "omnivox.imagegen")
public interface ImageGenConfig {

    /** Model registry name of the diffusion export; its files live in {@code <models dir>/<name>/}. */
    @WithDefault("sd-turbo")
    String model();

    /** {@code auto} (LCM for UNets with {@code timestep_cond}, Euler for trailing spacing, else Euler ancestral),
     * {@code euler}, {@code euler-ancestral} or {@code lcm}. */
    @WithDefault("auto")
    OnnxDiffusionPipeline.SchedulerKind scheduler();

    /** Timestep spacing when the UNet's metadata names none: {@code trailing} (SD-Turbo), {@code leading} or
     * {@code linspace}. */
    @WithDefault("trailing")
    String timestepSpacing();

    /** VAE latent scaling when the decoder's metadata names none: 0.18215 for SD 1.x/2.x (SDXL: 0.13025). */
    @WithDefault("0.18215")
    double scalingFactor();

    /** Steps of the LCM distillation schedule when the UNet's metadata names none. */
    @WithDefault("50")
    int lcmOriginalSteps();

    /** Steps when a request names none (SD-Turbo draws in one). */
    @WithDefault("1")
    int defaultSteps();

    /** Most steps one request may ask for. */
    @WithDefault("50")
    int maxSteps();

    /** Guidance when a request names none; SD-Turbo is distilled for 0 (no unguided pass). */
    @WithDefault("0")
    double defaultGuidance();

    /** Most images one request may ask for. */
    @WithDefault("4")
    int maxImages();

    /** Longest prompt accepted, in characters (the text encoder reads about 75 tokens of it; the rest is reported). */
    @WithDefault("4000")
    int maxPromptCharacters();

    /** Side, in pixels, of the square picture the agent's generate_image tool draws (SD-Turbo's native 512). */
    @WithDefault("512")
    int agentSize();

    /** Generations run at once; further requests wait their turn (each holds the UNet's activations in memory). */
    @WithDefault("1")
    int maxConcurrent();

    /** Where images answered by URL are kept, one folder per user. */
    @WithDefault("${omnivox.data-dir:data}/images")
    Path imagesDir();

    /** Sizes a request may ask for, {@code WIDTHxHEIGHT}, each side a multiple of 64. */
    @WithDefault("256x256,512x512,512x768,768x512,768x768")
    List<String> sizes();
}
