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

    /** CosyVoice's generation and flow settings. */
    CosyVoice cosyvoice();

    /** CosyVoice 2 settings; defaults are upstream's (examples/libritts/cosyvoice2/conf/cosyvoice2.yaml). */
    interface CosyVoice {

        /** Euler steps of the flow-matching ODE. */
        @WithDefault("10")
        int flowSteps();

        /** Classifier-free guidance rate r: v = (1 + r)·v_cond − r·v_uncond. */
        @WithDefault("0.7")
        double cfgRate();

        /** Speech-token sampling: top-k. */
        @WithDefault("25")
        int topK();

        /** Speech-token sampling: nucleus mass. */
        @WithDefault("0.8")
        double topP();

        /** Penalty on tokens repeated within the window (a stand-in for upstream's repetition-aware sampling). */
        @WithDefault("1.5")
        double repetitionPenalty();

        /** How many recent tokens the repetition rule looks at. */
        @WithDefault("10")
        int repetitionWindow();

        /** Seed for token sampling and flow noise, so a request can be reproduced. */
        @WithDefault("0")
        long seed();
    }

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
