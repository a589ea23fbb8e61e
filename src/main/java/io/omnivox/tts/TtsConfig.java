package io.omnivox.tts;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Speech synthesis settings. */
@ConfigMapping(prefix = "omnivox.tts")
public interface TtsConfig {

    /** Which engine to use. */
    enum Engine {
        /** The best installed engine: CosyVoice when its weights are present, else espeak-ng, else flite. */
        AUTO,
        /** CosyVoice 2 on ONNX only. */
        COSYVOICE,
        /** espeak-ng (Debian package {@code espeak-ng}): many languages. */
        ESPEAK_NG,
        /** flite (Debian package {@code flite}): English only, clearer. */
        FLITE
    }

    /** {@code auto}, {@code cosyvoice}, {@code espeak-ng} or {@code flite}. */
    @WithDefault("auto")
    Engine engine();

    /** Model registry name of the CosyVoice files. */
    @WithDefault("cosyvoice2")
    String model();

    /** Voice used when a request names none. */
    @WithDefault("alloy")
    String defaultVoice();

    /** Longest input text in characters (OpenAI's limit). */
    @WithDefault("4096")
    int maxInputChars();

    @WithDefault("/usr/bin/espeak-ng")
    Path espeakBinary();

    @WithDefault("/usr/bin/flite")
    Path fliteBinary();

    /** Where cloned voices are stored (prompt audio and transcript, one folder each). */
    @WithDefault("${XDG_DATA_HOME:${user.home}/.local/share}/omnivox/voices")
    Path voicesDir();

    /** Shortest voice prompt accepted, in seconds: less is too little to clone from. */
    @WithDefault("3")
    double minPromptSeconds();

    /** Longest voice prompt accepted, in seconds. */
    @WithDefault("30")
    double maxPromptSeconds();

    /** Largest voice prompt upload, in bytes. */
    @WithDefault("10485760")
    long maxPromptBytes();

    /** Longest one sentence may take to synthesise, in seconds. */
    @WithDefault("60")
    int timeoutSeconds();
}
