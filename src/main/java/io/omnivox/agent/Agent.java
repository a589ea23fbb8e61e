package io.omnivox.agent;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.chat.TokenWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;

/**
 * The agent: a LangChain4j AI service over one chat model, with the Omnivox tools, a token-window memory per
 * conversation kept in a {@link ChatMemoryStore}, and a bound on tool calls per message. Thread-safe.
 */
public final class Agent {

    /**
     * Limits and prompt.
     *
     * @param maxToolCalls most tool calls for one message
     * @param memoryTokens conversation memory kept in the prompt
     * @param systemPrompt the instructions
     * @param vision       whether the chat model takes images itself (otherwise they are read with OCR)
     */
    public record Settings(int maxToolCalls, int memoryTokens, String systemPrompt, boolean vision) {
    }

    /** Receives a streamed answer, in order, on the generating thread. */
    public interface Listener {
        void onText(String delta);

        default void onToolCall(String name, String arguments) {
        }

        void onComplete(AgentReply reply);

        void onError(Throwable error);
    }

    private static final Pattern CITE = Pattern.compile("\\[(\\d{1,3})]");

    private final Assistant assistant;
    private final Settings settings;

    public Agent(ChatModel chat, StreamingChatModel streaming, AgentTools tools, ChatMemoryStore memory,
            Settings settings) {
        this.settings = settings;
        this.assistant = AiServices.builder(Assistant.class).chatModel(chat).streamingChatModel(streaming)
                .systemMessageProvider(id -> settings.systemPrompt())
                .toolProvider(new AgentToolProvider(tools))
                .maxToolCallingRoundTrips(settings.maxToolCalls())
                .hallucinatedToolNameStrategy(call -> ToolExecutionResultMessage.from(call, "There is no tool named \""
                        + call.name() + "\" in this conversation; answer with the tools you were given."))
                .chatMemoryProvider(id -> TokenWindowChatMemory.builder().id(id)
                        .maxTokens(settings.memoryTokens(), new ApproximateTokenCount()).chatMemoryStore(memory)
                        .build())
                .build();
    }

    /** The tools a turn may use, given what the user sent and has. */
    public static Set<String> toolsFor(boolean hasKnowledge, boolean hasImages, boolean vision, boolean canDraw) {
        Set<String> tools = new LinkedHashSet<>();
        tools.add(AgentTools.CURRENT_TIME);
        tools.add(AgentTools.SET_VOICE_STYLE);
        if (canDraw) {
            tools.add(AgentTools.GENERATE_IMAGE);
        }
        if (hasKnowledge) {
            tools.add(AgentTools.SEARCH_KNOWLEDGE);
        }
        if (hasImages && !vision) {
            tools.add(AgentTools.READ_IMAGE);
        }
        return tools;
    }

    /** Answers one message. */
    public AgentReply answer(Turn turn) {
        List<String> calls = new ArrayList<>();
        try {
            Result<String> result = assistant.chat(turn.conversationId(), message(turn), turn.parameters());
            result.toolExecutions().stream().map(e -> e.request().name())
                    .filter(turn.allowedTools()::contains).forEach(calls::add);
            AgentReply.Finish finish = result.finishReason() == FinishReason.LENGTH ? AgentReply.Finish.LENGTH
                    : AgentReply.Finish.STOP;
            return reply(turn, result.content(), calls, finish);
        } catch (RuntimeException e) {
            if (isToolLimit(turn, e)) {
                return toolLimitReply(turn, calls);
            }
            throw e;
        }
    }

    /** Streams the answer to one message; returns when generation has finished or failed. */
    public void stream(Turn turn, Listener listener) {
        stream(turn, listener, new AtomicBoolean());
    }

    /**
     * Streams the answer; setting {@code cancel} stops generation at the next token (a barge-in, a closed socket).
     * After a cancellation no more text reaches the listener.
     */
    public void stream(Turn turn, Listener listener, AtomicBoolean cancel) {
        List<String> calls = new CopyOnWriteArrayList<>();
        TokenStream stream = assistant.stream(turn.conversationId(), message(turn), turn.parameters());
        stream.onPartialResponseWithContext((partial, context) -> {
            if (cancel.get()) {
                context.streamingHandle().cancel();
                return;
            }
            listener.onText(partial.text());
        })
                .beforeToolExecution(before -> listener.onToolCall(before.request().name(),
                        before.request().arguments()))
                .onToolExecuted(execution -> {
                    if (turn.allowedTools().contains(execution.request().name())) {
                        calls.add(execution.request().name());
                    }
                })
                .onCompleteResponse(response -> listener.onComplete(reply(turn, response.aiMessage().text(), calls,
                        response.finishReason() == FinishReason.LENGTH ? AgentReply.Finish.LENGTH
                                : AgentReply.Finish.STOP)))
                .onError(error -> {
                    if (isToolLimit(turn, error)) {
                        listener.onComplete(toolLimitReply(turn, calls));
                    } else {
                        listener.onError(error);
                    }
                })
                .start();
    }

    private AgentReply toolLimitReply(Turn turn, List<String> calls) {
        return reply(turn, "I could not finish this answer: it needed more than " + settings.maxToolCalls()
                + " tool steps. Please ask a narrower question.", calls, AgentReply.Finish.TOOL_LIMIT);
    }

    /**
     * Whether LangChain4j stopped the tool loop at the bound: it throws a plain runtime exception saying it
     * "exceeded" the limit (the wording changes between versions), after at least as many tool runs as the bound.
     */
    private boolean isToolLimit(Turn turn, Throwable error) {
        if (turn.toolRuns() < settings.maxToolCalls()) {
            return false;
        }
        for (Throwable e = error; e != null; e = e.getCause()) {
            String message = e.getMessage();
            if (message != null && message.contains("exceeded")) {
                return true;
            }
        }
        return false;
    }

    private UserMessage message(Turn turn) {
        List<Content> contents = new ArrayList<>();
        String text = turn.text();
        if (!turn.images().isEmpty() && !settings.vision()) {
            text += "\n\n(The user attached " + turn.images().size() + " image(s); read_image reads their text.)";
        }
        contents.add(TextContent.from(text));
        if (settings.vision()) {
            turn.images().forEach(image -> contents.add(ImageContent.from(png(image), "image/png")));
        }
        return UserMessage.from(contents);
    }

    private static String png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static AgentReply reply(Turn turn, String text, List<String> calls, AgentReply.Finish finish) {
        String answer = text == null ? "" : text.strip();
        return new AgentReply(answer, cited(answer, turn.citations()), turn.voiceStyle(), calls, finish,
                turn.pictures());
    }

    /** The citations the answer refers to by number; all of them when it refers to none. */
    static List<Citation> cited(String answer, List<Citation> all) {
        List<Citation> cited = new ArrayList<>();
        Matcher m = CITE.matcher(answer);
        while (m.find()) {
            int index = Integer.parseInt(m.group(1));
            all.stream().filter(c -> c.index() == index && !cited.contains(c)).findFirst().ifPresent(cited::add);
        }
        return cited.isEmpty() ? all : cited;
    }
}
