package io.omnivox.tts;

/**
 * How to say it.
 *
 * @param emotion     e.g. {@code neutral}, {@code happy}, {@code sad}; engines without emotion control ignore it
 * @param speed       speaking rate, 1.0 normal, 0.25 to 4.0 (OpenAI's range)
 * @param pitch       pitch shift in semitones, 0 normal
 * @param instruction free-form style instruction for instruct-capable engines (CosyVoice), may be empty
 */
public record SpeechStyle(String emotion, double speed, double pitch, String instruction) {

    public static final SpeechStyle NEUTRAL = new SpeechStyle("neutral", 1.0, 0, "");

    public SpeechStyle {
        if (!(speed >= 0.25 && speed <= 4.0)) {
            throw new IllegalArgumentException("speed must be between 0.25 and 4.0, got " + speed);
        }
        emotion = emotion == null || emotion.isBlank() ? "neutral" : emotion;
        instruction = instruction == null ? "" : instruction;
    }

    public SpeechStyle withSpeed(double newSpeed) {
        return new SpeechStyle(emotion, newSpeed, pitch, instruction);
    }
}
