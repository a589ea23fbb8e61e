package io.omnivox.agent.chat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.internal.JsonSchemaElementUtils;

/**
 * Qwen2.5-Instruct's ChatML conversation format with its function-calling convention, as text for the tokenizer:
 * <ul>
 * <li>every turn is {@code <|im_start|>role\n…<|im_end|>\n}; the prompt ends with an open assistant turn;</li>
 * <li>with tools, the system turn gains a {@code # Tools} section listing each tool as one JSON line inside
 * {@code <tools></tools>} and asking for calls as {@code <tool_call>{"name": …, "arguments": …}</tool_call>};</li>
 * <li>an assistant's tool calls follow its text, one {@code <tool_call>} block each; tool results go back in a user
 * turn as {@code <tool_response>} blocks, consecutive results sharing one turn.</li>
 * </ul>
 * Text from users, documents and tools is data: control markers inside it ({@code <|im_start|>}, {@code <tool_call>}
 * and the like) are broken with a word joiner so the tokenizer cannot read them as turn or tool boundaries, so a
 * passage cannot forge a system turn or a tool call.
 */
public final class QwenChatTemplate {

    /** Qwen's own default system prompt, used when the conversation has none. */
    public static final String DEFAULT_SYSTEM = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";
    public static final String IM_START = "<|im_start|>";
    public static final String IM_END = "<|im_end|>";
    public static final String END_OF_TEXT = "<|endoftext|>";
    public static final String TOOL_CALL_OPEN = "<tool_call>";
    public static final String TOOL_CALL_CLOSE = "</tool_call>";

    /** U+2060 WORD JOINER: invisible, and not part of any control marker. */
    private static final String JOINER = "\u2060";
    private static final List<String> MARKERS = List.of("<|", "<tool_call>", "</tool_call>", "<tool_response>",
            "</tool_response>", "<tools>", "</tools>");

    private static final ObjectMapper JSON = new ObjectMapper();

    private QwenChatTemplate() {
    }

    /** The prompt text for {@code messages} and the tools offered, ending with an open assistant turn. */
    public static String render(List<ChatMessage> messages, List<ToolSpecification> tools) {
        StringBuilder out = new StringBuilder();
        List<ChatMessage> rest = new ArrayList<>(messages);
        String system = DEFAULT_SYSTEM;
        if (!rest.isEmpty() && rest.get(0) instanceof SystemMessage first) {
            system = first.text();
            rest.remove(0);
        }
        turn(out, "system", neutralise(system) + toolSection(tools));
        for (int i = 0; i < rest.size(); i++) {
            ChatMessage message = rest.get(i);
            switch (message) {
                case UserMessage user -> turn(out, "user", neutralise(text(user)));
                case AiMessage ai -> turn(out, "assistant", assistant(ai));
                case ToolExecutionResultMessage ignored -> i = toolResponses(out, rest, i);
                case SystemMessage later -> turn(out, "system", neutralise(later.text()));
                default -> throw new IllegalArgumentException("Unsupported message type " + message.type());
            }
        }
        out.append(IM_START).append("assistant\n");
        return out.toString();
    }

    /** {@code text} with every control marker broken, so it tokenises as plain text. */
    public static String neutralise(String text) {
        if (text == null || text.indexOf('<') < 0) {
            return text == null ? "" : text;
        }
        String safe = text;
        for (String marker : MARKERS) {
            safe = safe.replace(marker, marker.charAt(0) + JOINER + marker.substring(1));
        }
        return safe;
    }

    private static void turn(StringBuilder out, String role, String content) {
        out.append(IM_START).append(role).append('\n').append(content).append(IM_END).append('\n');
    }

    private static String toolSection(List<ToolSpecification> tools) {
        if (tools == null || tools.isEmpty()) {
            return "";
        }
        StringBuilder section = new StringBuilder("\n\n# Tools\n\nYou may call one or more functions to assist with"
                + " the user query.\n\nYou are provided with function signatures within <tools></tools> XML tags:\n"
                + "<tools>");
        for (ToolSpecification tool : tools) {
            section.append('\n').append(json(toolJson(tool)));
        }
        section.append("\n</tools>\n\nFor each function call, return a json object with function name and arguments"
                + " within <tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\":"
                + " <args-json-object>}\n</tool_call>");
        return section.toString();
    }

    /** The OpenAI-style function description Qwen was trained on. */
    static Map<String, Object> toolJson(ToolSpecification tool) {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", tool.name());
        if (tool.description() != null) {
            function.put("description", tool.description());
        }
        function.put("parameters", tool.parameters() == null ? Map.of("type", "object", "properties", Map.of())
                : JsonSchemaElementUtils.toMap(tool.parameters()));
        Map<String, Object> wrapper = new LinkedHashMap<>();
        wrapper.put("type", "function");
        wrapper.put("function", function);
        return wrapper;
    }

    private static String assistant(AiMessage ai) {
        StringBuilder content = new StringBuilder(ai.text() == null ? "" : neutralise(ai.text()));
        if (ai.hasToolExecutionRequests()) {
            for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                if (!content.isEmpty()) {
                    content.append('\n');
                }
                content.append(TOOL_CALL_OPEN).append("\n{\"name\": ").append(json(call.name()))
                        .append(", \"arguments\": ").append(arguments(call.arguments())).append("}\n")
                        .append(TOOL_CALL_CLOSE);
            }
        }
        return content.toString();
    }

    /** Writes consecutive tool results from {@code start} as one user turn; returns the index of the last one. */
    private static int toolResponses(StringBuilder out, List<ChatMessage> messages, int start) {
        StringBuilder content = new StringBuilder();
        int i = start;
        while (i < messages.size() && messages.get(i) instanceof ToolExecutionResultMessage result) {
            if (i > start) {
                content.append('\n');
            }
            content.append("<tool_response>\n").append(neutralise(result.text())).append("\n</tool_response>");
            i++;
        }
        turn(out, "user", content.toString());
        return i - 1;
    }

    private static String text(UserMessage user) {
        StringBuilder text = new StringBuilder();
        for (Content content : user.contents()) {
            if (content instanceof TextContent part) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(part.text());
            }
        }
        return text.toString();
    }

    /** Arguments as a JSON object; a model's malformed arguments are passed on as a JSON string. */
    private static String arguments(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return "{}";
        }
        try {
            return json(JSON.readTree(arguments));
        } catch (JsonProcessingException e) {
            return json(arguments);
        }
    }

    /** JSON on one line with {@code ", "} and {@code ": "} separators, as Python's {@code json.dumps} writes it. */
    static String json(Object value) {
        try {
            return JSON.writer(new PythonSeparators()).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON for the prompt", e);
        }
    }

    /** The separators the template's {@code tojson} filter writes; the model saw exactly these in training. */
    private static final class PythonSeparators extends MinimalPrettyPrinter {
        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }
}
