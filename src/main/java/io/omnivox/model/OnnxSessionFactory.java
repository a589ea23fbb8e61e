package io.omnivox.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;

/**
 * The one place ONNX sessions are made. Each session first tries the configured accelerators (the CUDA execution
 * provider by default) and falls back to CPU, logging the reason once. Sessions opened from files are cached by path
 * and closed with the factory.
 */
public final class OnnxSessionFactory implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OnnxSessionFactory.class);

    /** An execution provider to try before CPU. */
    public interface Accelerator {

        ExecutionProvider provider();

        /** Adds the provider to the options; throws when its native libraries or device are missing. */
        void enable(OrtSession.SessionOptions options) throws OrtException;

        /** Why this provider cannot work in this ONNX Runtime build at all, if so (checked once, up front). */
        default Optional<String> unavailableInBuild() {
            return Optional.empty();
        }
    }

    /** Thread settings applied to every session; 0 lets ONNX Runtime choose. */
    public record Threads(int intraOp, int interOp) {
        public static final Threads DEFAULT = new Threads(0, 0);
    }

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final Threads threads;
    private final List<Accelerator> accelerators;
    private final Map<Accelerator, String> failures = new ConcurrentHashMap<>();
    private final Map<Path, OnnxModel> cache = new ConcurrentHashMap<>();

    public OnnxSessionFactory(Threads threads, List<Accelerator> accelerators) {
        this.threads = threads;
        this.accelerators = List.copyOf(accelerators);
        for (Accelerator accelerator : this.accelerators) {
            accelerator.unavailableInBuild().ifPresent(reason -> {
                failures.put(accelerator, reason);
                LOG.infof("%s; sessions run on the next provider.", reason);
            });
        }
    }

    /** A factory from configuration: CUDA then CPU for {@code auto}, CPU only for {@code cpu}. */
    public static OnnxSessionFactory fromConfig(OnnxConfig config) {
        List<Accelerator> accelerators = config.device() == OnnxConfig.Device.AUTO
                ? List.of(cuda(config.cudaDeviceId()))
                : List.of();
        return new OnnxSessionFactory(new Threads(config.intraOpThreads(), config.interOpThreads()), accelerators);
    }

    /** The CUDA execution provider on one device. */
    public static Accelerator cuda(int deviceId) {
        return new Accelerator() {
            @Override
            public ExecutionProvider provider() {
                return ExecutionProvider.CUDA;
            }

            @Override
            public void enable(OrtSession.SessionOptions options) throws OrtException {
                options.addCUDA(deviceId);
            }

            @Override
            public Optional<String> unavailableInBuild() {
                // the CPU artifact ships no CUDA provider; asking health for "cuda" before any session would mislead
                return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA) ? Optional.empty()
                        : Optional.of("CUDA execution provider not in this ONNX Runtime build (the CPU artifact; "
                                + "build with -Pgpu for onnxruntime_gpu)");
            }
        };
    }

    /** Opens (or returns the cached) session for a model file. The factory owns it: do not close it. */
    public OnnxModel open(Path file) {
        Path key = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(key)) {
            throw new ModelException("Model file not found: " + key);
        }
        return cache.computeIfAbsent(key, k -> create(k.getFileName().toString(), k, null));
    }

    /** Loads a model from bytes (fixtures, embedded models). Not cached: the caller owns and closes it. */
    public OnnxModel load(String name, byte[] model) {
        return create(name, null, model);
    }

    /** Why an accelerator was skipped, if one was; empty while none failed. */
    public Optional<String> fallbackReason() {
        return failures.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", failures.values()));
    }

    /** The provider new sessions get now: the first accelerator that has not failed, else CPU. */
    public ExecutionProvider preferredProvider() {
        return accelerators.stream().filter(a -> !failures.containsKey(a)).map(Accelerator::provider).findFirst()
                .orElse(ExecutionProvider.CPU);
    }

    private OnnxModel create(String name, Path file, byte[] bytes) {
        for (Accelerator accelerator : accelerators) {
            if (failures.containsKey(accelerator)) {
                continue;
            }
            try {
                return createWith(name, file, bytes, accelerator);
            } catch (OrtException | RuntimeException | LinkageError e) {
                String reason = accelerator.provider() + " execution provider unavailable (" + e.getMessage() + ")";
                failures.put(accelerator, reason);
                LOG.infof("%s; falling back to the next provider. Using a GPU needs the onnxruntime_gpu artifact "
                        + "(build with -Pgpu), CUDA 12 and cuDNN 9.", reason);
            }
        }
        try {
            return createWith(name, file, bytes, null);
        } catch (OrtException e) {
            throw new ModelException("Cannot load model " + name + ": " + e.getMessage(), e);
        }
    }

    private OnnxModel createWith(String name, Path file, byte[] bytes, Accelerator accelerator) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (threads.intraOp() > 0) {
                options.setIntraOpNumThreads(threads.intraOp());
            }
            if (threads.interOp() > 0) {
                options.setInterOpNumThreads(threads.interOp());
            }
            if (accelerator != null) {
                accelerator.enable(options);
            }
            OrtSession session = file != null
                    ? env.createSession(file.toString(), options)
                    : env.createSession(bytes, options);
            ExecutionProvider provider = accelerator == null ? ExecutionProvider.CPU : accelerator.provider();
            LOG.debugf("Loaded %s on %s", name, provider);
            return new OnnxModel(name, session, options, provider);
        } catch (OrtException | RuntimeException | LinkageError e) {
            options.close();
            throw e;
        }
    }

    @Override
    public void close() {
        List<OnnxModel> models = new ArrayList<>(cache.values());
        cache.clear();
        ModelException failure = null;
        for (OnnxModel model : models) {
            try {
                model.close();
            } catch (ModelException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
