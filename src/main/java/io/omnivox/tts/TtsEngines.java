package io.omnivox.tts;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.omnivox.model.EngineReporter;
import io.omnivox.model.EngineStatus;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.registry.LazyModel;
import io.omnivox.model.registry.ModelCatalog;
import io.omnivox.tts.cosyvoice.CosyVoiceLlm;
import io.omnivox.tts.cosyvoice.CosyVoiceSynthesizer;
import io.omnivox.tts.cosyvoice.FlowMatchingSolver;

/**
 * Picks the speech synthesis engine: CosyVoice 2 on ONNX when all its files are present, else espeak-ng, else flite
 * (or the one configuration forces), and reports it in health.
 */
@ApplicationScoped
public class TtsEngines implements EngineReporter {

    private final TtsConfig config;
    private final LazyModel<CosyVoiceSynthesizer> cosyVoice;
    private final CommandLineSynthesizer espeak;
    private final CommandLineSynthesizer flite;

    public TtsEngines(TtsConfig config, ModelCatalog models, OnnxSessionFactory onnx) {
        this.config = config;
        this.cosyVoice = new LazyModel<>(models, config.model(),
                dir -> CosyVoiceSynthesizer.open(onnx, dir, settings(config.cosyvoice())));
        Duration timeout = Duration.ofSeconds(config.timeoutSeconds());
        this.espeak = new CommandLineSynthesizer(CommandLineSynthesizer.Program.ESPEAK_NG, config.espeakBinary(), timeout);
        this.flite = new CommandLineSynthesizer(CommandLineSynthesizer.Program.FLITE, config.fliteBinary(), timeout);
    }

    static CosyVoiceSynthesizer.Settings settings(TtsConfig.CosyVoice c) {
        CosyVoiceLlm.Settings d = CosyVoiceLlm.Settings.DEFAULTS;
        return new CosyVoiceSynthesizer.Settings(
                new CosyVoiceLlm.Settings(d.temperature(), c.topK(), c.topP(), c.repetitionPenalty(),
                        c.repetitionWindow(), d.minTokensPerTextToken(), d.maxTokensPerTextToken(), c.seed()),
                new FlowMatchingSolver.Settings(c.flowSteps(), c.cfgRate()), c.seed());
    }

    /** The engine to use now, if any. */
    public Optional<SpeechSynthesizer> current() {
        return switch (config.engine()) {
            case COSYVOICE -> cosyVoice.get().map(e -> e);
            case ESPEAK_NG -> installed(espeak, config.espeakBinary());
            case FLITE -> installed(flite, config.fliteBinary());
            case AUTO -> cosyVoice.get().<SpeechSynthesizer>map(e -> e)
                    .or(() -> installed(espeak, config.espeakBinary()))
                    .or(() -> installed(flite, config.fliteBinary()));
        };
    }

    /** CosyVoice, when it is the engine in use (for voice cloning). */
    public Optional<CosyVoiceSynthesizer> cosyVoice() {
        return current().filter(CosyVoiceSynthesizer.class::isInstance).map(CosyVoiceSynthesizer.class::cast);
    }

    /** Why no engine is available. */
    public String unavailableReason() {
        return cosyVoice.reason() + "; no fallback installed (apt-get install espeak-ng or flite)";
    }

    @Override
    public List<EngineStatus> engines() {
        return List.of(current()
                .map(e -> e instanceof CosyVoiceSynthesizer
                        ? new EngineStatus("tts", e.engine(), "ready", "")
                        : new EngineStatus("tts", e.engine(), "fallback", cosyVoice.reason()))
                .orElseGet(() -> new EngineStatus("tts", "none", "weights missing", unavailableReason())));
    }

    private static Optional<SpeechSynthesizer> installed(SpeechSynthesizer engine, java.nio.file.Path binary) {
        return Files.isExecutable(binary) ? Optional.of(engine) : Optional.empty();
    }
}
