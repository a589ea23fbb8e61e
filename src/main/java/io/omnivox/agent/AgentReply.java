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
 * @param pictures   pictures the generate_image tool drew for the answer, in order
 */
public record AgentReply(String text, List<Citation> citations, VoiceStyle voiceStyle, List<String> toolCalls,
        Finish finish, List<ImageDrawing.Picture> pictures) {

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
        pictures = List.copyOf(pictures);
    }

    /**
     * The answer as the conversation keeps it and plain clients show it: the text, then each picture drawn for it as
     * a Markdown image of its URL (the UI shows these inline).
     */
    public String textWithPictures() {
        StringBuilder out = new StringBuilder(text);
        for (ImageDrawing.Picture picture : pictures) {
            out.append(out.isEmpty() ? "" : "\n\n").append("![").append(picture.prompt().replaceAll("[\\[\\]\\n]", " "))
                    .append("](").append(picture.url()).append(')');
        }
        return out.toString();
    }
}
