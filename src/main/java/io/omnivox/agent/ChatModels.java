package io.omnivox.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.omnivox.agent.chat.OnnxChatModel;
import io.omnivox.model.EngineReporter;
import io.omnivox.model.EngineStatus;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.registry.LazyModel;
import io.omnivox.model.registry.ModelCatalog;

/**
 * Picks the chat model: an OpenAI-compatible endpoint when one is configured, else the in-process ONNX model once its
 * weights are present (checked on each use, so fetching them later needs no restart). Reports the choice in health.
 */
@ApplicationScoped
public class ChatModels implements EngineReporter {

    private static final Logger LOG = Logger.getLogger(ChatModels.class);

    /** The chat model in use and what it can take. */
    public record Selected(String name, ChatModel blocking, StreamingChatModel streaming, boolean vision) {
    }

    private final AgentConfig config;
    private final Optional<Selected> remote;
    private final LazyModel<OnnxChatModel.Loaded> local;

    public ChatModels(AgentConfig config, OnnxSessionFactory onnx, ModelCatalog models) {
        this.config = config;
        this.remote = config.provider() == AgentConfig.Provider.ONNX ? Optional.empty() : remote(config.openai());
        this.local = new LazyModel<>(models, config.onnx().model(), dir -> load(dir, onnx, config.onnx()));
        remote.ifPresent(r -> LOG.infof("Chat model: %s at %s", r.name(), config.openai().baseUrl().orElseThrow()));
    }

    static Optional<Selected> remote(AgentConfig.OpenAi openai) {
        if (openai.baseUrl().isEmpty()) {
            return Optional.empty();
        }
        String key = openai.apiKey().orElse("none");
        ChatModel blocking = OpenAiChatModel.builder().baseUrl(openai.baseUrl().get()).apiKey(key)
                .modelName(openai.model()).temperature(openai.temperature()).timeout(openai.timeout())
                .listeners(java.util.List.of(ModelCallTimer.INSTANCE)).build();
        StreamingChatModel streaming = OpenAiStreamingChatModel.builder().baseUrl(openai.baseUrl().get()).apiKey(key)
                .modelName(openai.model()).temperature(openai.temperature()).timeout(openai.timeout())
                .listeners(java.util.List.of(ModelCallTimer.INSTANCE)).build();
        return Optional.of(new Selected(openai.model(), blocking, streaming, openai.vision()));
    }

    private static OnnxChatModel.Loaded load(Path dir, OnnxSessionFactory onnx, AgentConfig.Onnx settings) {
        return OnnxChatModel.open(dir, onnx, new OnnxChatModel.Settings(settings.model(), settings.maxNewTokens(),
                settings.contextTokens(), settings.temperature(), settings.topK(), settings.topP(),
                settings.repetitionPenalty(), settings.seed()));
    }

    /** The chat model to use now, if any. */
    public Optional<Selected> current() {
        if (remote.isPresent()) {
            return remote;
        }
        if (config.provider() == AgentConfig.Provider.OPENAI) {
            return Optional.empty();
        }
        return local.get().map(l -> new Selected(config.onnx().model(), l.model(), l.model(), false));
    }

    /** Why {@link #current()} is empty. */
    public String unavailableReason() {
        if (config.provider() == AgentConfig.Provider.OPENAI) {
            return "omnivox.agent.provider=openai but omnivox.agent.openai.base-url is not set";
        }
        return local.reason() + "; or set omnivox.agent.openai.base-url to an OpenAI-compatible server";
    }

    @Override
    public List<EngineStatus> engines() {
        if (remote.isPresent()) {
            return List.of(new EngineStatus("llm", "openai-compatible:" + remote.get().name(), "ready",
                    config.openai().baseUrl().orElseThrow()));
        }
        return List.of(current().map(s -> new EngineStatus("llm", "onnx:" + s.name(), "ready", ""))
                .orElseGet(() -> new EngineStatus("llm", "none", "weights missing", unavailableReason())));
    }

    @PreDestroy
    void close() {
        local.loaded().ifPresent(OnnxChatModel.Loaded::close);
    }
}
