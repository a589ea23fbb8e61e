package io.omnivox.tts;

/**
 * What to say, in which voice and style.
 *
 * @param text  the text, possibly with non-verbal markup ({@code [laughter]}, {@code [breath]}, {@code <strong>})
 * @param voice a voice id the engine or the voice store knows
 * @param style emotion, speed, pitch, instruction
 */
public record SynthesisRequest(String text, String voice, SpeechStyle style) {
}
