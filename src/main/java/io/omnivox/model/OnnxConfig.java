package io.omnivox.model;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** ONNX Runtime settings shared by every engine. */
@ConfigMapping(prefix = "omnivox.onnx")
public interface OnnxConfig {

    /** Which devices to try. */
    enum Device {
        /** Try CUDA first and fall back to CPU, logging why. */
        AUTO,
        /** CPU only; never try CUDA. */
        CPU
    }

    /** {@code auto} tries the CUDA execution provider and falls back to CPU; {@code cpu} skips CUDA. */
    @WithDefault("auto")
    Device device();

    /** CUDA device ordinal used when the CUDA execution provider is tried. */
    @WithDefault("0")
    int cudaDeviceId();

    /** Threads inside one operator; 0 lets ONNX Runtime pick (one per physical core). */
    @WithDefault("0")
    int intraOpThreads();

    /** Threads running independent operators in parallel; 0 lets ONNX Runtime pick. */
    @WithDefault("0")
    int interOpThreads();
}
