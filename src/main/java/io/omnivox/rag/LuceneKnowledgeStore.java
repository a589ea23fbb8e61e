package io.omnivox.rag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * The embedded store: one Lucene index on local disk holding, per chunk, its vector (HNSW graph, dot product on unit
 * vectors, i.e. cosine) and its text (BM25), with the knowledge base and document as exact-match filter fields.
 * <p>
 * Every {@link #add} and {@link #delete} commits (so it survives a crash or restart) and refreshes the searcher (so
 * the next search sees it). Opening the same folder again finds everything committed before.
 */
public final class LuceneKnowledgeStore implements KnowledgeStore {

    private static final String KB = "kb";
    private static final String DOC = "doc";
    /** Knowledge base and document in one term, so a document is deleted with one term query. */
    private static final String KB_DOC = "kb_doc";
    private static final String TITLE = "title";
    private static final String PAGE = "page";
    private static final String SECTION = "section";
    private static final String OFFSET = "offset";
    private static final String TEXT = "text";
    private static final String VECTOR = "vector";

    private final Analyzer analyzer;
    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final int candidates;

    /**
     * Opens (or creates) the index in {@code folder}.
     *
     * @param analyzer   how text is cut into BM25 terms, for indexing and queries alike (see {@link TextAnalyzers})
     * @param candidates how many chunks each retriever hands to hybrid fusion
     */
    public LuceneKnowledgeStore(Path folder, Analyzer analyzer, int candidates) {
        this.analyzer = analyzer;
        this.candidates = candidates;
        try {
            Files.createDirectories(folder);
            directory = FSDirectory.open(folder);
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the retrieval index in " + folder, e);
        }
    }

    @Override
    public String name() {
        return "lucene";
    }

    @Override
    public void add(String knowledgeBase, String documentId, List<EmbeddedChunk> chunks) {
        List<Document> documents = new ArrayList<>(chunks.size());
        for (EmbeddedChunk embedded : chunks) {
            documents.add(toDocument(knowledgeBase, documentId, embedded));
        }
        try {
            // One atomic replace: a search never sees the document half old, half new.
            writer.updateDocuments(kbDoc(knowledgeBase, documentId), documents);
            publish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String knowledgeBase, String documentId) {
        try {
            writer.deleteDocuments(kbDoc(knowledgeBase, documentId));
            publish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<SearchHit> search(String knowledgeBase, String queryText, float[] queryVector, int k,
            SearchMode mode) {
        if (k < 1) {
            return List.of();
        }
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                Query inBase = new TermQuery(new Term(KB, knowledgeBase));
                return switch (mode) {
                    case VECTOR -> hits(searcher, vector(searcher, inBase, queryVector, k), k, true);
                    case KEYWORD -> hits(searcher, keyword(searcher, inBase, queryText, k), k, false);
                    case HYBRID -> hybrid(searcher, inBase, queryText, queryVector, k);
                };
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<SearchHit> hybrid(IndexSearcher searcher, Query inBase, String queryText, float[] queryVector, int k)
            throws IOException {
        int n = Math.max(candidates, k);
        List<Integer> byVector = ids(vector(searcher, inBase, queryVector, n));
        List<Integer> byWords = ids(keyword(searcher, inBase, queryText, n));
        StoredFields stored = searcher.storedFields();
        List<SearchHit> hits = new ArrayList<>();
        for (ReciprocalRankFusion.Fused<Integer> fused : ReciprocalRankFusion.fuse(byVector, byWords)) {
            if (hits.size() == k) {
                break;
            }
            hits.add(toHit(stored.document(fused.item()), fused.score()));
        }
        return hits;
    }

    private ScoreDoc[] vector(IndexSearcher searcher, Query inBase, float[] queryVector, int n) throws IOException {
        return searcher.search(new KnnFloatVectorQuery(VECTOR, queryVector, n, inBase), n).scoreDocs;
    }

    private ScoreDoc[] keyword(IndexSearcher searcher, Query inBase, String queryText, int n) throws IOException {
        Query words = new QueryBuilder(analyzer).createBooleanQuery(TEXT, queryText == null ? "" : queryText);
        if (words == null) {
            return new ScoreDoc[0]; // only stop words or punctuation: nothing for BM25 to match
        }
        Query query = new BooleanQuery.Builder()
                .add(words, BooleanClause.Occur.MUST)
                .add(inBase, BooleanClause.Occur.FILTER)
                .build();
        return searcher.search(query, n).scoreDocs;
    }

    private static List<Integer> ids(ScoreDoc[] docs) {
        List<Integer> ids = new ArrayList<>(docs.length);
        for (ScoreDoc doc : docs) {
            ids.add(doc.doc);
        }
        return ids;
    }

    private static List<SearchHit> hits(IndexSearcher searcher, ScoreDoc[] docs, int k, boolean vectorScore)
            throws IOException {
        StoredFields stored = searcher.storedFields();
        List<SearchHit> hits = new ArrayList<>();
        for (int i = 0; i < docs.length && i < k; i++) {
            // Lucene reports a dot-product match as (1 + dot) / 2; undo that so callers see cosine similarity.
            double score = vectorScore ? 2.0 * docs[i].score - 1 : docs[i].score;
            hits.add(toHit(stored.document(docs[i].doc), score));
        }
        return hits;
    }

    private static Document toDocument(String knowledgeBase, String documentId, EmbeddedChunk embedded) {
        Chunk chunk = embedded.chunk();
        Document doc = new Document();
        doc.add(new StringField(KB, knowledgeBase, Field.Store.NO));
        doc.add(new StringField(DOC, documentId, Field.Store.YES));
        doc.add(new StringField(KB_DOC, kbDocKey(knowledgeBase, documentId), Field.Store.NO));
        doc.add(new StoredField(TITLE, chunk.title() == null ? "" : chunk.title()));
        doc.add(new StoredField(PAGE, chunk.page()));
        doc.add(new StoredField(SECTION, chunk.section()));
        doc.add(new StoredField(OFFSET, chunk.startOffset()));
        doc.add(new TextField(TEXT, chunk.text(), Field.Store.YES));
        doc.add(new KnnFloatVectorField(VECTOR, embedded.vector(), VectorSimilarityFunction.DOT_PRODUCT));
        return doc;
    }

    private static SearchHit toHit(Document doc, double score) {
        return new SearchHit(doc.get(DOC), doc.get(TITLE), doc.getField(PAGE).numericValue().intValue(),
                doc.get(SECTION), doc.getField(OFFSET).numericValue().intValue(), doc.get(TEXT), score);
    }

    private static Term kbDoc(String knowledgeBase, String documentId) {
        return new Term(KB_DOC, kbDocKey(knowledgeBase, documentId));
    }

    /** NUL cannot occur in ids people type, so {@code a + b} never collides with another pair. */
    private static String kbDocKey(String knowledgeBase, String documentId) {
        return knowledgeBase + '\u0000' + documentId;
    }

    private void publish() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    /** Commits and releases the index folder (its lock), so the same folder can be opened again. */
    @Override
    public void close() {
        try (directory; writer; searchers) {
            // closes in reverse order: searchers, then the writer (which commits), then the folder
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
