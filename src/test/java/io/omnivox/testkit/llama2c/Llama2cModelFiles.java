package io.omnivox.testkit.llama2c;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared stories260K files. They live outside the repository, next to it, so tests
 * skip (not fail) where they are absent. Maven runs tests from the project root, hence "..".
 */
public final class Llama2cModelFiles {

    static final Path DIR = Path.of("..", "shared", "models", "llama2c-stories260K");
    static final Path CHECKPOINT = DIR.resolve("stories260K.bin");
    static final Path TOKENIZER = DIR.resolve("tok512.bin");

    private static Llama2cCheckpoint checkpoint;

    private Llama2cModelFiles() {
    }

    /** Whether the shared model files exist. */
    public static boolean present() {
        return Files.isRegularFile(CHECKPOINT) && Files.isRegularFile(TOKENIZER);
    }

    /**
     * Skips the calling test with a clear message when the shared model files are missing. Call it
     * from {@code @BeforeEach}: surefire drops the message of an assumption failing in {@code @BeforeAll}.
     */
    public static void assumePresent() {
        assumeTrue(present(),
                "stories260K not found at " + DIR.toAbsolutePath().normalize()
                        + " (shared test models live next to the project checkout); skipping");
    }

    /** The checkpoint, read once per test JVM. */
    public static synchronized Llama2cCheckpoint checkpoint() {
        assumePresent();
        if (checkpoint == null) {
            try {
                checkpoint = Llama2cCheckpoint.read(CHECKPOINT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return checkpoint;
    }

    /** The tokenizer vocabulary (512 pieces). */
    public static Llama2cTokenizerJson.Vocab vocab() {
        try {
            return Llama2cTokenizerJson.Vocab.read(TOKENIZER, checkpoint().config().vocabSize());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
