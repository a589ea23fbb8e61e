package io.omnivox.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.omnivox.document.ParsedDocument;
import io.omnivox.rag.Chunk;
import io.omnivox.rag.Chunker;
import io.omnivox.rag.EmbeddedChunk;
import io.omnivox.rag.KnowledgeService;
import io.omnivox.rag.LuceneKnowledgeStore;
import io.omnivox.rag.RagConfig;
import io.omnivox.rag.SearchMode;
import io.omnivox.rag.TextAnalyzers;
import io.omnivox.rag.TextEmbedder;

/**
 * Retrieval on this machine, embedded Lucene store with bge-small-en on the CPU:
 * <ol>
 * <li>ingestion throughput (chunking + embedding + indexing with a commit per document), pages/s and chunks/s, on a
 * subset that takes well under a minute;</li>
 * <li>the index then filled to 10,000 chunks; chunks past the real subset get synthetic unit vectors (embedding all
 * 10,000 on two cores would take many minutes), which is fine for latency: HNSW cost depends on the vectors' count
 * and dimension, not on where they came from;</li>
 * <li>query latency p50/p95 per mode, with BM25-only as the baseline measured in the same run.</li>
 * </ol>
 * Usage: bench/run rag [embedded-documents (default 40)] [total-chunks (default 10000)]
 */
public final class RagBench {

    private static final String KB = "bench";
    private static final int PAGES_PER_DOCUMENT = 3;
    private static final int QUERIES = 300;

