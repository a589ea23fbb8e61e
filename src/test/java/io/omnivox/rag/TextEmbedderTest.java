package io.omnivox.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.onnxruntime.OrtEnvironment;

/** The bundled bge models run on the project's ONNX Runtime and embed queries with bge's instruction. */
class TextEmbedderTest {

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Test
    void englishModelRunsOnTheProjectsOnnxRuntime() {
        TextEmbedder embedder = TextEmbedder.load(RagConfig.EmbeddingModelChoice.ENGLISH);

        assertThat(OrtEnvironment.getEnvironment().getVersion()).isEqualTo("1.29.0");
        List<float[]> passages = embedder.embedPassages(List.of(
                "The kettle boils water in two minutes.", "Milvus is a vector database."));
        float[] query = embedder.embedQuery("how fast does the kettle boil");

        assertThat(embedder.name()).isEqualTo("bge-small-en-v1.5-q");
        assertThat(query).hasSize(384);
        assertThat(dot(query, query)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(dot(query, passages.get(0))).isGreaterThan(dot(query, passages.get(1)) + 0.1);
    }

    @Test
    void chineseModelEmbedsChinese() {
        TextEmbedder embedder = TextEmbedder.load(RagConfig.EmbeddingModelChoice.CHINESE);

        List<float[]> passages = embedder.embedPassages(List.of("水壶两分钟就能烧开水。", "今天股市大涨。"));
        float[] query = embedder.embedQuery("水壶烧水要多久");

        assertThat(query).hasSize(512);
        assertThat(dot(query, passages.get(0))).isGreaterThan(dot(query, passages.get(1)));
    }
}
