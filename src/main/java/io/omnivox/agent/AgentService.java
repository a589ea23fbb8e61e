package io.omnivox.agent;

import java.awt.image.BufferedImage;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import io.omnivox.model.EngineUnavailableException;
import io.omnivox.ocr.OcrEngines;
import io.omnivox.ocr.OcrRequest;

/**
 * The agent as the rest of the application uses it: picks the chat model in use, builds (and caches) the agent over
 * it, and answers a user's message in a conversation, blocking or streaming.
 */
@ApplicationScoped
public class AgentService {

    private final ChatModels models;
    private final AgentConfig config;
    private final KnowledgeSearch knowledge;
    private final ChatMemoryStore memory;
    private final AgentTools tools;
    private final ImageDrawing drawing;
    /** Without an image generator in the application, nothing is drawn and the tool is never offered. */
    private static final ImageDrawing NO_DRAWING = new ImageDrawing() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public Picture draw(String owner, String prompt) {
            throw new IllegalStateException("no image generator");
        }
    };
    private final Map<ChatModels.Selected, Agent> agents = new ConcurrentHashMap<>();

    public AgentService(ChatModels models, AgentConfig config, Instance<KnowledgeSearch> knowledge,
            ChatMemoryStore memory, OcrEngines ocr, Instance<ImageDrawing> drawing) {
        this.models = models;
        this.config = config;
        this.knowledge = knowledge.isResolvable() ? knowledge.get() : new NoKnowledge();
        this.drawing = drawing.isResolvable() ? drawing.get() : NO_DRAWING;
        this.memory = memory;
        this.tools = new AgentTools(this.knowledge, image -> ocr.current()
                .orElseThrow(() -> new EngineUnavailableException(ocr.unavailableReason()))
                .recognize(OcrRequest.plain(image)).text(), this.drawing, ZonedDateTime::now, config.searchResults());
    }

    /**
     * A message to answer.
     *
     * @param owner          the user
     * @param conversationId the conversation whose memory to use; null for a one-off exchange
     * @param history        earlier messages the caller sends itself (used only for a one-off exchange)
     * @param text           the message
     * @param images         images attached to it
     * @param knowledgeBases knowledge bases to search; empty for all of the user's
     */
    public record Ask(String owner, String conversationId, List<ChatMessage> history, String text,
            List<BufferedImage> images, List<String> knowledgeBases) {
    }

    public AgentReply answer(Ask ask) {
        Prepared prepared = prepare(ask);
        try {
            return prepared.agent().answer(prepared.turn());
        } finally {
            prepared.forget(memory);
        }
    }

    public void stream(Ask ask, Agent.Listener listener) {
        stream(ask, listener, new java.util.concurrent.atomic.AtomicBoolean());
    }

    /** Streams an answer that setting {@code cancel} stops (see {@link Agent#stream(Turn, Agent.Listener,
     * java.util.concurrent.atomic.AtomicBoolean)}). */
    public void stream(Ask ask, Agent.Listener listener, java.util.concurrent.atomic.AtomicBoolean cancel) {
        Prepared prepared = prepare(ask);
        try {
            prepared.agent().stream(prepared.turn(), listener, cancel);
        } finally {
            prepared.forget(memory);
        }
    }

    /**
     * Replaces the last answer in a conversation's memory by the part the user heard before interrupting it, marked
     * as interrupted, so the next answer knows what was said. Adds it when the cancelled answer never reached memory.
     */
    public void keepHeardPart(String conversationId, String heard) {
        List<ChatMessage> messages = new java.util.ArrayList<>(memory.getMessages(conversationId));
        String kept = (heard.isBlank() ? "" : heard.strip() + " ") + "[interrupted by the user]";
        // drop whatever the cancelled answer left after the user's last message (text, tool calls, results)
        while (!messages.isEmpty() && !(messages.get(messages.size() - 1)
                instanceof dev.langchain4j.data.message.UserMessage)) {
            messages.remove(messages.size() - 1);
        }
        messages.add(dev.langchain4j.data.message.AiMessage.from(kept));
        memory.updateMessages(conversationId, messages);
    }

    /** The selected chat model's name, for responses. */
    public String modelName() {
        return selected().name();
    }

    private record Prepared(Agent agent, Turn turn, boolean oneOff) {
        void forget(ChatMemoryStore memory) {
            if (oneOff) {
                memory.deleteMessages(turn.conversationId());
            }
        }
    }

    private Prepared prepare(Ask ask) {
        ChatModels.Selected model = selected();
        Agent agent = agents.computeIfAbsent(model, m -> new Agent(m.blocking(), m.streaming(), tools, memory,
                new Agent.Settings(config.maxToolCalls(), config.memoryTokens(),
                        config.systemPrompt().orElse(SystemPrompt.TEXT), m.vision())));
        boolean oneOff = ask.conversationId() == null;
        String conversation = oneOff ? "one-off-" + UUID.randomUUID() : ask.conversationId();
        if (oneOff && !ask.history().isEmpty()) {
            memory.updateMessages(conversation, ask.history());
        }
        Turn turn = new Turn(ask.owner(), conversation, ask.text(), ask.knowledgeBases(), ask.images(),
                Agent.toolsFor(knowledge.hasKnowledge(ask.owner(), ask.knowledgeBases()), !ask.images().isEmpty(),
                        model.vision(), drawing.available()));
        return new Prepared(agent, turn, oneOff);
    }

    private ChatModels.Selected selected() {
        return models.current().orElseThrow(() -> new EngineUnavailableException(models.unavailableReason()));
    }
}
