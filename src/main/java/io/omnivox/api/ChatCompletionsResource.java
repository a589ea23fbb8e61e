package io.omnivox.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.omnivox.agent.Agent;
import io.omnivox.agent.AgentConfig;
import io.omnivox.agent.AgentReply;
import io.omnivox.agent.AgentService;
import io.omnivox.agent.ChatModels;
import io.omnivox.agent.Citation;
import io.omnivox.agent.ImageDrawing;
import io.omnivox.agent.ConversationService;
import io.omnivox.account.CurrentUser;
import io.omnivox.agent.chat.ContextTooLongException;
import io.omnivox.agent.chat.JsonSchemas;
import io.omnivox.model.EngineUnavailableException;
import io.omnivox.ocr.ImageLoader;
import io.omnivox.ocr.OcrConfig;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code POST /v1/chat/completions}, OpenAI-compatible. Without {@code tools} the Omnivox agent answers (its own
 * tools, memory, knowledge search, citations); with {@code tools} the chat model answers directly and its tool calls
 * go back to the caller, as OpenAI's API does. {@code stream: true} answers as server-sent events.
 */
@Path("/v1/chat/completions")
@Tag(name = "Thinking")
public class ChatCompletionsResource {

    private static final Logger LOG = Logger.getLogger(ChatCompletionsResource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgentService agent;
    private final ChatModels models;
    private final AgentConfig config;
    private final ChatMessages reader;
    private final CurrentUser user;
    private final ConversationService conversations;

    public ChatCompletionsResource(AgentService agent, ChatModels models, AgentConfig config, OcrConfig ocr,
            CurrentUser user, ConversationService conversations) {
        this.agent = agent;
        this.models = models;
        this.config = config;
        this.user = user;
        this.conversations = conversations;
        this.reader = new ChatMessages(new ImageLoader(ocr.maxPixels()), config.maxImages());
    }

    @POST
    @Blocking
    @ModelWork(Work.CHAT)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Chat completion (OpenAI-compatible)", description = "Agent answers with citations when no "
            + "'tools' are given; direct model answers with tool calls when they are. 'stream' gives SSE chunks.")
    public Response complete(OpenAiChat.Request request) {
        if (request == null) {
            throw new InvalidRequestException("body", "a JSON chat completion request is required");
        }
        if (request.messages() != null && request.messages().size() > config.maxMessages()) {
            throw new InvalidRequestException("messages", "at most " + config.maxMessages() + " messages");
        }
        List<ChatMessage> messages = reader.read(request.messages());
        boolean stream = Boolean.TRUE.equals(request.stream());
        try {
            if (request.tools() != null && !request.tools().isEmpty()) {
                return stream ? sse(out -> streamModel(request, messages, out)) : Response.ok(model(request, messages))
                        .build();
            }
            AgentService.Ask ask = ask(request, messages);
            return stream ? sse(out -> streamAgent(ask, out)) : Response.ok(agentAnswer(ask)).build();
        } catch (ContextTooLongException e) {
            throw new InvalidRequestException(413, "context-too-long", "messages", e.getMessage());
        }
    }

