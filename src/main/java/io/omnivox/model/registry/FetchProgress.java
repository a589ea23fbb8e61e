package io.omnivox.model.registry;

/** Receives download progress of one file at a time. Implementations decide how often to show it. */
public interface FetchProgress {

    /** A file starts (or resumes, with {@code already} bytes on disk); {@code total} is -1 when unknown. */
    void start(String label, long total, long already);

    /** {@code bytes} more have arrived. */
    void advance(long bytes);

    /** The file is complete and verified. */
    void done(String label);

    FetchProgress NONE = new FetchProgress() {
        @Override
        public void start(String label, long total, long already) {
        }

        @Override
        public void advance(long bytes) {
        }

        @Override
        public void done(String label) {
        }
    };
}
