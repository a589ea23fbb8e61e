package io.omnivox.imagegen;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxModel;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.decoder.CancellationToken;

/**
 * Latent diffusion on ONNX Runtime in the Optimum export layout ({@code models/sd-turbo.yaml}): the prompt is
 * tokenised (CLIP, 77 tokens) and encoded once per request, then for each image seeded noise {@code [1, 4, H/8, W/8]}
 * is denoised by the UNet under a Java scheduler and decoded by the VAE. Guidance above 1 runs the unguided and
 * guided predictions as one batch-2 UNet call; LCM-distilled UNets take the guidance as an embedding instead.
 * Image-to-image encodes the starting image with the VAE encoder and starts part-way down the schedule.
 *
 * <p>
 * Thread-safe: sessions may run concurrently and each call keeps its own state. The session factory owns the
 * sessions; {@link #close()} releases the tokenizer.
 */
public final class OnnxDiffusionPipeline implements ImageGenerator, AutoCloseable {

    public static final String ENGINE = "diffusion-onnx";
    private static final Logger LOG = Logger.getLogger(OnnxDiffusionPipeline.class);
    /** Seeds drawn at random stay below 2^53, so JSON clients that read numbers as doubles can send them back. */
    private static final long RANDOM_SEED_BOUND = 1L << 53;

    /** Which scheduler to run. */
    public enum SchedulerKind {
        /** LCM for UNets with {@code timestep_cond}, Euler for trailing spacing (SD-Turbo), else Euler ancestral. */
        AUTO,
        /** Deterministic Euler (SD-Turbo with trailing spacing). */
        EULER,
        /** Euler ancestral: fresh seeded noise at each step. */
        EULER_ANCESTRAL,
        /** Latent Consistency Model sampling. */
        LCM
    }

    /**
     * @param scheduler      the scheduler, or AUTO to pick from the UNet
     * @param spacing        timestep spacing when the UNet's metadata has no {@code timestep_spacing}
     * @param scalingFactor  VAE latent scaling when the decoder's metadata has no {@code scaling_factor}
     * @param lcmOriginalSteps the LCM distillation's step count when the metadata has no
     *                         {@code original_inference_steps}
     */
    public record Settings(SchedulerKind scheduler, String spacing, double scalingFactor, int lcmOriginalSteps) {
        /** SD-Turbo's: trailing spacing, SD 2.x scaling 0.18215; LCM distilled over 50 steps. */
        public static final Settings DEFAULT = new Settings(SchedulerKind.AUTO, "trailing", 0.18215, 50);
    }

    private final ClipTokenizer tokenizer;
    private final TextEncoder textEncoder;
    private final Unet unet;
    private final Vae vae;
    private final NoiseSchedule noiseSchedule;
    private final PredictionType prediction;
    private final TimestepSpacing spacing;
    private final SchedulerKind scheduler;
    private final int lcmOriginalSteps;

    /**
     * @param schedulerConfig the scheduler's settings ({@code num_train_timesteps}, {@code beta_*},
     *                        {@code prediction_type}, {@code timestep_spacing}, …): the UNet's metadata over the
     *                        export's {@code scheduler_config.json}
     * @param scalingFactor   the VAE scaling to use when the decoder's metadata names none
     */
    OnnxDiffusionPipeline(ClipTokenizer tokenizer, OnnxModel textEncoder, OnnxModel unet, OnnxModel vaeDecoder,
            OnnxModel vaeEncoder, Map<String, String> schedulerConfig, double scalingFactor, Settings settings) {
        this.tokenizer = tokenizer;
        this.textEncoder = new TextEncoder(textEncoder);
        this.unet = new Unet(unet);
        this.vae = new Vae(vaeDecoder, vaeEncoder, scalingFactor);
        Map<String, String> metadata = schedulerConfig;
        try {
            this.noiseSchedule = NoiseSchedule.fromMetadata(metadata);
            this.prediction = PredictionType.of(metadata.getOrDefault("prediction_type", "epsilon"));
            this.spacing = TimestepSpacing.of(metadata.getOrDefault("timestep_spacing", settings.spacing()));
            this.lcmOriginalSteps = Integer.parseInt(metadata.getOrDefault("original_inference_steps",
                    String.valueOf(settings.lcmOriginalSteps())));
        } catch (IllegalArgumentException e) {
            throw new ModelException("Scheduler settings of " + unet.name() + ": " + e.getMessage(), e);
        }
        this.scheduler = resolve(settings.scheduler());
    }

