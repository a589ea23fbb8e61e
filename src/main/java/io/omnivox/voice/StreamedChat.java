package io.omnivox.voice;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

/** One streamed chat request without the agent (no memory, no tools): for replies whose prompt is fixed by code. */
final class StreamedChat {

    private StreamedChat() {
    }

    /**
     * Streams the model's answer to {@code messages} into {@code text} until it ends or {@code cancel} is set; blocks.
     *
     * @return the whole answer; empty when cancelled
     */
    static String stream(StreamingChatModel model, List<ChatMessage> messages, Consumer<String> text,
            AtomicBoolean cancel) {
        CompletableFuture<String> done = new CompletableFuture<>();
        model.chat(ChatRequest.builder().messages(messages).build(), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                if (cancel.get()) {
                    context.streamingHandle().cancel();
                    return;
                }
                text.accept(partial.text());
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response.aiMessage().text() == null ? "" : response.aiMessage().text());
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        String answer = AgentResponder.await(done, cancel);
        return answer == null ? "" : answer;
    }
}
