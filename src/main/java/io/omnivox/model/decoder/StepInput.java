package io.omnivox.model.decoder;

/** What one decoder step consumes: token ids, or ready-made embeddings (e.g. a prompt with image features spliced in). */
public sealed interface StepInput {

    /** Number of positions this step adds to the sequence. */
    int length();

    /** Token ids, one per new position. */
    record Tokens(long[] ids) implements StepInput {
        public Tokens {
            if (ids.length == 0) {
                throw new IllegalArgumentException("a decoder step needs at least one token");
            }
        }

        @Override
        public int length() {
            return ids.length;
        }
    }

    /** Embedding vectors {@code [positions][hidden]}, one per new position. */
    record Embeddings(float[][] vectors) implements StepInput {
        public Embeddings {
            if (vectors.length == 0) {
                throw new IllegalArgumentException("a decoder step needs at least one embedding");
            }
        }

        @Override
        public int length() {
            return vectors.length;
        }
    }

    static StepInput tokens(long... ids) {
        return new Tokens(ids);
    }
}
