package io.omnivox.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lucene store with hand-made 3-dimensional vectors: ranking, filters, replace, delete, restart. */
class LuceneKnowledgeStoreTest {

    @TempDir
    Path dir;

    private static EmbeddedChunk chunk(String doc, String text, float... vector) {
        return new EmbeddedChunk(new Chunk(doc, "Title " + doc, 2, List.of("Part", "Sub"), 7, text),
                TextEmbedder.unit(vector));
    }

    private LuceneKnowledgeStore open() {
        return new LuceneKnowledgeStore(dir, TextAnalyzers.forModel(RagConfig.EmbeddingModelChoice.ENGLISH), 50);
    }

    private static List<String> docs(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::documentId).toList();
    }

    private static void fill(KnowledgeStore store) {
        store.add("kb1", "apples", List.of(chunk("apples", "Apples grow on trees in orchards.", 1, 0, 0)));
        store.add("kb1", "pears", List.of(chunk("pears", "Pears ripen after picking. Code ZX-9.", 0, 1, 0)));
        store.add("kb2", "plums", List.of(chunk("plums", "Plums are stone fruit.", 1, 0.1f, 0)));
    }

    @Test
    void vectorKeywordAndHybridModesRankWithinOneKnowledgeBase() {
        try (LuceneKnowledgeStore store = open()) {
            fill(store);

            float[] nearApples = TextEmbedder.unit(new float[] {0.9f, 0.1f, 0});
            assertThat(docs(store.search("kb1", "", nearApples, 5, SearchMode.VECTOR)))
                    .containsExactly("apples", "pears");
            assertThat(docs(store.search("kb1", "zx-9", null, 5, SearchMode.KEYWORD))).containsExactly("pears");
            assertThat(docs(store.search("kb1", "zx-9", nearApples, 5, SearchMode.HYBRID)))
                    .containsExactlyInAnyOrder("pears", "apples");
            // plums is closest overall but lives in kb2
            assertThat(docs(store.search("kb2", "", nearApples, 5, SearchMode.VECTOR))).containsExactly("plums");

            SearchHit hit = store.search("kb1", "", nearApples, 1, SearchMode.VECTOR).get(0);
            assertThat(hit.title()).isEqualTo("Title apples");
            assertThat(hit.page()).isEqualTo(2);
            assertThat(hit.section()).isEqualTo("Part › Sub");
            assertThat(hit.startOffset()).isEqualTo(7);
            assertThat(hit.text()).isEqualTo("Apples grow on trees in orchards.");
            assertThat(hit.score()).isBetween(0.98, 1.0);
        }
    }

    @Test
    void hybridPutsAChunkBothRetrieversAgreeOnFirst() {
        try (LuceneKnowledgeStore store = open()) {
            fill(store);
            float[] nearPears = TextEmbedder.unit(new float[] {0.1f, 0.9f, 0});

            List<SearchHit> hits = store.search("kb1", "pears picking", nearPears, 5, SearchMode.HYBRID);

            assertThat(docs(hits)).containsExactly("pears", "apples");
            assertThat(hits.get(0).score()).isEqualTo(2.0 / 61);
        }
    }

    @Test
    void deleteAndReAddAreVisibleToTheNextSearch() {
        try (LuceneKnowledgeStore store = open()) {
            fill(store);
            store.delete("kb1", "pears");
            assertThat(docs(store.search("kb1", "pears zx-9", new float[] {0, 1, 0}, 5, SearchMode.HYBRID)))
                    .containsExactly("apples");

            store.add("kb1", "apples", List.of(chunk("apples", "Apples, revised.", 1, 0, 0),
                    chunk("apples", "A second apple chunk.", 1, 0, 0)));
            assertThat(store.search("kb1", "", new float[] {1, 0, 0}, 5, SearchMode.VECTOR))
                    .extracting(SearchHit::text).containsExactlyInAnyOrder("Apples, revised.", "A second apple chunk.");
            // a same-named document in another knowledge base is untouched
            assertThat(docs(store.search("kb2", "plums", null, 5, SearchMode.KEYWORD))).containsExactly("plums");
        }
    }

    @Test
    void indexSurvivesCloseAndReopen() {
        List<String> before;
        try (LuceneKnowledgeStore store = open()) {
            fill(store);
            before = docs(store.search("kb1", "trees", new float[] {1, 0, 0}, 5, SearchMode.HYBRID));
        }
        try (LuceneKnowledgeStore store = open()) {
            assertThat(docs(store.search("kb1", "trees", new float[] {1, 0, 0}, 5, SearchMode.HYBRID)))
                    .isEqualTo(before).containsExactly("apples", "pears");
        }
    }

    @Test
    void queryOfOnlyStopWordsFindsNothingByKeyword() {
        try (LuceneKnowledgeStore store = open()) {
            fill(store);
            assertThat(store.search("kb1", "the of and", null, 5, SearchMode.KEYWORD)).isEmpty();
        }
    }
}