    private AgentService.Ask ask(OpenAiChat.Request request, List<ChatMessage> messages) {
        ChatMessages.UserInput input = reader.lastUser(request.messages());
        // the agent has its own system prompt; a caller's system messages are not instructions it takes
        List<ChatMessage> history = messages.subList(0, messages.size() - 1).stream()
                .filter(m -> !(m instanceof SystemMessage)).toList();
        String conversation = blankToNull(request.conversationId());
        if (conversation != null) {
            // the caller's own conversation or 404, before any model work
            conversation = conversations.get(user.id(), conversation).id().toString();
        }
        return new AgentService.Ask(user.id().toString(), conversation, history, input.text(), input.images(),
                request.knowledgeBases() == null ? List.of() : request.knowledgeBases());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Adds the exchange to the stored conversation's transcript, when the answer belongs to one. */
    private void record(AgentService.Ask ask, AgentReply reply) {
        if (ask.conversationId() != null) {
            conversations.record(UUID.fromString(ask.owner()), UUID.fromString(ask.conversationId()), ask.text(),
                    reply.textWithPictures());
        }
    }

    private OpenAiChat.Completion agentAnswer(AgentService.Ask ask) {
        AgentReply reply = agent.answer(ask);
        record(ask, reply);
        return new OpenAiChat.Completion(id(), "chat.completion", now(), agent.modelName(),
                List.of(new OpenAiChat.Choice(0, new OpenAiChat.AnswerMessage("assistant", reply.textWithPictures(),
                        null), finish(reply.finish()))),
                null, sources(reply.citations()), style(reply), pictures(reply));
    }

    private OpenAiChat.Completion model(OpenAiChat.Request request, List<ChatMessage> messages) {
        ChatModels.Selected selected = selected();
        ChatResponse response = selected.blocking().chat(chatRequest(request, messages));
        List<OpenAiChat.ToolCall> calls = toolCalls(response);
        String finish = calls == null ? (response.finishReason() == dev.langchain4j.model.output.FinishReason.LENGTH
                ? "length" : "stop") : "tool_calls";
        OpenAiChat.Usage usage = response.tokenUsage() == null ? null
                : new OpenAiChat.Usage(orZero(response.tokenUsage().inputTokenCount()),
                        orZero(response.tokenUsage().outputTokenCount()), orZero(response.tokenUsage().totalTokenCount()));
        return new OpenAiChat.Completion(id(), "chat.completion", now(), selected.name(),
                List.of(new OpenAiChat.Choice(0, new OpenAiChat.AnswerMessage("assistant",
                        response.aiMessage().text(), calls), finish)),
                usage, null, null, null);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private ChatRequest chatRequest(OpenAiChat.Request request, List<ChatMessage> messages) {
        List<ToolSpecification> tools = new ArrayList<>();
        for (int i = 0; i < request.tools().size(); i++) {
            OpenAiChat.Tool tool = request.tools().get(i);
            String field = "tools[" + i + "]";
            if (tool == null || !"function".equals(tool.type()) || tool.function() == null
                    || tool.function().name() == null || tool.function().name().isBlank()) {
                throw new InvalidRequestException(field, "each tool must be {type: function, function: {name, …}}");
            }
            try {
                tools.add(ToolSpecification.builder().name(tool.function().name())
                        .description(tool.function().description())
                        .parameters(JsonSchemas.parameters(tool.function().parameters())).build());
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(field + ".function.parameters", e.getMessage());
            }
        }
        Integer max = request.maxCompletionTokens() != null ? request.maxCompletionTokens() : request.maxTokens();
        if (max != null && max < 1) {
            throw new InvalidRequestException("max_tokens", "max_tokens must be at least 1");
        }
        if (request.temperature() != null && !(request.temperature() >= 0 && request.temperature() <= 2)) {
            throw new InvalidRequestException("temperature", "temperature must be between 0 and 2");
        }
        return ChatRequest.builder().messages(messages).toolSpecifications(tools).temperature(request.temperature())
                .topP(request.topP()).maxOutputTokens(max).build();
    }

    private static List<OpenAiChat.ToolCall> toolCalls(ChatResponse response) {
        if (!response.aiMessage().hasToolExecutionRequests()) {
            return null;
        }
        List<OpenAiChat.ToolCall> calls = new ArrayList<>();
        List<ToolExecutionRequest> requests = response.aiMessage().toolExecutionRequests();
        for (int i = 0; i < requests.size(); i++) {
            ToolExecutionRequest r = requests.get(i);
            calls.add(new OpenAiChat.ToolCall(i, r.id(), "function",
                    new OpenAiChat.FunctionCall(r.name(), r.arguments())));
        }
        return calls;
    }

    private ChatModels.Selected selected() {
        return models.current().orElseThrow(() -> new EngineUnavailableException(models.unavailableReason()));
    }

    // --- streaming ---------------------------------------------------------------------------------------------

    /** Writes events to the client; an {@link IOException} means the client has gone. */
    @FunctionalInterface
    private interface EventWriter {
        void write(Sse out) throws IOException;
    }

    /** OpenAI's SSE framing: {@code data: <json>} events, then {@code data: [DONE]}. */
    private static final class Sse {
        private final OutputStream out;
        private final String id = id();
        private final long created = now();

        Sse(OutputStream out) {
            this.out = out;
        }

        void chunk(String model, OpenAiChat.Delta delta, String finish, List<OpenAiChat.Source> citations,
                OpenAiChat.Style style) throws IOException {
            chunk(model, delta, finish, citations, style, null);
        }

        void chunk(String model, OpenAiChat.Delta delta, String finish, List<OpenAiChat.Source> citations,
                OpenAiChat.Style style, List<ImageDrawing.Picture> images) throws IOException {
            event(JSON.writeValueAsString(new OpenAiChat.Chunk(id, "chat.completion.chunk", created, model,
                    List.of(new OpenAiChat.ChunkChoice(0, delta, finish)), citations, style, images)));
        }

        void event(String data) throws IOException {
            out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        void done() throws IOException {
            event("[DONE]");
        }
    }

    private Response sse(EventWriter writer) {
        StreamingOutput body = out -> {
            Sse sse = new Sse(out);
            try {
                writer.write(sse);
            } catch (RuntimeException e) {
                // headers are sent: report the failure in the stream, the way OpenAI-compatible servers do
                LOG.warnf(e, "Chat stream failed");
                sse.event(JSON.writeValueAsString(java.util.Map.of("error", java.util.Map.of("message",
                        e instanceof ContextTooLongException ? e.getMessage() : "The answer failed: " + e.getMessage(),
                        "type", e instanceof EngineUnavailableException ? "engine_unavailable" : "server_error"))));
                sse.done();
            }
        };
        return Response.ok(body).type("text/event-stream").header("Cache-Control", "no-cache").build();
    }

    /** Events from the generating thread to the writing one; a {@code null} text ends the stream. */
    private record Event(OpenAiChat.Delta delta, String finish, List<OpenAiChat.Source> citations,
            OpenAiChat.Style style, Throwable error, boolean last, List<ImageDrawing.Picture> images) {

        Event(OpenAiChat.Delta delta, String finish, List<OpenAiChat.Source> citations, OpenAiChat.Style style,
                Throwable error, boolean last) {
            this(delta, finish, citations, style, error, last, null);
        }
    }

    private void streamAgent(AgentService.Ask ask, Sse out) throws IOException {
        String model = agent.modelName();
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Thread.ofVirtual().name("chat-agent").start(() -> {
            try {
                agent.stream(ask, new Agent.Listener() {
                    @Override
                    public void onText(String delta) {
                        events.add(new Event(new OpenAiChat.Delta(null, delta, null, null), null, null, null, null,
                                false));
                    }

                    @Override
                    public void onToolCall(String name, String arguments) {
                        events.add(new Event(new OpenAiChat.Delta(null, null, null,
                                new OpenAiChat.FunctionCall(name, arguments)), null, null, null, null, false));
                    }

                    @Override
                    public void onComplete(AgentReply reply) {
                        record(ask, reply);
                        String pictures = reply.textWithPictures().substring(reply.text().length());
                        if (!pictures.isEmpty()) { // the drawn pictures end the text, as in a whole answer
                            events.add(new Event(new OpenAiChat.Delta(null, pictures, null, null), null, null, null,
                                    null, false));
                        }
                        events.add(new Event(new OpenAiChat.Delta(null, null, null, null), finish(reply.finish()),
                                sources(reply.citations()), style(reply), null, true, pictures(reply)));
                    }

                    @Override
                    public void onError(Throwable error) {
                        events.add(new Event(null, null, null, null, error, true));
                    }
                });
            } catch (RuntimeException e) {
                events.add(new Event(null, null, null, null, e, true));
            }
        });
        out.chunk(model, new OpenAiChat.Delta("assistant", "", null, null), null, null, null);
        drain(events, model, out);
    }

    private void streamModel(OpenAiChat.Request request, List<ChatMessage> messages, Sse out) throws IOException {
        ChatModels.Selected selected = selected();
        ChatRequest chatRequest = chatRequest(request, messages);
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Thread.ofVirtual().name("chat-model").start(() -> {
            try {
                selected.streaming().chat(chatRequest, new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String partial) {
                        events.add(new Event(new OpenAiChat.Delta(null, partial, null, null), null, null, null, null,
                                false));
                    }

                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        List<OpenAiChat.ToolCall> calls = toolCalls(response);
                        if (calls != null) {
                            events.add(new Event(new OpenAiChat.Delta(null, null, calls, null), null, null, null, null,
                                    false));
                        }
                        events.add(new Event(new OpenAiChat.Delta(null, null, null, null),
                                calls != null ? "tool_calls" : "stop", null, null, null, true));
                    }

                    @Override
                    public void onError(Throwable error) {
                        events.add(new Event(null, null, null, null, error, true));
                    }
                });
            } catch (RuntimeException e) {
                events.add(new Event(null, null, null, null, e, true));
            }
        });
        out.chunk(selected.name(), new OpenAiChat.Delta("assistant", "", null, null), null, null, null);
        drain(events, selected.name(), out);
    }

