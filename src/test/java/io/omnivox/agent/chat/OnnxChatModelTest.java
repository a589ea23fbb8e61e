package io.omnivox.agent.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.service.AiServices;
import io.omnivox.model.decoder.GenerationOptions;
import io.omnivox.model.decoder.GenerationResult;
import io.omnivox.model.tokenizer.HuggingFaceTextTokenizer;
import io.omnivox.testkit.QwenTokenizerFixture;

class OnnxChatModelTest {

    private static HuggingFaceTextTokenizer tokenizer;

    @BeforeAll
    static void load(@TempDir Path dir) throws Exception {
        tokenizer = HuggingFaceTextTokenizer.load(QwenTokenizerFixture.write(dir));
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    /** A generator that "writes" scripted completions in turn, token by token, and remembers what it was asked. */
    static final class Scripted implements TokenGenerator {
        final List<String> completions;
        final List<String> prompts = new ArrayList<>();
        final List<GenerationOptions> options = new ArrayList<>();

        Scripted(String... completions) {
            this.completions = new ArrayList<>(List.of(completions));
        }

        @Override
        public GenerationResult generate(long[] prompt, GenerationOptions opts,
                io.omnivox.model.decoder.TokenListener listener, io.omnivox.model.decoder.CancellationToken cancel) {
            prompts.add(tokenizer.decode(prompt, false));
            options.add(opts);
            long[] ids = tokenizer.encode(completions.remove(0));
            int[] out = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                if (cancel.isCancelled()) {
                    return new GenerationResult(java.util.Arrays.copyOf(out, i),
                            io.omnivox.model.decoder.FinishReason.CANCELLED);
                }
                out[i] = (int) ids[i];
                listener.onToken(out[i]);
            }
            return new GenerationResult(out, io.omnivox.model.decoder.FinishReason.STOP_TOKEN);
        }
    }

    private static OnnxChatModel model(Scripted generator, int context) {
        return new OnnxChatModel(generator, tokenizer,
                new OnnxChatModel.Settings("qwen-fixture", 64, context, 0.7, 20, 0.8, 1.05, 7));
    }

    @Test
    void should_answer_with_text_and_usage() {
        Scripted generator = new Scripted("The tide turns at noon.");

        ChatResponse response = model(generator, 4096).chat(UserMessage.from("When?"));

        assertThat(response.aiMessage().text()).isEqualTo("The tide turns at noon.");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo("The tide turns at noon.".length());
        assertThat(generator.prompts.get(0)).endsWith("<|im_start|>user\nWhen?<|im_end|>\n<|im_start|>assistant\n");
        GenerationOptions options = generator.options.get(0);
        assertThat(options.stopTokens()).containsExactlyInAnyOrder(QwenTokenizerFixture.IM_END,
                QwenTokenizerFixture.END_OF_TEXT);
        assertThat(options.temperature()).isEqualTo(0.7);
    }

    @Test
    void should_take_request_parameters_over_the_defaults() {
        Scripted generator = new Scripted("ok");

        model(generator, 4096).chat(ChatRequest.builder().messages(UserMessage.from("x")).temperature(0.0)
                .maxOutputTokens(5).build());

        assertThat(generator.options.get(0).isGreedy()).isTrue();
        assertThat(generator.options.get(0).maxNewTokens()).isEqualTo(5);
    }

    @Test
    void should_turn_tool_call_blocks_into_tool_requests() {
        Scripted generator = new Scripted("<tool_call>\n{\"name\": \"search_knowledge\", \"arguments\": {\"query\":"
                + " \"tides\"}}\n</tool_call>");

        ChatResponse response = model(generator, 4096).chat(ChatRequest.builder().messages(UserMessage.from("Tides?"))
                .toolSpecifications(QwenChatTemplateTest.SEARCH).build());

        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(response.aiMessage().toolExecutionRequests()).singleElement()
                .satisfies(call -> assertThat(call.arguments()).isEqualTo("{\"query\":\"tides\"}"));
        assertThat(generator.prompts.get(0)).contains("\"name\": \"search_knowledge\"");
    }

    @Test
    void should_stream_the_text_without_the_call_markup() throws Exception {
        Scripted generator = new Scripted("Looking it up. <tool_call>\n{\"name\": \"search_knowledge\", \"arguments\":"
                + " {}}\n</tool_call>");
        List<String> deltas = new ArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        model(generator, 4096).chat(ChatRequest.builder().messages(UserMessage.from("Tides?"))
                .toolSpecifications(QwenChatTemplateTest.SEARCH).build(), new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String partial) {
                        deltas.add(partial);
                    }

                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        done.complete(response);
                    }

                    @Override
                    public void onError(Throwable error) {
                        done.completeExceptionally(error);
                    }
                });

        ChatResponse response = done.get(5, TimeUnit.SECONDS);
        assertThat(deltas.size()).isGreaterThan(3);
        assertThat(String.join("", deltas)).isEqualTo("Looking it up. ");
        assertThat(response.aiMessage().toolExecutionRequests()).hasSize(1);
    }

    @Test
    void should_refuse_a_prompt_longer_than_the_context() {
        assertThatThrownBy(() -> model(new Scripted("x"), 40).chat(UserMessage.from("a long question")))
                .isInstanceOf(ContextTooLongException.class).hasMessageContaining("context holds 40");
    }

    /** Tools of a tiny assistant, to run the model inside a LangChain4j AI service. */
    static final class Clock {
        int calls;

        @Tool("The current time")
        String currentTime() {
            calls++;
            return "12:00";
        }
    }

    interface Assistant {
        String chat(String message);
    }

    @Test
    void should_drive_a_langchain4j_tool_loop() {
        Scripted generator = new Scripted("<tool_call>\n{\"name\": \"currentTime\", \"arguments\": {}}\n</tool_call>",
                "It is 12:00.");
        Clock clock = new Clock();
        Assistant assistant = AiServices.builder(Assistant.class).chatModel(model(generator, 4096)).tools(clock)
                .build();

        assertThat(assistant.chat("What time is it?")).isEqualTo("It is 12:00.");
        assertThat(clock.calls).isEqualTo(1);
        assertThat(generator.prompts.get(1)).contains("<tool_response>\n12:00\n</tool_response>");
    }
}