    public static void main(String[] args) throws Exception {
        int embeddedDocuments = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int totalChunks = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Random random = new Random(42);
        Words words = new Words(random);
        Path dir = Files.createTempDirectory("omnivox-rag-bench");
        TextEmbedder embedder = TextEmbedder.load(RagConfig.EmbeddingModelChoice.ENGLISH);
        embedder.embedPassages(List.of("warm-up")); // loads the ONNX session outside the timing
        System.out.printf(Locale.ROOT, "cores: %d, model %s, index %s%n",
                Runtime.getRuntime().availableProcessors(), embedder.name(), dir);

        try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(dir,
                TextAnalyzers.forModel(RagConfig.EmbeddingModelChoice.ENGLISH), 50)) {
            KnowledgeService service = new KnowledgeService(new Chunker(500, 100), embedder, store);

            // 1. Real ingestion: parse-free (documents are built in memory), chunk, embed, index.
            List<Chunk> chunks = new ArrayList<>();
            long start = System.nanoTime();
            for (int d = 0; d < embeddedDocuments; d++) {
                chunks.addAll(service.ingest(words.document("Doc " + d), KB, "doc-" + d));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int pages = embeddedDocuments * PAGES_PER_DOCUMENT;
            System.out.printf(Locale.ROOT, "ingestion (embedding included): %d pages, %d chunks in %.1f s: "
                    + "%.1f pages/s, %.1f chunks/s%n", pages, chunks.size(), seconds, pages / seconds,
                    chunks.size() / seconds);

            // 2. Fill to the target with synthetic vectors, 100 chunks per document.
            int synthetic = Math.max(0, totalChunks - chunks.size());
            List<float[]> stored = new ArrayList<>(); // for the brute-force baseline
            start = System.nanoTime();
            for (int d = 0; d * 100 < synthetic; d++) {
                List<EmbeddedChunk> batch = new ArrayList<>();
                for (int c = 0; c < 100 && d * 100 + c < synthetic; c++) {
                    String text = words.paragraph(6);
                    float[] vector = randomUnit(random, embedder.dimension());
                    stored.add(vector);
                    batch.add(new EmbeddedChunk(new Chunk("syn-" + d, "Synthetic " + d, 1, List.of(), c * 500, text),
                            vector));
                }
                store.add(KB, "syn-" + d, batch);
            }
            seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "index fill: %d real + %d synthetic-vector chunks = %d, indexing only "
                    + "%.0f chunks/s%n", chunks.size(), synthetic, chunks.size() + synthetic, synthetic / seconds);

            // 3. Query latency, store only (query vectors computed up front) and end to end for hybrid.
            List<String> queries = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            for (int q = 0; q < QUERIES; q++) {
                queries.add(words.query(chunks.get(random.nextInt(chunks.size())).text()));
                vectors.add(embedder.embedQuery(queries.get(q)));
            }
            System.out.printf(Locale.ROOT, "%-34s %9s %9s %10s%n", "query (k=5, 10k chunks)", "p50 ms", "p95 ms",
                    "p50 vs BM25");
            double[] baseline = latencies(q -> store.search(KB, queries.get(q), null, 5, SearchMode.KEYWORD));
            report("BM25 only (baseline)", baseline, baseline);
            double[] hnsw = latencies(q -> store.search(KB, null, vectors.get(q), 5, SearchMode.VECTOR));
            report("vector only (HNSW)", hnsw, baseline);
            double[] brute = latencies(q -> bruteForce(stored, vectors.get(q), 5));
            report("vector, brute-force scan", brute, baseline);
            Bench.row("rag", "vector search (HNSW), p50 of " + stored.size() + " vectors", hnsw[hnsw.length / 2],
                    "brute-force scan", brute[brute.length / 2], "ms");
            report("hybrid (RRF of 50 + 50)", latencies(q -> store.search(KB, queries.get(q), vectors.get(q), 5,
                    SearchMode.HYBRID)), baseline);
            report("hybrid incl. query embedding", latencies(q -> service.search(KB, queries.get(q), 5)), baseline);
        }
    }

    private interface Query {
        void run(int q);
    }

    /** Sorted per-query latencies in ms, after a warm-up pass. */
    private static double[] latencies(Query query) {
        for (int q = 0; q < QUERIES; q++) {
            query.run(q);
        }
        double[] ms = new double[QUERIES];
        for (int q = 0; q < QUERIES; q++) {
            long start = System.nanoTime();
            query.run(q);
            ms[q] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    /** The exact answer the index approximates: every stored vector's dot product, the best {@code k} kept. */
    private static int[] bruteForce(List<float[]> stored, float[] query, int k) {
        java.util.PriorityQueue<double[]> best = new java.util.PriorityQueue<>(k + 1,
                java.util.Comparator.comparingDouble(a -> a[0]));
        for (int i = 0; i < stored.size(); i++) {
            float[] v = stored.get(i);
            double dot = 0;
            for (int j = 0; j < v.length; j++) {
                dot += v[j] * query[j];
            }
            best.add(new double[] { dot, i });
            if (best.size() > k) {
                best.poll();
            }
        }
        return best.stream().mapToInt(a -> (int) a[1]).toArray();
    }

    private static void report(String name, double[] ms, double[] baseline) {
        double p50 = ms[ms.length / 2];
        if (ms != baseline && !name.contains("brute")) {
            Bench.row("rag", name + ", p50", p50, "BM25 only", baseline[baseline.length / 2], "ms");
        }
        double p95 = ms[(int) Math.ceil(ms.length * 0.95) - 1];
        System.out.printf(Locale.ROOT, "%-34s %9.2f %9.2f %9.1fx%n", name, p50, p95, p50 / baseline[baseline.length / 2]);
    }

    private static float[] randomUnit(Random random, int dimension) {
        float[] v = new float[dimension];
        double sum = 0;
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
            sum += v[i] * v[i];
        }
        float norm = (float) Math.sqrt(sum);
        for (int i = 0; i < dimension; i++) {
            v[i] /= norm;
        }
        return v;
    }

    /** Pseudo-English prose from a fixed vocabulary: common words plus invented rare terms. */
    private static final class Words {
        private static final String[] COMMON = ("the system stores each record in a local index and reports the "
                + "result to users who request data about network storage power cable device model service update "
                + "version support access memory signal sensor water engine light sound").split(" ");
        private final Random random;
        private final List<String> rare = new ArrayList<>();

        Words(Random random) {
            this.random = random;
            String[] syllables = {"ka", "lo", "mer", "tis", "van", "dru", "pel", "qua", "zen", "rho", "sil", "tor"};
            for (int i = 0; i < 3000; i++) {
                rare.add(syllables[random.nextInt(12)] + syllables[random.nextInt(12)] + syllables[random.nextInt(12)]);
            }
        }

        String sentence() {
            StringBuilder s = new StringBuilder();
            int n = 8 + random.nextInt(10);
            for (int i = 0; i < n; i++) {
                String word = random.nextInt(3) == 0 ? rare.get(random.nextInt(rare.size()))
                        : COMMON[random.nextInt(COMMON.length)];
                s.append(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word).append(' ');
            }
            return s.toString().strip() + ".";
        }

        String paragraph(int sentences) {
            StringBuilder p = new StringBuilder();
            for (int i = 0; i < sentences; i++) {
                p.append(i == 0 ? "" : " ").append(sentence());
            }
            return p.toString();
        }

        /** A document of three ~1,500-character pages. */
        ParsedDocument document(String title) {
            List<ParsedDocument.Page> pages = new ArrayList<>();
            int offset = 0;
            for (int p = 1; p <= PAGES_PER_DOCUMENT; p++) {
                String text = paragraph(8) + "\n\n" + paragraph(8);
                pages.add(new ParsedDocument.Page(p, text, ParsedDocument.Source.TEXT_LAYER, offset));
                offset += text.length() + 2;
            }
            return new ParsedDocument(title, "txt", pages);
        }

        /** Three words of a chunk, as a user might remember them. */
        String query(String text) {
            String[] tokens = text.replace(".", "").split("\\s+");
            int at = random.nextInt(Math.max(1, tokens.length - 3));
            return String.join(" ", Arrays.copyOfRange(tokens, at, Math.min(tokens.length, at + 3)));
        }
    }
}
