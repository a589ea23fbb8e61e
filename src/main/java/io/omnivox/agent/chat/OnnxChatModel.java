package io.omnivox.agent.chat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.omnivox.model.OnnxModel;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.decoder.AutoregressiveDecoder;
import io.omnivox.model.decoder.CancellationToken;
import io.omnivox.model.decoder.OnnxCausalLm;
import io.omnivox.model.decoder.GenerationOptions;
import io.omnivox.model.decoder.GenerationResult;
import io.omnivox.model.decoder.TokenListener;
import io.omnivox.model.tokenizer.HuggingFaceTextTokenizer;
import io.omnivox.model.tokenizer.StreamingDetokenizer;
import io.omnivox.model.tokenizer.TextTokenizer;

/**
 * A Qwen2.5-Instruct class model running in-process as a LangChain4j chat model, blocking and streaming: messages
 * and tools are rendered with {@link QwenChatTemplate}, tokens come from the foundation's generic decoder, and
 * {@code <tool_call>} blocks in the output become tool execution requests. Thread-safe: each call has its own state.
 */
public final class OnnxChatModel implements ChatModel, StreamingChatModel {

    /**
     * Defaults for a request that does not set them.
     *
     * @param modelName         reported in responses
     * @param maxNewTokens      longest answer
     * @param contextTokens     longest prompt accepted; a longer one is refused rather than silently cut
     * @param temperature       0 for greedy
     * @param topK              0 for no cut
     * @param topP              1 for no cut
     * @param repetitionPenalty 1 for none
     * @param seed              sampling seed, so answers are reproducible
     */
    public record Settings(String modelName, int maxNewTokens, int contextTokens, double temperature, int topK,
            double topP, double repetitionPenalty, long seed) {
    }

    /** Where a Qwen export keeps its decoder, in order of preference (the registry's int8 variant first). */
    static final List<String> DECODER_FILES = List.of("onnx/model_quantized.onnx", "onnx/model.onnx", "model.onnx");

    /** A model opened from disk, with the native resources it owns. */
    public record Loaded(OnnxChatModel model, OnnxModel onnx, TextTokenizer tokenizer) implements AutoCloseable {
        @Override
        public void close() {
            try (onnx; tokenizer) {
                // both closed, the tokenizer first, whatever happens
            }
        }
    }

