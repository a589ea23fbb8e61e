package io.omnivox.model;

/** Where ONNX Runtime executes a session. */
public enum ExecutionProvider {
    /** NVIDIA GPU through the CUDA execution provider (needs the {@code onnxruntime_gpu} artifact, CUDA 12, cuDNN 9). */
    CUDA,
    /** The default CPU execution provider, always available. */
    CPU
}
