package io.omnivox.api;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import io.omnivox.ocr.ImageLoader;

/**
 * Reads OpenAI-style chat messages into LangChain4j messages, checking each field and naming the one that is wrong
 * ({@code messages[2].role}). Images are accepted only inline as {@code data:} URLs: the server never fetches a URL
 * a caller gives it.
 */
final class ChatMessages {

    /** A user message's parts. */
    record UserInput(String text, List<BufferedImage> images) {
    }

    private final ImageLoader images;
    private final int maxImages;

    ChatMessages(ImageLoader images, int maxImages) {
        this.images = images;
        this.maxImages = maxImages;
    }

    List<ChatMessage> read(List<OpenAiChat.Message> messages) {
        if (messages == null || messages.isEmpty()) {
            throw new InvalidRequestException("messages", "at least one message is required");
        }
        List<ChatMessage> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            out.add(read(messages.get(i), "messages[" + i + "]"));
        }
        return out;
    }

    private ChatMessage read(OpenAiChat.Message message, String field) {
        if (message == null || message.role() == null) {
            throw new InvalidRequestException(field + ".role", "each message needs a role");
        }
        return switch (message.role()) {
            case "system", "developer" -> SystemMessage.from(text(message.content(), field));
            case "user" -> UserMessage.from(text(message.content(), field));
            case "assistant" -> assistant(message, field);
            case "tool" -> {
                if (message.toolCallId() == null || message.toolCallId().isBlank()) {
                    throw new InvalidRequestException(field + ".tool_call_id", "a tool message needs tool_call_id");
                }
                yield ToolExecutionResultMessage.from(message.toolCallId(),
                        message.name() == null ? "" : message.name(), text(message.content(), field));
            }
            default -> throw new InvalidRequestException(field + ".role", "role must be system, developer, user,"
                    + " assistant or tool; got '" + message.role() + "'");
        };
    }

    private static ChatMessage assistant(OpenAiChat.Message message, String field) {
        String text = message.content() == null || message.content().isNull() ? null : text(message.content(), field);
        if (message.toolCalls() == null || message.toolCalls().isEmpty()) {
            return AiMessage.from(text == null ? "" : text);
        }
        List<ToolExecutionRequest> calls = new ArrayList<>();
        for (int i = 0; i < message.toolCalls().size(); i++) {
            OpenAiChat.ToolCall call = message.toolCalls().get(i);
            if (call == null || call.id() == null || call.function() == null || call.function().name() == null) {
                throw new InvalidRequestException(field + ".tool_calls[" + i + "]",
                        "a tool call needs an id and function.name");
            }
            calls.add(ToolExecutionRequest.builder().id(call.id()).name(call.function().name())
                    .arguments(call.function().arguments() == null ? "{}" : call.function().arguments()).build());
        }
        return AiMessage.builder().text(text).toolExecutionRequests(calls).build();
    }

    /** The text of a message's content: a string, or the text parts of an array joined by newlines. */
    private static String text(JsonNode content, String field) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw new InvalidRequestException(field + ".content", "content must be a string or an array of parts");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(part.path("text").asText());
            }
        }
        return text.toString();
    }

    /** The last message as the user's input: its text and decoded images. */
    UserInput lastUser(List<OpenAiChat.Message> messages) {
        int last = messages.size() - 1;
        OpenAiChat.Message message = messages.get(last);
        String field = "messages[" + last + "]";
        if (!"user".equals(message.role())) {
            throw new InvalidRequestException(field + ".role", "the last message must come from the user");
        }
        List<BufferedImage> decoded = new ArrayList<>();
        JsonNode content = message.content();
        if (content != null && content.isArray()) {
            for (int i = 0; i < content.size(); i++) {
                JsonNode part = content.get(i);
                String type = part.path("type").asText();
                if ("image_url".equals(type)) {
                    decoded.add(image(part.path("image_url").path("url").asText(), field + ".content[" + i + "]"));
                } else if (!"text".equals(type)) {
                    throw new InvalidRequestException(field + ".content[" + i + "].type",
                            "content parts must be text or image_url; got '" + type + "'");
                }
            }
        }
        if (decoded.size() > maxImages) {
            throw new InvalidRequestException(field + ".content", "at most " + maxImages + " images per message");
        }
        String text = text(content, field);
        if (text.isBlank() && decoded.isEmpty()) {
            throw new InvalidRequestException(field + ".content", "the message is empty");
        }
        return new UserInput(text, decoded);
    }

    private BufferedImage image(String url, String field) {
        int comma = url.indexOf(',');
        if (!url.startsWith("data:image/") || comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
            throw new InvalidRequestException(field + ".image_url.url", "images must be inline base64 data URLs "
                    + "(data:image/png;base64,…); the server does not fetch remote URLs");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(url.substring(comma + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field + ".image_url.url", "the image's base64 data is malformed");
        }
        return images.load(new ByteArrayInputStream(bytes));
    }
}
