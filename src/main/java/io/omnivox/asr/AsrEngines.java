package io.omnivox.asr;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.omnivox.model.EngineReporter;
import io.omnivox.model.EngineStatus;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.registry.ModelCatalog;
import io.omnivox.model.registry.ModelManifest;

/**
 * Picks the speech recognition engine from configuration and what is installed: SenseVoice on ONNX when its weights
 * are present, PocketSphinx otherwise, or none with a reason. Re-checked on each use until SenseVoice is loaded, so
 * weights that finish downloading after startup are picked up without a restart.
 */
@ApplicationScoped
public class AsrEngines implements EngineReporter {

    private static final Logger LOG = Logger.getLogger(AsrEngines.class);
    private static final String CAPABILITY = "asr";

    private final AsrConfig config;
    private final ModelCatalog models;
    private final OnnxSessionFactory onnx;
    private volatile SpeechRecognizer senseVoice;
    private volatile String senseVoiceFailure;

    public AsrEngines(AsrConfig config, ModelCatalog models, OnnxSessionFactory onnx) {
        this.config = config;
        this.models = models;
        this.onnx = onnx;
    }

    /** The engine to use now, or empty with {@link #unavailableReason()} saying why. */
    public Optional<SpeechRecognizer> current() {
        if (config.engine() != AsrConfig.Engine.POCKETSPHINX) {
            Optional<SpeechRecognizer> sv = senseVoice();
            if (sv.isPresent() || config.engine() == AsrConfig.Engine.SENSEVOICE) {
                return sv;
            }
        }
        return pocketSphinx();
    }

    /** Why no engine is available. */
    public String unavailableReason() {
        return switch (config.engine()) {
            case SENSEVOICE -> senseVoiceReason();
            case POCKETSPHINX -> pocketSphinxReason();
            case AUTO -> senseVoiceReason() + "; " + pocketSphinxReason();
        };
    }

    @Override
    public List<EngineStatus> engines() {
        Optional<SpeechRecognizer> engine = current();
        if (engine.isEmpty()) {
            return List.of(new EngineStatus(CAPABILITY, "none", "weights missing", unavailableReason()));
        }
        boolean primary = engine.get().engine().equals(SenseVoiceRecognizer.ENGINE);
        return List.of(new EngineStatus(CAPABILITY, engine.get().engine(), primary ? "ready" : "fallback",
                primary ? "" : senseVoiceReason()));
    }

    private synchronized Optional<SpeechRecognizer> senseVoice() {
        if (senseVoice != null) {
            return Optional.of(senseVoice);
        }
        Optional<ModelManifest> manifest = models.registry().find(config.model());
        if (manifest.isEmpty() || !models.registry().isPresent(manifest.get())) {
            return Optional.empty();
        }
        try {
            Path dir = models.registry().directory(manifest.get());
            senseVoice = new SenseVoiceRecognizer(onnx.open(dir.resolve(modelFile(manifest.get()))),
                    TokenTable.load(dir.resolve("tokens.txt")), config.maxBatch());
            LOG.infof("Speech recognition: SenseVoice from %s on %s", dir, onnx.preferredProvider());
            return Optional.of(senseVoice);
        } catch (RuntimeException e) {
            senseVoiceFailure = e.getMessage();
            LOG.warnf("SenseVoice weights present but not usable: %s", e.getMessage());
            return Optional.empty();
        }
    }

    /** The ONNX file of the manifest (the one its contract describes, else the first .onnx). */
    private static String modelFile(ModelManifest manifest) {
        return manifest.contracts().stream().map(ModelManifest.FileContract::file).findFirst()
                .orElseGet(() -> manifest.files().stream().map(ModelManifest.ModelFile::path)
                        .filter(p -> p.endsWith(".onnx")).findFirst().orElseThrow());
    }

    private Optional<SpeechRecognizer> pocketSphinx() {
        if (!PocketSphinxRecognizer.available(config.pocketsphinxBinary())) {
            return Optional.empty();
        }
        return Optional.of(new PocketSphinxRecognizer(config.pocketsphinxBinary(),
                Duration.ofSeconds(config.pocketsphinxTimeoutSeconds())));
    }

    private String senseVoiceReason() {
        if (senseVoiceFailure != null) {
            return "SenseVoice failed to load: " + senseVoiceFailure;
        }
        return "SenseVoice weights missing (models/fetch " + config.model() + ")";
    }

    private String pocketSphinxReason() {
        return PocketSphinxRecognizer.available(config.pocketsphinxBinary()) ? "PocketSphinx installed"
                : "PocketSphinx not installed at " + config.pocketsphinxBinary()
                        + " (apt-get install pocketsphinx pocketsphinx-en-us)";
    }
}
