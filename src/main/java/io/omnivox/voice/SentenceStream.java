package io.omnivox.voice;

import java.util.ArrayList;
import java.util.List;

import io.omnivox.tts.text.SentenceSplitter;

/**
 * Turns the agent's text, arriving token by token, into sentences for speech as soon as each one is complete, so the
 * first sentence is being spoken while the model is still writing the rest. A sentence counts as complete when the
 * splitter finds another piece after it; the last piece waits for more text or for {@link #flush()}.
 * Not thread-safe: one reply, one thread.
 */
public final class SentenceStream {

    private final SentenceSplitter splitter;
    private final StringBuilder pending = new StringBuilder();

    public SentenceStream(SentenceSplitter splitter) {
        this.splitter = splitter;
    }

    /** Adds text; returns the sentences it completes, in order (often none). */
    public List<String> accept(String delta) {
        pending.append(delta);
        List<String> pieces = splitter.split(pending.toString());
        if (pieces.size() < 2) {
            return List.of();
        }
        List<String> complete = new ArrayList<>(pieces.subList(0, pieces.size() - 1));
        String last = pieces.get(pieces.size() - 1);
        // keep the unfinished tail as written (with its trailing space, which may end a word)
        int tail = pending.lastIndexOf(last.strip());
        String rest = tail >= 0 ? pending.substring(tail) : last;
        pending.setLength(0);
        pending.append(rest);
        return complete;
    }

    /** The rest, once the reply's text is complete. */
    public List<String> flush() {
        List<String> rest = splitter.split(pending.toString());
        pending.setLength(0);
        return rest;
    }
}
