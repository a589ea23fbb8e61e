package io.omnivox.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** The wire shapes of OpenAI's Chat Completions API that {@code /v1/chat/completions} speaks, plus our extensions. */
public final class OpenAiChat {

    private OpenAiChat() {
    }

    /**
     * A chat completion request. Extensions: {@code conversation_id} (answer inside a stored conversation, whose
     * memory replaces the history in {@code messages}) and {@code knowledge_bases} (which of the user's knowledge
     * bases the agent may search; all when absent).
     */
    public record Request(String model, List<Message> messages, Boolean stream, Double temperature,
            @JsonProperty("top_p") Double topP, @JsonProperty("max_tokens") Integer maxTokens,
            @JsonProperty("max_completion_tokens") Integer maxCompletionTokens, List<Tool> tools,
            @JsonProperty("tool_choice") JsonNode toolChoice, String user,
            @JsonProperty("conversation_id") String conversationId,
            @JsonProperty("knowledge_bases") List<String> knowledgeBases) {
    }

    /** {@code content} is a string or an array of {@code text} / {@code image_url} parts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(String role, JsonNode content, String name,
            @JsonProperty("tool_calls") List<ToolCall> toolCalls, @JsonProperty("tool_call_id") String toolCallId) {
    }

    public record Tool(String type, Function function) {
    }

    public record Function(String name, String description, Map<String, Object> parameters) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ToolCall(Integer index, String id, String type, FunctionCall function) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FunctionCall(String name, String arguments) {
    }

    /**
     * A whole answer. {@code citations}, {@code voice_style} and {@code images} (pictures the agent drew, also in the
     * content as Markdown images) are Omnivox extensions (agent answers only).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Completion(String id, String object, long created, String model, List<Choice> choices, Usage usage,
            List<Source> citations, @JsonProperty("voice_style") Style voiceStyle,
            List<io.omnivox.agent.ImageDrawing.Picture> images) {
    }

    public record Choice(int index, AnswerMessage message, @JsonProperty("finish_reason") String finishReason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AnswerMessage(String role, String content, @JsonProperty("tool_calls") List<ToolCall> toolCalls) {
    }

    public record Usage(@JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("completion_tokens") int completionTokens, @JsonProperty("total_tokens") int totalTokens) {
    }

    /** A source the answer cites as {@code [index]}. */
    public record Source(int index, @JsonProperty("document_id") String documentId, String title, int page,
            String section, double score, String text) {
    }

    public record Style(String emotion, double speed) {
    }

    /** One streamed event. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Chunk(String id, String object, long created, String model, List<ChunkChoice> choices,
            List<Source> citations, @JsonProperty("voice_style") Style voiceStyle,
            List<io.omnivox.agent.ImageDrawing.Picture> images) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ChunkChoice(int index, Delta delta, @JsonProperty("finish_reason") String finishReason) {
    }

    /** {@code omnivox_tool} (extension): a tool the agent is running on the server, for progress display. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(String role, String content, @JsonProperty("tool_calls") List<ToolCall> toolCalls,
            @JsonProperty("omnivox_tool") FunctionCall omnivoxTool) {
    }
}
