package io.omnivox.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.milvus.grpc.SearchRequest;

/**
 * The Milvus store against a real server, only when {@code OMNIVOX_TEST_MILVUS_URI} names one (e.g.
 * {@code http://localhost:19530}; {@code OMNIVOX_TEST_MILVUS_TOKEN} if it needs one).
 */
class MilvusKnowledgeStoreTest {

    @Test
    void milvusClientProtocolWorksWithTheProtobufRuntimeOnTheClassPath() throws Exception {
        // The Milvus SDK's generated messages run on the protobuf runtime Quarkus' BOM picks; fail here, not in prod.
        SearchRequest request = SearchRequest.newBuilder().setCollectionName("c").setDbName("d").build();
        assertThat(SearchRequest.parseFrom(request.toByteArray()).getCollectionName()).isEqualTo("c");
    }

    @Test
    void addSearchDeleteAgainstARealServer() {
        String uri = System.getenv("OMNIVOX_TEST_MILVUS_URI");
        Assumptions.assumeTrue(uri != null && !uri.isBlank(),
                "OMNIVOX_TEST_MILVUS_URI not set: no Milvus server to test against");
        RagConfig.Milvus config = new RagConfig.Milvus() {
            @Override
            public Optional<String> uri() {
                return Optional.of(uri);
            }

            @Override
            public Optional<String> token() {
                return Optional.ofNullable(System.getenv("OMNIVOX_TEST_MILVUS_TOKEN"));
            }

            @Override
            public String collection() {
                return "omnivox_test_" + System.currentTimeMillis();
            }
        };
        try (KnowledgeStore store = MilvusKnowledgeStore.connect(config, 3)) {
            Chunk apples = new Chunk("apples", "Apples", 2, List.of("Fruit"), 5, "Apples grow on trees.");
            Chunk pears = new Chunk("pears", "Pears", 1, List.of(), 0, "Pears ripen after picking.");
            store.add("kb1", "apples", List.of(new EmbeddedChunk(apples, TextEmbedder.unit(new float[] {1, 0, 0}))));
            store.add("kb1", "pears", List.of(new EmbeddedChunk(pears, TextEmbedder.unit(new float[] {0, 1, 0}))));
            store.add("kb2", "apples", List.of(new EmbeddedChunk(apples, TextEmbedder.unit(new float[] {1, 0, 0}))));

            List<SearchHit> hits = store.search("kb1", "", new float[] {1, 0, 0}, 5, SearchMode.VECTOR);
            assertThat(hits).extracting(SearchHit::documentId).containsExactly("apples", "pears");
            assertThat(hits.get(0).section()).isEqualTo("Fruit");
            assertThat(hits.get(0).page()).isEqualTo(2);
            assertThat(hits.get(0).startOffset()).isEqualTo(5);

            store.delete("kb1", "apples");
            assertThat(store.search("kb1", "", new float[] {1, 0, 0}, 5, SearchMode.VECTOR))
                    .extracting(SearchHit::documentId).containsExactly("pears");
            assertThat(store.search("kb2", "", new float[] {1, 0, 0}, 5, SearchMode.VECTOR))
                    .extracting(SearchHit::documentId).containsExactly("apples");
        }
    }
}