    /**
     * Opens the export in {@code dir}: {@code text_encoder/}, {@code unet/}, {@code vae_decoder/} and optional
     * {@code vae_encoder/} ({@code model.onnx} each) and {@code tokenizer/}. Settings the ONNX metadata lacks are read
     * from the files Optimum writes beside the models ({@code scheduler/scheduler_config.json},
     * {@code vae_decoder/config.json}), then from {@code settings}.
     */
    public static OnnxDiffusionPipeline open(Path dir, OnnxSessionFactory factory, Settings settings) {
        OnnxModel textEncoder = factory.open(dir.resolve("text_encoder/model.onnx"));
        OnnxModel unet = factory.open(dir.resolve("unet/model.onnx"));
        OnnxModel decoder = factory.open(dir.resolve("vae_decoder/model.onnx"));
        Path encoderFile = dir.resolve("vae_encoder/model.onnx");
        OnnxModel encoder = Files.isRegularFile(encoderFile) ? factory.open(encoderFile) : null;
        TextEncoder probe = new TextEncoder(textEncoder);
        ClipTokenizer tokenizer = ClipTokenizer.load(dir.resolve("tokenizer"), probe.metadata(),
                probe.sequenceLength());
        try {
            Map<String, String> schedulerConfig = new HashMap<>(jsonValues(dir.resolve("scheduler/scheduler_config.json")));
            schedulerConfig.putAll(unet.metadata());
            double scaling = Optional.ofNullable(jsonValues(dir.resolve("vae_decoder/config.json")).get("scaling_factor"))
                    .map(Double::parseDouble).orElse(settings.scalingFactor());
            OnnxDiffusionPipeline pipeline = new OnnxDiffusionPipeline(tokenizer, textEncoder, unet, decoder, encoder,
                    schedulerConfig, scaling, settings);
            LOG.infof("Image generation: %s scheduler, %s prediction, VAE scaling %s, image-to-image %s, on %s",
                    pipeline.scheduler, pipeline.prediction, pipeline.vae.scalingFactor(),
                    encoder != null ? "on" : "off (no vae_encoder)", unet.provider());
            return pipeline;
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** The scalar values of a flat JSON object such as a diffusers config, as text; empty when the file is absent. */
    static Map<String, String> jsonValues(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            Map<String, String> values = new HashMap<>();
            new ObjectMapper().readTree(file.toFile()).properties().forEach(e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    values.put(e.getKey(), e.getValue().asText());
                }
            });
            return values;
        } catch (IOException e) {
            throw new ModelException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    /** The scheduler this pipeline runs (AUTO resolved). */
    public SchedulerKind scheduler() {
        return scheduler;
    }

    /** The VAE latent scaling in use (metadata, else {@code vae_decoder/config.json}, else configuration). */
    double scalingFactor() {
        return vae.scalingFactor();
    }

    /** Whether image-to-image is possible (the export has a VAE encoder). */
    public boolean supportsInitImage() {
        return vae.canEncode();
    }

    @Override
    public ImageResult generate(ImageRequest request, StepListener listener, CancellationToken cancel) {
        if (request.initImage().isPresent() && !vae.canEncode()) {
            throw new ModelException("Image-to-image needs vae_encoder/model.onnx, which this export lacks; see "
                    + "models/export/sd-turbo.md");
        }
        PromptTokens prompt = tokenizer.encode(request.prompt());
        if (prompt.truncated()) {
            LOG.debug(prompt.truncationNotice());
        }
        boolean batched = request.usesGuidance() && !unet.takesGuidanceEmbedding();
        Tensors.Output context = batched
                ? textEncoder.encode(List.of(tokenizer.encode(request.negativePrompt()), prompt))
                : textEncoder.encode(List.of(prompt));
        float[] guidanceEmbedding = unet.takesGuidanceEmbedding()
                ? guidanceEmbedding(request.guidance(), unet.guidanceEmbeddingSize())
                : null;
        long firstSeed = request.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong(RANDOM_SEED_BOUND));
        List<GeneratedImage> images = new ArrayList<>();
        for (int i = 0; i < request.count(); i++) {
            long seed = firstSeed + i;
            images.add(new GeneratedImage(draw(request, i, seed, context, batched, guidanceEmbedding, listener,
                    cancel), seed));
        }
        return new ImageResult(images, prompt);
    }

