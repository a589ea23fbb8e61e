package io.omnivox.rag;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Retrieval settings: which embedding model, which store, how documents are cut. */
@ConfigMapping(prefix = "omnivox.rag")
public interface RagConfig {

    /** The in-process embedding model (both run on ONNX Runtime, bundled in their jars; nothing to download). */
    enum EmbeddingModelChoice {
        /** bge-small-en-v1.5, quantised: 384 dimensions, English. */
        ENGLISH,
        /** bge-small-zh-v1.5, quantised: 512 dimensions, Chinese. */
        CHINESE
    }

    /** Where chunks and their vectors live. */
    enum StoreChoice {
        /** Embedded Lucene index on local disk: vectors (HNSW) plus BM25 text, hybrid search. */
        LUCENE,
        /** A Milvus server ({@code omnivox.rag.milvus.*}). */
        MILVUS
    }

    /** {@code english} (default) or {@code chinese}. Changing it needs a re-index: each model has its own index. */
    @WithDefault("english")
    EmbeddingModelChoice embeddingModel();

    /** {@code lucene} (default) or {@code milvus}. */
    @WithDefault("lucene")
    StoreChoice store();

    /** How documents are cut into chunks. */
    Chunking chunking();

    /** The embedded Lucene store. */
    Lucene lucene();

    /** The Milvus store. */
    Milvus milvus();

    /** Uploads into knowledge bases and their background ingestion. */
    Ingestion ingestion();

    /** Chunk sizes, in characters (see {@link Chunker} for why characters). */
    interface Chunking {
        /** Most characters per chunk: 500 keeps Chinese chunks inside bge-small's 512-token window. */
        @WithDefault("500")
        int targetChars();

        /** Characters of whole sentences repeated from the previous chunk. */
        @WithDefault("100")
        int overlapChars();
    }

    /** Embedded Lucene index settings. */
    interface Lucene {
        /** Index folder; each embedding model gets a sub-folder named after it, since their vectors do not mix. */
        @WithDefault("${omnivox.data-dir:data}/rag/lucene")
        Path dir();

        /**
         * Candidates each retriever (vector, BM25) contributes before hybrid fusion; more costs latency, fewer can
         * miss a passage that only one retriever ranks high.
         */
        @WithDefault("50")
        int candidates();
    }

    /** Knowledge-base uploads: where their files are kept, how large they may be, how many are ingested at once. */
    interface Ingestion {
        /**
         * Folder of uploaded files, one per document named by its id. They are kept after ingestion so a document
         * can be re-indexed (another chunking, another embedding model) and an interrupted ingestion resumed.
         */
        @WithDefault("${omnivox.data-dir:data}/rag/files")
        Path filesDir();

        /** Largest upload, in bytes (50 MiB). Audio is further limited by {@code omnivox.asr.max-upload-bytes}. */
        @WithDefault("52428800")
        long maxUploadBytes();

        /**
         * Documents ingested at the same time. One by default: parsing, OCR, speech recognition and embedding each
         * already use several cores, and chat requests share the machine.
         */
        @WithDefault("1")
        int workers();

        /**
         * How often a replica looks for documents to ingest that nobody holds: left pending, or processing by a
         * replica that died (its lease passed). An upload is ingested at once by the replica that took it.
         */
        @WithDefault("5s")
        java.time.Duration pollInterval();

        /**
         * How long a replica's claim on a document it is ingesting holds without being renewed (it renews every third
         * of this). A replica that dies leaves its document to the others after this long.
         */
        @WithDefault("15s")
        java.time.Duration lease();

        /** Length of one "page" of a transcribed recording, in seconds, so a citation points to a time window. */
        @WithDefault("60")
        int audioPageSeconds();
    }

    /** Milvus connection settings. */
    interface Milvus {
        /** e.g. {@code http://localhost:19530}; required when {@code omnivox.rag.store=milvus}. */
        Optional<String> uri();

        /** API token ({@code user:password} or a Zilliz key), if the server wants one. */
        Optional<String> token();

        @WithDefault("omnivox_chunks")
        String collection();
    }
}