    /** Opens a Qwen2.5-Instruct export (Optimum layout with KV cache, {@code tokenizer.json}) from {@code dir}. */
    public static Loaded open(Path dir, OnnxSessionFactory factory, Settings settings) {
        Path decoder = DECODER_FILES.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No decoder in " + dir + "; expected one of "
                        + DECODER_FILES));
        TextTokenizer tokenizer = HuggingFaceTextTokenizer.load(dir.resolve("tokenizer.json"));
        try {
            OnnxModel onnx = factory.open(decoder);
            AutoregressiveDecoder generator = new AutoregressiveDecoder(OnnxCausalLm.of(onnx));
            return new Loaded(new OnnxChatModel(generator::generate, tokenizer, settings), onnx, tokenizer);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    private final TokenGenerator generator;
    private final TextTokenizer tokenizer;
    private final Settings settings;
    private final Set<Integer> stopTokens;

    public OnnxChatModel(TokenGenerator generator, TextTokenizer tokenizer, Settings settings) {
        this.generator = generator;
        this.tokenizer = tokenizer;
        this.settings = settings;
        this.stopTokens = stopTokens(tokenizer);
    }

    private static Set<Integer> stopTokens(TextTokenizer tokenizer) {
        List<Integer> ids = new ArrayList<>();
        for (String token : List.of(QwenChatTemplate.IM_END, QwenChatTemplate.END_OF_TEXT)) {
            OptionalLong id = tokenizer.tokenId(token);
            if (id.isPresent()) {
                ids.add(Math.toIntExact(id.getAsLong()));
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("The tokenizer knows neither " + QwenChatTemplate.IM_END + " nor "
                    + QwenChatTemplate.END_OF_TEXT + "; it is not a Qwen chat tokenizer");
        }
        return Set.copyOf(ids);
    }

    // Both interfaces define these defaults; one answer serves both.
    @Override
    public Set<Capability> supportedCapabilities() {
        return Set.of();
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return ChatRequestParameters.builder().modelName(settings.modelName()).temperature(settings.temperature())
                .topP(settings.topP()).topK(settings.topK()).maxOutputTokens(settings.maxNewTokens()).build();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return List.of(io.omnivox.agent.ModelCallTimer.INSTANCE);
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        long[] prompt = prompt(request);
        GenerationResult result = generator.generate(prompt, options(request.parameters()), TokenListener.NONE,
                new CancellationToken());
        return response(prompt, result, decode(result.tokens()));
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        try {
            long[] prompt = prompt(request);
            CancellationToken cancel = new CancellationToken();
            PartialResponseContext context = new PartialResponseContext(handle(cancel));
            StreamingDetokenizer detokenizer = new StreamingDetokenizer(tokenizer);
            ToolCalls.TextFilter filter = new ToolCalls.TextFilter();
            GenerationResult result = generator.generate(prompt, options(request.parameters()), token -> {
                String shown = filter.accept(detokenizer.accept(token));
                if (!shown.isEmpty()) {
                    handler.onPartialResponse(new PartialResponse(shown), context);
                }
            }, cancel);
            String rest = filter.flush();
            if (!rest.isEmpty() && !cancel.isCancelled()) {
                handler.onPartialResponse(new PartialResponse(rest), context);
            }
            handler.onCompleteResponse(response(prompt, result, decode(result.tokens())));
        } catch (RuntimeException e) {
            handler.onError(e);
        }
    }

    private static StreamingHandle handle(CancellationToken cancel) {
        return new StreamingHandle() {
            @Override
            public void cancel() {
                cancel.cancel();
            }

            @Override
            public boolean isCancelled() {
                return cancel.isCancelled();
            }
        };
    }

    /** The prompt's token ids; refuses a prompt over the context limit. */
    long[] prompt(ChatRequest request) {
        List<ToolSpecification> tools = request.parameters() == null ? List.of()
                : request.parameters().toolSpecifications();
        long[] ids = tokenizer.encode(QwenChatTemplate.render(request.messages(), tools));
        if (ids.length > settings.contextTokens()) {
            throw new ContextTooLongException(ids.length, settings.contextTokens());
        }
        return ids;
    }

    GenerationOptions options(ChatRequestParameters parameters) {
        int maxTokens = parameters != null && parameters.maxOutputTokens() != null ? parameters.maxOutputTokens()
                : settings.maxNewTokens();
        double temperature = parameters != null && parameters.temperature() != null ? parameters.temperature()
                : settings.temperature();
        double topP = parameters != null && parameters.topP() != null ? parameters.topP() : settings.topP();
        int topK = parameters != null && parameters.topK() != null ? parameters.topK() : settings.topK();
        return new GenerationOptions(maxTokens, temperature, topK, topP, settings.repetitionPenalty(), 0, 0,
                stopTokens, settings.seed());
    }

    private String decode(int[] tokens) {
        long[] ids = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            ids[i] = tokens[i];
        }
        return tokenizer.decode(ids, true);
    }

    private ChatResponse response(long[] prompt, GenerationResult result, String completion) {
        ToolCalls.Parsed parsed = ToolCalls.parse(completion);
        AiMessage message = parsed.calls().isEmpty() ? AiMessage.from(parsed.text())
                : AiMessage.builder().text(parsed.text().isEmpty() ? null : parsed.text())
                        .toolExecutionRequests(parsed.calls()).build();
        FinishReason reason = !parsed.calls().isEmpty() ? FinishReason.TOOL_EXECUTION
                : switch (result.reason()) {
                    case STOP_TOKEN -> FinishReason.STOP;
                    case MAX_TOKENS -> FinishReason.LENGTH;
                    case CANCELLED -> FinishReason.OTHER;
                };
        return ChatResponse.builder().aiMessage(message).modelName(settings.modelName()).finishReason(reason)
                .tokenUsage(new TokenUsage(prompt.length, result.tokens().length)).build();
    }
}
