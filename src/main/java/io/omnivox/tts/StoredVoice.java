package io.omnivox.tts;

import java.time.Instant;

/**
 * A voice cloned from a user's recording: the prompt audio (16 kHz WAV next to this record) and its transcript, which
 * zero-shot engines condition on.
 *
 * @param id              stable id, {@code voice-} + random
 * @param name            display name given at upload
 * @param transcript      what the prompt audio says (given, or from speech recognition)
 * @param transcriptFrom  {@code user} or the ASR engine that produced it
 * @param durationSeconds prompt length
 * @param owner           the user who uploaded it
 * @param created         when it was stored
 */
public record StoredVoice(String id, String name, String transcript, String transcriptFrom, double durationSeconds,
        String owner, Instant created) {
}
