package io.omnivox.imagegen;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.omnivox.model.EngineReporter;
import io.omnivox.model.EngineStatus;
import io.omnivox.model.EngineUnavailableException;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.decoder.CancellationToken;
import io.omnivox.model.registry.LazyModel;
import io.omnivox.model.registry.ModelCatalog;
import io.omnivox.model.registry.ModelManifest;

/**
 * The image generator: the diffusion export named by {@code omnivox.imagegen.model} on ONNX once its files are on
 * disk, checked on each use until it loads (an export copied in after startup is picked up without a restart).
 * There is no fallback engine: without the weights, health says {@code weights missing} with how to make them and
 * requests are answered 503.
 */
@ApplicationScoped
public class ImageGenEngines implements EngineReporter {

    private static final String CAPABILITY = "imagegen";

    private final ImageGenConfig config;
    private final ModelCatalog models;
    private final LazyModel<OnnxDiffusionPipeline> diffusion;
    private final Semaphore turns;

    public ImageGenEngines(ImageGenConfig config, ModelCatalog models, OnnxSessionFactory onnx) {
        this.config = config;
        this.models = models;
        checkSizes(config.sizes());
        this.turns = new Semaphore(Math.max(1, config.maxConcurrent()), true);
        OnnxDiffusionPipeline.Settings settings = new OnnxDiffusionPipeline.Settings(config.scheduler(),
                config.timestepSpacing(), config.scalingFactor(), config.lcmOriginalSteps());
        this.diffusion = new LazyModel<>(models, config.model(), dir -> OnnxDiffusionPipeline.open(dir, onnx, settings));
    }

    /** The generator, if its weights are present and loaded. */
    public Optional<ImageGenerator> current() {
        return diffusion.get().map(p -> p);
    }

    /** The generator, or a 503 saying what to fetch. */
    public ImageGenerator require() {
        return current().orElseThrow(() -> new EngineUnavailableException(unavailableReason()));
    }

    /**
     * Draws with the current generator once one of {@code omnivox.imagegen.max-concurrent} turns is free (in arrival
     * order); 503 without the weights.
     */
    public ImageResult generate(ImageRequest request, StepListener listener, CancellationToken cancel) {
        ImageGenerator generator = require();
        try {
            turns.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenerationCancelledException(0, 0);
        }
        try {
            return generator.generate(request, listener, cancel);
        } finally {
            turns.release();
        }
    }

    /** Why no generator is available, with what to do about it. */
    public String unavailableReason() {
        Optional<ModelManifest> manifest = models.registry().find(config.model());
        if (manifest.isEmpty()) {
            return "No model manifest named '" + config.model() + "' (omnivox.imagegen.model); known: "
                    + models.registry().all().stream().map(ModelManifest::name).toList();
        }
        if (models.registry().isPresent(manifest.get())) {
            return diffusion.reason();
        }
        String missing = String.join(", ", models.registry().missingFiles(manifest.get()).stream()
                .map(ModelManifest.ModelFile::path).toList());
        String how = manifest.get().exportRecipe()
                .map(recipe -> "no public download: export them with " + recipe)
                .orElse("run models/fetch " + config.model());
        return config.model() + " weights missing in " + models.registry().directory(manifest.get()) + " (" + missing
                + "); " + how;
    }

    @Override
    public List<EngineStatus> engines() {
        return List.of(current()
                .map(e -> new EngineStatus(CAPABILITY, e.engine(), "ready", config.model()))
                .orElseGet(() -> new EngineStatus(CAPABILITY, "none", "weights missing", unavailableReason())));
    }

    /** Fails startup on a configured size that is not {@code WIDTHxHEIGHT} with both sides multiples of 64. */
    static void checkSizes(List<String> sizes) {
        for (String size : sizes) {
            String[] sides = size.split("x");
            boolean valid = sides.length == 2 && sides[0].matches("[1-9][0-9]{1,4}") && sides[1].matches("[1-9][0-9]{1,4}")
                    && Integer.parseInt(sides[0]) % 64 == 0 && Integer.parseInt(sides[1]) % 64 == 0;
            if (!valid) {
                throw new IllegalStateException("omnivox.imagegen.sizes: '" + size
                        + "' is not WIDTHxHEIGHT with both sides multiples of 64 (e.g. 512x512)");
            }
        }
    }

    @PreDestroy
    void close() {
        diffusion.loaded().ifPresent(OnnxDiffusionPipeline::close);
    }
}
