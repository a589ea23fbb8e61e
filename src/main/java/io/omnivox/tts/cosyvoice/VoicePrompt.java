package io.omnivox.tts.cosyvoice;

import io.omnivox.tts.VoiceCloning;

/**
 * What CosyVoice 2 conditions a voice on: the prompt's transcript (its token ids go before the text), its speech
 * tokens (after TASK_ID, and before the generated tokens in the flow encoder), its flow mel (the flow's {@code cond})
 * and its CAM++ embedding (the flow's {@code spks}). Built from audio by
 * {@link CosyVoiceSynthesizer#clone(String, io.omnivox.audio.AudioClip, String)}, or given as a preset.
 *
 * @param id           the voice id requests name
 * @param transcript   what the prompt audio says; empty for a voice without a prompt
 * @param speechTokens prompt speech tokens (25/s); empty for a voice without a prompt
 * @param mel          prompt flow mel [80, melFrames] row-major, melFrames = token_mel_ratio × speechTokens
 * @param melFrames    frames in {@code mel}
 * @param embedding    CAM++ speaker embedding, 192 values
 */
public record VoicePrompt(String id, String transcript, int[] speechTokens, float[] mel, int melFrames,
        float[] embedding) implements VoiceCloning.SpeakerVoice {

    public VoicePrompt {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a voice needs an id");
        }
        transcript = transcript == null ? "" : transcript;
        if (embedding.length != CampPlus.EMBEDDING) {
            throw new IllegalArgumentException("speaker embedding must have " + CampPlus.EMBEDDING + " values, got "
                    + embedding.length);
        }
        if (mel.length != FlowMatchingSolver.MEL_BINS * melFrames) {
            throw new IllegalArgumentException("prompt mel must be [80, " + melFrames + "], got " + mel.length);
        }
    }

    /**
     * A voice with no prompt: no transcript, no prompt tokens or mel, the given speaker embedding (e.g. a stored
     * CAM++ vector; all zeros leaves only the speaker projection's bias).
     */
    public static VoicePrompt speakerOnly(String id, float[] embedding) {
        return new VoicePrompt(id, "", new int[0], new float[0], 0, embedding);
    }
}
