package io.omnivox.rag;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/** The BM25 analyzer that suits each embedding model's language. */
public final class TextAnalyzers {

    private TextAnalyzers() {
    }

    /**
     * English: Lucene's standard tokenizer, lower-cased, English stop words dropped (no stemming, so product codes
     * and names match exactly). Chinese: overlapping character bigrams, because Chinese has no spaces between words
     * and bigrams match most two-character words without a dictionary; Latin words in it are handled as in English.
     */
    public static Analyzer forModel(RagConfig.EmbeddingModelChoice choice) {
        return switch (choice) {
            case ENGLISH -> new StandardAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            case CHINESE -> new CJKAnalyzer();
        };
    }
}
