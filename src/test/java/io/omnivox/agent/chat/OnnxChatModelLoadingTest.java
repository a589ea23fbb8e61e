package io.omnivox.agent.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.tokenizer.HuggingFaceTextTokenizer;
import io.omnivox.testkit.FixtureCausalLm;
import io.omnivox.testkit.QwenTokenizerFixture;

/**
 * The in-process chat model opened the way the registry lays out a Qwen export ({@code onnx/model_quantized.onnx},
 * {@code tokenizer.json}), here with the fixture causal LM whose continuation is known: the real session, KV-cache
 * decoder and tokenizer run end to end behind LangChain4j's {@code ChatModel}.
 */
class OnnxChatModelLoadingTest {

    private static final OnnxChatModel.Settings GREEDY_SIX = new OnnxChatModel.Settings("fixture", 6, 4096, 0, 0, 1,
            1, 0);

    @Test
    void should_open_a_registry_layout_and_answer_through_the_onnx_decoder(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("onnx"));
        Files.write(dir.resolve("onnx/model_quantized.onnx"), FixtureCausalLm.withInputIds());
        QwenTokenizerFixture.write(dir);

        try (OnnxSessionFactory factory = new OnnxSessionFactory(OnnxSessionFactory.Threads.DEFAULT, List.of());
                OnnxChatModel.Loaded loaded = OnnxChatModel.open(dir, factory, GREEDY_SIX);
                HuggingFaceTextTokenizer tokenizer = HuggingFaceTextTokenizer.load(dir.resolve("tokenizer.json"))) {
            ChatResponse response = loaded.model().chat(UserMessage.from("Hi"));

            long[] prompt = tokenizer.encode(QwenChatTemplate.render(List.of(UserMessage.from("Hi")), List.of()));
            long[] expected = new long[6];
            int previous = (int) prompt[prompt.length - 1];
            int position = prompt.length - 1;
            for (int i = 0; i < expected.length; i++) {
                previous = FixtureCausalLm.next(previous, position++);
                expected[i] = previous;
            }
            assertThat(response.aiMessage().text()).isEqualTo(tokenizer.decode(expected, true).strip());
            assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(prompt.length);
            assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(6);
        }
    }

    @Test
    void should_say_which_files_it_expected_when_the_export_is_incomplete(@TempDir Path dir) throws Exception {
        QwenTokenizerFixture.write(dir);
        try (OnnxSessionFactory factory = new OnnxSessionFactory(OnnxSessionFactory.Threads.DEFAULT, List.of())) {
            assertThatThrownBy(() -> OnnxChatModel.open(dir, factory, GREEDY_SIX))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("onnx/model_quantized.onnx");
        }
    }
}
