package io.omnivox.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.omnivox.imagegen.FixtureDiffusion;
import io.omnivox.imagegen.ImageRequest;
import io.omnivox.imagegen.OnnxDiffusionPipeline;
import io.omnivox.imagegen.StepProgress;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.decoder.CancellationToken;

/**
 * Denoising steps per second and where a step's time goes: inside the UNet's ONNX Runtime call, or on the Java side
 * (scheduler scaling and update, guidance, tensor copies), plus the rest of an image (text encoder, VAE, PNG). Runs on
 * the fixture export unless given the folder of a real one ({@code bench/run imagegen ~/.cache/omnivox/models/sd-turbo}).
 * On the fixture the UNet costs almost nothing, so its numbers show the pipeline's own overhead.
 */
public final class ImageGenBench {

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0])
                : FixtureDiffusion.write(Files.createTempDirectory("omnivox-imagegen-bench"),
                        FixtureDiffusion.Variant.SD_TURBO);
        int size = args.length > 1 ? Integer.parseInt(args[1]) : Bench.quick() ? 256 : 512;
        System.out.printf(Locale.ROOT, "model: %s, %dx%d%n", args.length > 0 ? dir : "fixture", size, size);
        System.out.printf(Locale.ROOT, "%-30s %9s %10s %10s %10s %12s%n", "workload", "steps/s", "step ms", "unet ms",
                "java ms", "image ms");
        // on its own: CUDA when there is one; in the report: as the report was asked (--gpu or not)
        try (OnnxSessionFactory factory = Bench.quick() ? Bench.onnx() : OnnxSessionFactory.fromConfig(new CpuOrCuda());
                OnnxDiffusionPipeline pipeline = OnnxDiffusionPipeline.open(dir, factory,
                        OnnxDiffusionPipeline.Settings.DEFAULT)) {
            ImageRequest base = ImageRequest.of("a lighthouse on a cliff at dusk").withSize(size, size).withSeed(1);
            run(pipeline, "1 step, no guidance", base);
            run(pipeline, "4 steps, no guidance", base.withSteps(4));
            run(pipeline, "4 steps, guidance 7.5 (batch 2)", base.withSteps(4).withGuidance(7.5, "blurry"));
        }
    }

    private static void run(OnnxDiffusionPipeline pipeline, String name, ImageRequest request) {
        for (int i = 0; i < (Bench.quick() ? 1 : 3); i++) {
            pipeline.generate(request).images().getFirst().png(); // warm-up: the JIT compiles the hot loops
        }
        int images = Bench.quick() ? 3 : 10;
        List<StepProgress> steps = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < images; i++) {
            pipeline.generate(request, steps::add, new CancellationToken()).images().getFirst().png();
        }
        long total = System.nanoTime() - start;
        long stepNanos = steps.stream().mapToLong(StepProgress::stepNanos).sum();
        long unetNanos = steps.stream().mapToLong(StepProgress::unetNanos).sum();
        System.out.printf(Locale.ROOT, "%-30s %9.1f %10.3f %10.3f %10.3f %12.2f%n", name,
                steps.size() / (stepNanos / 1e9), stepNanos / 1e6 / steps.size(), unetNanos / 1e6 / steps.size(),
                (stepNanos - unetNanos) / 1e6 / steps.size(), total / 1e6 / images);
        Bench.row("imagegen", name + ": Java side per step", (stepNanos - unetNanos) / 1e6 / steps.size(),
                "UNet call per step", unetNanos / 1e6 / steps.size(), "ms");
    }

    /** CUDA when this ONNX Runtime build and machine have it, else CPU. */
    private static final class CpuOrCuda implements io.omnivox.model.OnnxConfig {
        @Override
        public Device device() {
            return Device.AUTO;
        }

        @Override
        public int cudaDeviceId() {
            return 0;
        }

        @Override
        public int intraOpThreads() {
            return 0;
        }

        @Override
        public int interOpThreads() {
            return 0;
        }
    }
}
