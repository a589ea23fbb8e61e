package io.omnivox.agent;

import java.util.List;

/**
 * The agent's answer to one message.
 *
 * @param text       the answer
 * @param citations  the sources the answer cites (or, when it cites none, every source it was given)
 * @param voiceStyle how the answer should be spoken
 * @param toolCalls  names of the tools run, in order (calls to tools the turn does not offer are refused, not listed)
 * @param finish     why the answer ended
 */
public record AgentReply(String text, List<Citation> citations, VoiceStyle voiceStyle, List<String> toolCalls,
        Finish finish) {

    /** Why an answer ended. */
    public enum Finish {
        /** The model finished its answer. */
        STOP,
        /** The answer reached the token limit. */
        LENGTH,
        /** The model kept calling tools past the configured bound; the loop was stopped. */
        TOOL_LIMIT
    }

    public AgentReply {
        citations = List.copyOf(citations);
        toolCalls = List.copyOf(toolCalls);
    }
}
