package io.omnivox.model;

/**
 * What one capability engine is running on, for health and the UI.
 *
 * @param capability e.g. {@code asr}
 * @param engine     the implementation in use, e.g. {@code sensevoice-onnx} or {@code pocketsphinx}
 * @param state      {@code ready}, {@code fallback}, {@code weights missing} or {@code disabled}
 * @param detail     why, in a sentence (e.g. which file is missing)
 */
public record EngineStatus(String capability, String engine, String state, String detail) {
}
