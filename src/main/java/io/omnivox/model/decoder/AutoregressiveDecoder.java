package io.omnivox.model.decoder;

import java.util.ArrayList;
import java.util.List;

/**
 * The generation loop shared by every causal decoder (chat LLM, GOT-OCR's decoder, CosyVoice's speech-token LLM):
 * prefill the prompt, then pick, stream and feed back one token at a time until a stop token, the token limit or a
 * cancellation. Stateless between calls; one model may serve several generations at once.
 */
public final class AutoregressiveDecoder {

    private final OnnxCausalLm model;

    public AutoregressiveDecoder(OnnxCausalLm model) {
        this.model = model;
    }

    /** Greedy or sampled generation from prompt token ids. */
    public GenerationResult generate(long[] promptIds, GenerationOptions options, TokenListener listener,
            CancellationToken cancel) {
        List<Integer> history = new ArrayList<>();
        for (long id : promptIds) {
            history.add(Math.toIntExact(id));
        }
        return generate(new StepInput.Tokens(promptIds), history, options, listener, cancel);
    }

    /**
     * Generation from a prompt given as embeddings (e.g. image features spliced between text tokens).
     * {@code promptIds} are the prompt's token ids where known, for the repetition rules; may be empty.
     */
    public GenerationResult generate(float[][] promptEmbeddings, long[] promptIds, GenerationOptions options,
            TokenListener listener, CancellationToken cancel) {
        List<Integer> history = new ArrayList<>();
        for (long id : promptIds) {
            history.add(Math.toIntExact(id));
        }
        return generate(new StepInput.Embeddings(promptEmbeddings), history, options, listener, cancel);
    }

    private GenerationResult generate(StepInput prompt, List<Integer> history, GenerationOptions options,
            TokenListener listener, CancellationToken cancel) {
        LogitsSampler sampler = new LogitsSampler(options);
        List<Integer> generated = new ArrayList<>();
        try (DecoderState state = model.newState()) {
            if (cancel.isCancelled()) {
                return result(generated, FinishReason.CANCELLED);
            }
            float[] logits = model.forward(prompt, state);
            while (true) {
                if (cancel.isCancelled()) {
                    return result(generated, FinishReason.CANCELLED);
                }
                int next = sampler.next(logits, history);
                if (options.stopTokens().contains(next)) {
                    return result(generated, FinishReason.STOP_TOKEN);
                }
                generated.add(next);
                history.add(next);
                listener.onToken(next);
                if (generated.size() == options.maxNewTokens()) {
                    return result(generated, FinishReason.MAX_TOKENS);
                }
                if (cancel.isCancelled()) {
                    return result(generated, FinishReason.CANCELLED);
                }
                logits = model.forward(new StepInput.Tokens(new long[] { next }), state);
            }
        }
    }

    private static GenerationResult result(List<Integer> tokens, FinishReason reason) {
        return new GenerationResult(tokens.stream().mapToInt(Integer::intValue).toArray(), reason);
    }
}
