package io.omnivox.asr;

import io.omnivox.audio.AudioClip;

/**
 * One utterance to recognise.
 *
 * @param audio    16 kHz mono audio
 * @param language the spoken language, or {@link Language#AUTO} to detect it
 * @param itn      inverse text normalisation: digits and punctuation ("twenty one" becomes "21")
 */
public record RecognitionRequest(AudioClip audio, Language language, boolean itn) {

    public static final int SAMPLE_RATE = 16_000;

    public RecognitionRequest {
        if (audio.sampleRate() != SAMPLE_RATE) {
            throw new IllegalArgumentException("speech recognition takes 16 kHz audio, got " + audio.sampleRate() + " Hz");
        }
    }
}
