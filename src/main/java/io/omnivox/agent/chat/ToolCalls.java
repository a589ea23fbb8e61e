package io.omnivox.agent.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.agent.tool.ToolExecutionRequest;

/**
 * Reads the tool calls out of a Qwen-style completion: each {@code <tool_call>{"name": …, "arguments": {…}}</tool_call>}
 * block becomes a {@link ToolExecutionRequest}; the text outside the blocks is the message text. A block whose JSON
 * cannot be read stays in the text, so nothing the model wrote is silently lost.
 */
public final class ToolCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A completion split into its parts.
     *
     * @param text  the text outside tool-call blocks, trimmed
     * @param calls the calls, in the order written
     */
    public record Parsed(String text, List<ToolExecutionRequest> calls) {
        public Parsed {
            calls = List.copyOf(calls);
        }
    }

    private ToolCalls() {
    }

    public static Parsed parse(String completion) {
        StringBuilder text = new StringBuilder();
        List<ToolExecutionRequest> calls = new ArrayList<>();
        int at = 0;
        while (true) {
            int open = completion.indexOf(QwenChatTemplate.TOOL_CALL_OPEN, at);
            if (open < 0) {
                text.append(completion, at, completion.length());
                break;
            }
            int bodyStart = open + QwenChatTemplate.TOOL_CALL_OPEN.length();
            int close = completion.indexOf(QwenChatTemplate.TOOL_CALL_CLOSE, bodyStart);
            // a block cut off by the token limit still counts when its JSON is complete
            int bodyEnd = close < 0 ? completion.length() : close;
            ToolExecutionRequest call = call(completion.substring(bodyStart, bodyEnd));
            int next = close < 0 ? completion.length() : close + QwenChatTemplate.TOOL_CALL_CLOSE.length();
            if (call == null) {
                text.append(completion, at, next);
            } else {
                text.append(completion, at, open);
                calls.add(call);
            }
            at = next;
        }
        return new Parsed(text.toString().strip(), calls);
    }

    private static ToolExecutionRequest call(String body) {
        try {
            JsonNode node = JSON.readTree(body.strip());
            if (node == null || !node.isObject() || !node.path("name").isTextual()) {
                return null;
            }
            JsonNode arguments = node.path("arguments");
            String args = arguments.isMissingNode() || arguments.isNull() ? "{}"
                    : arguments.isTextual() ? arguments.asText() : JSON.writeValueAsString(arguments);
            return ToolExecutionRequest.builder().id("call_" + UUID.randomUUID().toString().replace("-", ""))
                    .name(node.path("name").asText()).arguments(args).build();
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * Streams the text part of a completion while it is generated: text is passed on as it arrives, except that
     * everything from a {@code <tool_call>} on is held back (the calls are parsed at the end), and a trailing piece
     * that could still become {@code <tool_call>} waits for the next delta.
     */
    public static final class TextFilter {
        private final StringBuilder pending = new StringBuilder();
        private boolean inCall;

        /** Adds a delta; returns the text that can be shown now (possibly empty). */
        public String accept(String delta) {
            if (inCall) {
                return "";
            }
            pending.append(delta);
            int open = pending.indexOf(QwenChatTemplate.TOOL_CALL_OPEN);
            if (open >= 0) {
                inCall = true;
                String shown = pending.substring(0, open);
                pending.setLength(0);
                return shown;
            }
            int keep = partialMarkerLength(pending);
            String shown = pending.substring(0, pending.length() - keep);
            pending.delete(0, pending.length() - keep);
            return shown;
        }

        /** The held-back text once generation ended without a tool call. */
        public String flush() {
            String rest = inCall ? "" : pending.toString();
            pending.setLength(0);
            return rest;
        }

        /** Length of the longest suffix of {@code text} that is a proper prefix of {@code <tool_call>}. */
        private static int partialMarkerLength(CharSequence text) {
            String marker = QwenChatTemplate.TOOL_CALL_OPEN;
            for (int len = Math.min(marker.length() - 1, text.length()); len > 0; len--) {
                if (marker.startsWith(text.subSequence(text.length() - len, text.length()).toString())) {
                    return len;
                }
            }
            return 0;
        }
    }
}
