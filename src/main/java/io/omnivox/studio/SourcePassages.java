package io.omnivox.studio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * An episode's source text cut into passages and indexed in memory for BM25 (Lucene), so the hosts can answer a
 * listener's question from the passages that match it. Small: a podcast's source is at most a few hundred thousand
 * characters, so the index is built when a listener opens the episode and dropped with the session.
 */
public final class SourcePassages {

    /** About a paragraph: long enough to hold an answer, short enough that a few fit in a prompt. */
    static final int PASSAGE_CHARS = 700;
    /** Shorter paragraphs are joined to the next: alone they match a question by chance. */
    static final int MIN_CHARS = 200;
    private static final String TEXT = "text";

    private final ByteBuffersDirectory index = new ByteBuffersDirectory();
    private final Analyzer analyzer = new StandardAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
    private final List<String> passages;

    /** Indexes {@code texts} (e.g. the source part behind each section) as passages of about a paragraph. */
    public SourcePassages(List<String> texts) {
        this.passages = new ArrayList<>();
        texts.forEach(text -> passages.addAll(cut(text)));
        try (IndexWriter writer = new IndexWriter(index, new IndexWriterConfig(analyzer))) {
            for (int i = 0; i < passages.size(); i++) {
                Document document = new Document();
                document.add(new TextField(TEXT, passages.get(i), Field.Store.NO));
                document.add(new StoredField("n", i));
                writer.addDocument(document);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory directory does not fail this way
        }
    }

    /** How many passages there are. */
    public int size() {
        return passages.size();
    }

    /** The passages that best match {@code question}, best first; empty when none shares a word with it. */
    public List<String> search(String question, int limit) {
        Query query = new QueryBuilder(analyzer).createBooleanQuery(TEXT, question, BooleanClause.Occur.SHOULD);
        if (query == null || passages.isEmpty()) {
            return List.of(); // only stop words or punctuation: nothing to match
        }
        try (DirectoryReader reader = DirectoryReader.open(index)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            List<String> found = new ArrayList<>();
            for (ScoreDoc hit : searcher.search(query, limit).scoreDocs) {
                int n = searcher.storedFields().document(hit.doc).getField("n").numericValue().intValue();
                found.add(passages.get(n));
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Paragraphs as passages: a long one cut at sentence ends near {@link #PASSAGE_CHARS}, a short one (a heading, a
     * one-line paragraph) joined to what follows until it holds {@link #MIN_CHARS}.
     */
    static List<String> cut(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String paragraph : text.split("\\n\\s*\\n")) {
            for (String sentence : paragraph.strip().replaceAll("\\s+", " ").split("(?<=[.!?。！？])\\s+")) {
                if (!current.isEmpty() && current.length() + sentence.length() > PASSAGE_CHARS) {
                    out.add(current.toString());
                    current.setLength(0);
                }
                current.append(current.isEmpty() ? "" : " ").append(sentence);
            }
            if (current.length() >= MIN_CHARS) {
                out.add(current.toString());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
