package io.omnivox.api;

import jakarta.enterprise.context.ApplicationScoped;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.omnivox.agent.AgentConfig;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.registry.ModelCatalog;

/** {@link ScriptedChat} for tests outside the api package: inject it and install the scripted models. */
@ApplicationScoped
public class ScriptedChatAccess {

    private final AgentConfig config;
    private final OnnxSessionFactory onnx;
    private final ModelCatalog catalog;

    public ScriptedChatAccess(AgentConfig config, OnnxSessionFactory onnx, ModelCatalog catalog) {
        this.config = config;
        this.onnx = onnx;
        this.catalog = catalog;
    }

    /** Makes {@code chat} and {@code streaming} the app's chat model for the current test. */
    public void install(ChatModel chat, StreamingChatModel streaming) {
        ScriptedChat.install(config, onnx, catalog, chat, streaming, () -> true);
    }
}
