package io.omnivox.agent;

/**
 * How the spoken reply should sound, as the agent chose it with {@code set_voice_style}.
 *
 * @param emotion e.g. {@code neutral}, {@code happy}, {@code sad}, {@code calm}
 * @param speed   1.0 is normal
 */
public record VoiceStyle(String emotion, double speed) {

    public static final VoiceStyle NEUTRAL = new VoiceStyle("neutral", 1.0);
}
