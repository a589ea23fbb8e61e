package io.omnivox.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: the real in-process bge-small-en model over a generated corpus of 60 fact sheets and 40 questions.
 * Hybrid search must find the answering sheet in its top 5 for at least 90% of questions, and must not do worse than
 * vector search on questions that ask by catalogue code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetrievalQualityTest {

    private static final String KB = "products";

    private Path dir;

    private final RetrievalCorpus corpus = new RetrievalCorpus(60, 20, 7);
    private TextEmbedder embedder;
    private LuceneKnowledgeStore store;
    private KnowledgeService service;

    @BeforeAll
    void ingest(@TempDir Path tempDir) {
        dir = tempDir;
        embedder = TextEmbedder.load(RagConfig.EmbeddingModelChoice.ENGLISH);
        open();
        for (RetrievalCorpus.Product product : corpus.products()) {
            service.ingest(product.document(), KB, product.id());
        }
    }

    private void open() {
        store = new LuceneKnowledgeStore(dir, TextAnalyzers.forModel(RagConfig.EmbeddingModelChoice.ENGLISH), 50);
        service = new KnowledgeService(new Chunker(500, 100), embedder, store);
    }

    @AfterAll
    void close() {
        store.close();
    }

    private double recallAt5(SearchMode mode, Predicate<RetrievalCorpus.Question> which) {
        List<RetrievalCorpus.Question> asked = corpus.questions().stream().filter(which).toList();
        long found = asked.stream().filter(q -> service.search(KB, q.text(), 5, mode).stream()
                .anyMatch(hit -> hit.documentId().equals(q.answerId()))).count();
        return (double) found / asked.size();
    }

    @Test
    @Order(1)
    void hybridRecallAtFiveIsAtLeastNinetyPercentAndCodesFavourHybrid() {
        assertThat(embedder.dimension()).isEqualTo(384);
        double[][] recall = new double[3][3];
        SearchMode[] modes = {SearchMode.HYBRID, SearchMode.VECTOR, SearchMode.KEYWORD};
        List<Predicate<RetrievalCorpus.Question>> subsets = List.of(q -> true, q -> !q.byCode(), q -> q.byCode());
        for (int m = 0; m < 3; m++) {
            for (int s = 0; s < 3; s++) {
                recall[m][s] = recallAt5(modes[m], subsets.get(s));
            }
        }
        System.out.printf(Locale.ROOT, "recall@5 over %d sheets   all(%d)  plain(%d)  by-code(%d)%n",
                corpus.products().size(), corpus.questions().size(), corpus.questions().size() / 2,
                corpus.questions().size() / 2);
        for (int m = 0; m < 3; m++) {
            System.out.printf(Locale.ROOT, "  %-8s                %6.3f  %8.3f  %10.3f%n", modes[m], recall[m][0],
                    recall[m][1], recall[m][2]);
        }
        assertThat(recall[0][0]).as("hybrid recall@5").isGreaterThanOrEqualTo(0.9);
        assertThat(recall[0][2]).as("hybrid recall@5 on code questions vs vector").isGreaterThanOrEqualTo(recall[1][2]);
    }

    @Test
    @Order(2)
    void hitsCarryTheirSource() {
        RetrievalCorpus.Product product = corpus.products().get(3);
        SearchHit top = service.search(KB, "catalogue code " + product.code(), 1).get(0);
        assertThat(top.documentId()).isEqualTo(product.id());
        assertThat(top.title()).isEqualTo(product.document().title());
        assertThat(top.page()).isEqualTo(1);
        assertThat(top.startOffset()).isZero();
        assertThat(top.text()).contains(product.code());
    }

    @Test
    @Order(3)
    void sameResultsAfterCloseAndReopen() {
        List<List<String>> before = allResults();
        store.close();
        open();
        assertThat(allResults()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void deletedDocumentNoLongerAppears() {
        RetrievalCorpus.Product gone = corpus.products().get(25);
        assertThat(service.search(KB, gone.code(), 5)).extracting(SearchHit::documentId).contains(gone.id());

        service.delete(KB, gone.id());

        for (SearchMode mode : SearchMode.values()) {
            assertThat(service.search(KB, "catalogue code " + gone.code() + " " + gone.category(), 60, mode))
                    .extracting(SearchHit::documentId).doesNotContain(gone.id()).isNotEmpty();
        }
    }

    private List<List<String>> allResults() {
        List<List<String>> results = new ArrayList<>();
        for (RetrievalCorpus.Question q : corpus.questions()) {
            results.add(service.search(KB, q.text(), 5).stream().map(SearchHit::documentId).toList());
        }
        return results;
    }
}
