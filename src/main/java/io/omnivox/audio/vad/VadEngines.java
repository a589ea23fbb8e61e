package io.omnivox.audio.vad;

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
 * Picks the voice activity detector: Silero on ONNX when the {@value #MODEL} weights are present, else the energy
 * detector. Re-checked on use until Silero is loaded, so weights fetched after startup take over without a restart.
 */
@ApplicationScoped
public class VadEngines implements EngineReporter {

    /** Registry name of the Silero weights. */
    public static final String MODEL = "silero-vad";
    private static final String FILE = "silero_vad.onnx";
    private static final Logger LOG = Logger.getLogger(VadEngines.class);

    private final ModelCatalog models;
    private final OnnxSessionFactory onnx;
    private final VadOptions options;
    private final EnergyVad energy;
    private volatile SileroVad silero;
    private volatile String sileroFailure;

    public VadEngines(ModelCatalog models, OnnxSessionFactory onnx, VadConfig config) {
        this.models = models;
        this.onnx = onnx;
        this.options = VadOptions.from(config);
        this.energy = new EnergyVad(options);
    }

    /** The detector to use now. */
    public VoiceActivityDetector current() {
        return silero().<VoiceActivityDetector>map(s -> s).orElse(energy);
    }

    @Override
    public List<EngineStatus> engines() {
        return silero().isPresent()
                ? List.of(new EngineStatus("vad", "silero-onnx", "ready", ""))
                : List.of(new EngineStatus("vad", "energy", "fallback",
                        sileroFailure != null ? sileroFailure : "Silero weights missing (models/fetch " + MODEL + ")"));
    }

    private synchronized Optional<SileroVad> silero() {
        if (silero != null) {
            return Optional.of(silero);
        }
        Optional<ModelManifest> manifest = models.registry().find(MODEL);
        if (manifest.isEmpty() || !models.registry().isPresent(manifest.get()) || sileroFailure != null) {
            return Optional.empty();
        }
        try {
            silero = new SileroVad(onnx, models.registry().directory(manifest.get()).resolve(FILE), options);
            LOG.infof("Voice activity detection: Silero on %s", onnx.preferredProvider());
            return Optional.of(silero);
        } catch (RuntimeException e) {
            sileroFailure = "Silero failed to load: " + e.getMessage();
            LOG.warn(sileroFailure);
            return Optional.empty();
        }
    }
}
