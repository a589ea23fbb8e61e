package io.omnivox.asr;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Speech recognition settings. */
@ConfigMapping(prefix = "omnivox.asr")
public interface AsrConfig {

    /** Which engine to use. */
    enum Engine {
        /** SenseVoice when its weights are present, else PocketSphinx when installed. */
        AUTO,
        /** SenseVoice-Small on ONNX only. */
        SENSEVOICE,
        /** PocketSphinx (Debian package) only. */
        POCKETSPHINX
    }

    /** {@code auto}, {@code sensevoice} or {@code pocketsphinx}. */
    @WithDefault("auto")
    Engine engine();

    /** Model registry name of the SenseVoice weights. */
    @WithDefault("sensevoice-small")
    String model();

    /** Largest upload accepted, in bytes (OpenAI's limit is 25 MB). */
    @WithDefault("26214400")
    long maxUploadBytes();

    /** Longest audio accepted, in seconds. */
    @WithDefault("1800")
    double maxDurationSeconds();

    /** Most VAD segments per SenseVoice call. */
    @WithDefault("8")
    int maxBatch();

    /** Apply inverse text normalisation (digits, punctuation) unless a request says otherwise. */
    @WithDefault("true")
    boolean itn();

    /** PocketSphinx's command, from Debian's {@code pocketsphinx} package. */
    @WithDefault("/usr/bin/pocketsphinx_continuous")
    Path pocketsphinxBinary();

    /** Longest a PocketSphinx run may take for one segment, in seconds. */
    @WithDefault("120")
    int pocketsphinxTimeoutSeconds();
}
