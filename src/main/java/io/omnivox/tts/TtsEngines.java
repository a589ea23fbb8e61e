package io.omnivox.tts;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.omnivox.model.EngineReporter;
import io.omnivox.model.EngineStatus;

/**
 * Picks the speech synthesis engine from configuration and what is installed, and reports it in health. CosyVoice
 * joins the chain when its ONNX parts are wired in; until then the Debian engines serve.
 */
@ApplicationScoped
public class TtsEngines implements EngineReporter {

    private final TtsConfig config;
    private final CommandLineSynthesizer espeak;
    private final CommandLineSynthesizer flite;

    public TtsEngines(TtsConfig config) {
        this.config = config;
        Duration timeout = Duration.ofSeconds(config.timeoutSeconds());
        this.espeak = new CommandLineSynthesizer(CommandLineSynthesizer.Program.ESPEAK_NG, config.espeakBinary(), timeout);
        this.flite = new CommandLineSynthesizer(CommandLineSynthesizer.Program.FLITE, config.fliteBinary(), timeout);
    }

    /** The engine to use now, if any is installed. */
    public Optional<CommandLineSynthesizer> current() {
        boolean hasEspeak = Files.isExecutable(config.espeakBinary());
        boolean hasFlite = Files.isExecutable(config.fliteBinary());
        return switch (config.engine()) {
            case ESPEAK_NG -> hasEspeak ? Optional.of(espeak) : Optional.empty();
            case FLITE -> hasFlite ? Optional.of(flite) : Optional.empty();
            case AUTO -> hasEspeak ? Optional.of(espeak) : hasFlite ? Optional.of(flite) : Optional.empty();
        };
    }

    /** Why no engine is available. */
    public String unavailableReason() {
        return "no speech synthesis engine installed: apt-get install espeak-ng (or flite); CosyVoice weights missing";
    }

    @Override
    public List<EngineStatus> engines() {
        return List.of(current()
                .map(e -> new EngineStatus("tts", e.engine(), "fallback", "CosyVoice weights missing (models/fetch cosyvoice2)"))
                .orElseGet(() -> new EngineStatus("tts", "none", "weights missing", unavailableReason())));
    }
}
