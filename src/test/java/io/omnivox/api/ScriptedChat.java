package io.omnivox.api;

import java.util.Optional;
import java.util.function.BooleanSupplier;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.omnivox.agent.AgentConfig;
import io.omnivox.agent.ChatModels;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.registry.ModelCatalog;
import io.quarkus.test.junit.QuarkusMock;

/** Puts scripted LangChain4j chat models in place of the application's chat model for one @QuarkusTest method. */
final class ScriptedChat {

    private ScriptedChat() {
    }

    static void install(AgentConfig config, OnnxSessionFactory onnx, ModelCatalog catalog, ChatModel chat,
            StreamingChatModel streaming, BooleanSupplier available) {
        QuarkusMock.installMockForType(new ChatModels(config, onnx, catalog) {
            @Override
            public Optional<Selected> current() {
                return available.getAsBoolean() ? Optional.of(new Selected("scripted", chat, streaming, false))
                        : Optional.empty();
            }
        }, ChatModels.class);
    }
}
