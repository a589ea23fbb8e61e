package io.omnivox.asr;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.omnivox.model.EngineReporter;
import io.omnivox.model.EngineStatus;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.registry.LazyModel;
import io.omnivox.model.registry.ModelCatalog;
import io.omnivox.model.registry.ModelManifest;

/**
 * Picks the speech recognition engine from configuration and what is installed: SenseVoice on ONNX when its weights
 * are present, PocketSphinx otherwise, or none with a reason. Re-checked on each use until SenseVoice is loaded, so
 * weights that finish downloading after startup are picked up without a restart.
 */
@ApplicationScoped
public class AsrEngines implements EngineReporter {

    private static final String CAPABILITY = "asr";

    private final AsrConfig config;
    private final LazyModel<SpeechRecognizer> senseVoice;

    public AsrEngines(AsrConfig config, ModelCatalog models, OnnxSessionFactory onnx) {
        this.config = config;
        this.senseVoice = new LazyModel<>(models, config.model(), dir -> new SenseVoiceRecognizer(
                onnx.open(dir.resolve(modelFile(models.registry().require(config.model())))),
                TokenTable.load(dir.resolve("tokens.txt")), config.maxBatch()));
    }

    /** The engine to use now, or empty with {@link #unavailableReason()} saying why. */
    public Optional<SpeechRecognizer> current() {
        if (config.engine() != AsrConfig.Engine.POCKETSPHINX) {
            Optional<SpeechRecognizer> sv = senseVoice.get();
            if (sv.isPresent() || config.engine() == AsrConfig.Engine.SENSEVOICE) {
                return sv;
            }
        }
        return pocketSphinx();
    }

    /** Why no engine is available. */
    public String unavailableReason() {
        return switch (config.engine()) {
            case SENSEVOICE -> senseVoice.reason();
            case POCKETSPHINX -> pocketSphinxReason();
            case AUTO -> senseVoice.reason() + "; " + pocketSphinxReason();
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
                primary ? "" : senseVoice.reason()));
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

    private String pocketSphinxReason() {
        return PocketSphinxRecognizer.available(config.pocketsphinxBinary()) ? "PocketSphinx installed"
                : "PocketSphinx not installed at " + config.pocketsphinxBinary()
                        + " (apt-get install pocketsphinx pocketsphinx-en-us)";
    }
}