    private static void drain(BlockingQueue<Event> events, String model, Sse out) throws IOException {
        while (true) {
            Event event;
            try {
                event = events.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (event.error() != null) {
                throw event.error() instanceof RuntimeException r ? r : new IllegalStateException(event.error());
            }
            out.chunk(model, event.delta(), event.finish(), event.citations(), event.style(), event.images());
            if (event.last()) {
                out.done();
                return;
            }
        }
    }

    // --- shared ------------------------------------------------------------------------------------------------

    static String finish(AgentReply.Finish finish) {
        return switch (finish) {
            case STOP -> "stop";
            case LENGTH, TOOL_LIMIT -> "length";
        };
    }

    /** The pictures the agent drew, or null (left out of the JSON) when it drew none. */
    private static List<ImageDrawing.Picture> pictures(AgentReply reply) {
        return reply.pictures().isEmpty() ? null : reply.pictures();
    }

    static List<OpenAiChat.Source> sources(List<Citation> citations) {
        return citations.stream().map(c -> new OpenAiChat.Source(c.index(), c.passage().documentId(),
                c.passage().title(), c.passage().page(), c.passage().section(), c.passage().score(),
                c.passage().text())).toList();
    }

    private static OpenAiChat.Style style(AgentReply reply) {
        return new OpenAiChat.Style(reply.voiceStyle().emotion(), reply.voiceStyle().speed());
    }

    private static String id() {
        return "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
