package io.omnivox.tts;

/**
 * A voice a client can ask for.
 *
 * @param id       stable id, e.g. {@code alloy} or {@code en-us}
 * @param name     display name
 * @param language main language code, e.g. {@code en}
 * @param engine   the engine that speaks it
 */
public record VoiceInfo(String id, String name, String language, String engine) {
}
