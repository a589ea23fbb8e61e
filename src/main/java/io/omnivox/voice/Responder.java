package io.omnivox.voice;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.omnivox.asr.Transcript;

/** Writes the reply to a finished turn as streamed text: the agent for conversation, a translator for translation. */
public interface Responder {

    /** What came out, once the reply is complete. */
    record Result(String text, String emotion, double speed) {
    }

    /**
     * Streams the reply to {@code heard}, text deltas to {@code text}, until done or {@code cancel} is set; blocks.
     *
     * @return the whole reply and the voice style it asks for
     */
    Result reply(Transcript heard, Consumer<String> text, AtomicBoolean cancel);

    /**
     * Whether the reply should be spoken in the user's own voice, cloned from what they said, when the speech engine
     * can clone (the pipeline's TTS stage names {@code voice: speaker}); the session's voice otherwise.
     */
    default boolean speaksInUsersVoice() {
        return false;
    }
}