    private BufferedImage draw(ImageRequest request, int index, long seed, Tensors.Output context,
            boolean batched, float[] guidanceEmbedding, StepListener listener, CancellationToken cancel) {
        int h = request.height() / 8;
        int w = request.width() / 8;
        int size = 4 * h * w;
        GaussianNoise noise = new GaussianNoise(seed);
        Scheduler schedule = newScheduler(request.steps());
        double[] timesteps = schedule.timesteps();
        int start = request.initImage().map(init -> firstStep(request.steps(), init.strength())).orElse(0);
        float[] latents = request.initImage().isPresent()
                ? schedule.addNoise(encode(request), noise.next(size), start)
                : SigmaScheduler.scale(noise.next(size), schedule.initNoiseSigma());
        int batch = batched ? 2 : 1;
        long[] shape = { batch, 4, h, w };
        float[] cond = guidanceEmbedding == null ? null : repeat(guidanceEmbedding, batch);
        for (int step = start; step < timesteps.length; step++) {
            if (cancel.isCancelled()) {
                throw new GenerationCancelledException(index, step - start);
            }
            long began = System.nanoTime();
            float[] input = schedule.scaleModelInput(latents, step);
            long unetStart = System.nanoTime();
            float[] output = unet.predict(batched ? repeat(input, 2) : input, shape, timesteps[step], context, cond);
            long unetNanos = System.nanoTime() - unetStart;
            float[] prediction = batched ? guide(output, size, request.guidance()) : output;
            latents = schedule.step(prediction, step, latents, noise);
            listener.onStep(new StepProgress(index, request.count(), step - start + 1, timesteps.length - start,
                    timesteps[step], batch, unetNanos, System.nanoTime() - began));
        }
        if (cancel.isCancelled()) {
            throw new GenerationCancelledException(index, timesteps.length - start);
        }
        Tensors.Output pixels = vae.decode(latents, h, w);
        return Pixels.toImage(pixels.data(), request.width(), request.height());
    }

    /**
     * Where image-to-image starts. LCM uses the same rule as the Euler schedulers here (diffusers' LCM image-to-image
     * pipeline instead shortens the distillation schedule itself); the image keeps about {@code 1 − strength} of its
     * structure either way.
     */
    private static int firstStep(int steps, double strength) {
        int start = Scheduler.startIndex(steps, strength);
        if (start >= steps) {
            throw new IllegalArgumentException("steps × strength must be at least 1 (" + steps + " × " + strength
                    + " runs no step)");
        }
        return start;
    }

    /** The starting image's latents, at the request's size. */
    private float[] encode(ImageRequest request) {
        BufferedImage image = request.initImage().orElseThrow().image();
        return vae.encode(Pixels.fromImage(image, request.width(), request.height()), request.height(),
                request.width());
    }

    private Scheduler newScheduler(int steps) {
        return switch (scheduler) {
            case EULER -> new EulerScheduler(noiseSchedule, steps, spacing, prediction);
            case EULER_ANCESTRAL -> new EulerAncestralScheduler(noiseSchedule, steps, spacing, prediction);
            case LCM -> new LcmScheduler(noiseSchedule, steps, lcmOriginalSteps, prediction);
            case AUTO -> throw new IllegalStateException("AUTO is resolved at construction");
        };
    }

    private SchedulerKind resolve(SchedulerKind configured) {
        if (configured != SchedulerKind.AUTO) {
            return configured;
        }
        if (unet.takesGuidanceEmbedding()) {
            return SchedulerKind.LCM;
        }
        return spacing == TimestepSpacing.TRAILING ? SchedulerKind.EULER : SchedulerKind.EULER_ANCESTRAL;
    }

    /**
     * Classifier-free guidance (Ho and Salimans, 2022) over a batch-2 output, unguided first:
     * {@code ε = ε_u + g·(ε_c − ε_u)}.
     */
    static float[] guide(float[] output, int size, double guidance) {
        float[] guided = new float[size];
        for (int i = 0; i < size; i++) {
            float unconditional = output[i];
            guided[i] = (float) (unconditional + guidance * (output[size + i] - unconditional));
        }
        return guided;
    }

    /**
     * LCM's guidance embedding, as diffusers' {@code get_guidance_scale_embedding}: {@code w = (g − 1)·1000}, then
     * {@code [sin(w·f), cos(w·f)]} with {@code f_k = exp(−k·ln(10000)/(E/2 − 1))}, zero-padded to an odd width.
     */
    static float[] guidanceEmbedding(double guidance, int size) {
        double w = (guidance - 1) * 1000;
        int half = size / 2;
        double rate = Math.log(10000) / (half - 1);
        float[] embedding = new float[size];
        for (int k = 0; k < half; k++) {
            double angle = w * Math.exp(-k * rate);
            embedding[k] = (float) Math.sin(angle);
            embedding[half + k] = (float) Math.cos(angle);
        }
        return embedding;
    }

    private static float[] repeat(float[] values, int times) {
        float[] repeated = new float[values.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(values, 0, repeated, i * values.length, values.length);
        }
        return repeated;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
