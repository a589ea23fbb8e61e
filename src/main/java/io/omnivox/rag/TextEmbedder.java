package io.omnivox.rag;

import java.util.List;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;

/**
 * Turns passages and queries into unit vectors with one of LangChain4j's in-process bge models.
 * <p>
 * bge is trained asymmetrically: short queries are embedded with an instruction in front, passages without. The
 * LangChain4j modules embed exactly the text they are given (no instruction), so this class adds it to queries.
 * Thread-safe.
 */
public final class TextEmbedder {

    /** bge-small-en-v1.5's query instruction (from the model card). */
    static final String ENGLISH_QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";
    /** bge-small-zh-v1.5's query instruction (from the model card). */
    static final String CHINESE_QUERY_INSTRUCTION = "为这个句子生成表示以用于检索相关文章：";

    private final String name;
    private final String queryInstruction;
    private final EmbeddingModel model;

    TextEmbedder(String name, String queryInstruction, EmbeddingModel model) {
        this.name = name;
        this.queryInstruction = queryInstruction;
        this.model = model;
    }

    /** Loads the chosen model (tens of MB, from its jar; the first call takes a second or two). */
    public static TextEmbedder load(RagConfig.EmbeddingModelChoice choice) {
        return switch (choice) {
            case ENGLISH -> new TextEmbedder("bge-small-en-v1.5-q", ENGLISH_QUERY_INSTRUCTION,
                    new BgeSmallEnV15QuantizedEmbeddingModel());
            case CHINESE -> new TextEmbedder("bge-small-zh-v1.5-q", CHINESE_QUERY_INSTRUCTION,
                    new BgeSmallZhV15QuantizedEmbeddingModel());
        };
    }

    /** The model's name, e.g. {@code bge-small-en-v1.5-q}; also names its index folder. */
    public String name() {
        return name;
    }

    /** Vector length. */
    public int dimension() {
        return model.dimension();
    }

    /** A search query's vector (with the model's query instruction). */
    public float[] embedQuery(String query) {
        return unit(model.embed(queryInstruction + query).content().vector());
    }

    /** Passage vectors, in order (LangChain4j spreads them over the CPU cores). */
    public List<float[]> embedPassages(List<String> passages) {
        if (passages.isEmpty()) {
            return List.of();
        }
        List<Embedding> embeddings = model.embedAll(passages.stream().map(TextSegment::from).toList()).content();
        return embeddings.stream().map(e -> unit(e.vector())).toList();
    }

    /**
     * Passage vectors with the number of tokens the model read.
     *
     * @param vectors unit vectors, in the order of the passages
     * @param tokens  tokens the model's tokenizer made of all passages together
     */
    public record Embedded(List<float[]> vectors, int tokens) {
    }

    /** Like {@link #embedPassages}, also counting tokens (what an embeddings API reports as usage). */
    public Embedded embedPassagesCounted(List<String> passages) {
        if (passages.isEmpty()) {
            return new Embedded(List.of(), 0);
        }
        var response = model.embedAll(passages.stream().map(TextSegment::from).toList());
        Integer tokens = response.tokenUsage() == null ? null : response.tokenUsage().inputTokenCount();
        return new Embedded(response.content().stream().map(e -> unit(e.vector())).toList(),
                tokens == null ? 0 : tokens);
    }

    /**
     * Scales to length 1. The models already normalise, but the stores score by dot product, which is only cosine
     * similarity for unit vectors, so this does not rely on it.
     */
    static float[] unit(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += v * v;
        }
        double norm = Math.sqrt(sum);
        if (norm == 0 || Math.abs(norm - 1) < 1e-6) {
            return vector;
        }
        float[] scaled = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            scaled[i] = (float) (vector[i] / norm);
        }
        return scaled;
    }
}
