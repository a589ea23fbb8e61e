package io.omnivox.api;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.omnivox.agent.AgentConfig;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.registry.ModelCatalog;

/** {@link ScriptedChat} for tests outside the api package. */
public final class ScriptedChatAccess {

    private ScriptedChatAccess() {
    }

    public static void install(AgentConfig config, OnnxSessionFactory onnx, ModelCatalog catalog, ChatModel chat,
            StreamingChatModel streaming) {
        ScriptedChat.install(config, onnx, catalog, chat, streaming, () -> true);
    }
}
