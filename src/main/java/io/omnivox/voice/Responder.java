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

    /** A stretch of a reply and the voice that says it; a null voice is the session's. */
    record Voiced(String text, String voice) {
    }

    /**
     * Cuts a reply's sentences into what each voice says. A new one is taken for every reply, as it may follow who is
     * talking from one sentence to the next; by default the session's voice says everything.
     */
    default java.util.function.Function<String, java.util.List<Voiced>> voices() {
        return sentence -> java.util.List.of(new Voiced(sentence, null));
    }

    /** The recording this pipeline plays and lets the listener interrupt (the interactive podcast); else empty. */
    default java.util.Optional<Playlist> playlist() {
        return java.util.Optional.empty();
    }
}
