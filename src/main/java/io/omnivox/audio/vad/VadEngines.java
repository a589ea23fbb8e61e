package io.omnivox.audio.vad;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.omnivox.model.EngineReporter;
import io.omnivox.model.EngineStatus;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.registry.LazyModel;
import io.omnivox.model.registry.ModelCatalog;

/**
 * Picks the voice activity detector: Silero on ONNX when the {@value #MODEL} weights are present, else the energy
 * detector. Re-checked on use until Silero is loaded, so weights fetched after startup take over without a restart.
 */
@ApplicationScoped
public class VadEngines implements EngineReporter {

    /** Registry name of the Silero weights. */
    public static final String MODEL = "silero-vad";
    private static final String FILE = "silero_vad.onnx";

    private final LazyModel<SileroVad> silero;
    private final EnergyVad energy;

    public VadEngines(ModelCatalog models, OnnxSessionFactory onnx, VadConfig config) {
        VadOptions options = VadOptions.from(config);
        this.silero = new LazyModel<>(models, MODEL, dir -> new SileroVad(onnx, dir.resolve(FILE), options));
        this.energy = new EnergyVad(options);
    }

    /** The detector to use now. */
    public VoiceActivityDetector current() {
        return silero.get().<VoiceActivityDetector>map(s -> s).orElse(energy);
    }

    @Override
    public List<EngineStatus> engines() {
        return silero.get().isPresent()
                ? List.of(new EngineStatus("vad", "silero-onnx", "ready", ""))
                : List.of(new EngineStatus("vad", "energy", "fallback", silero.reason()));
    }
}
