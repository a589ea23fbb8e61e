package io.omnivox.model.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code models/fetch} is the first thing a user runs; it must take its directories from the same environment as the
 * server and answer mistakes (an unknown name) with the names it does know. Runs {@link FetchCommand#run} in-process
 * against a loopback server, with the environment passed in instead of the real one.
 */
class FetchCommandTest {

    private static final int SIZE = 50_000;
    private static final byte[] CONTENT = LocalFileServer.deterministicBytes(SIZE, 7);

    @TempDir
    Path dir;

    private LocalFileServer server;
    private Path manifests;
    private Path weights;
    private Map<String, String> env;

    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws IOException {
        server = LocalFileServer.serving("/model.onnx", CONTENT);
        manifests = Files.createDirectories(dir.resolve("manifests"));
        weights = dir.resolve("weights");
        env = Map.of("OMNIVOX_MODELS_MANIFESTS", manifests.toString(), "OMNIVOX_MODELS_DIR", weights.toString());
        writeManifest("tiny-asr", server.url());
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        server.close();
    }

    @Test
    void should_download_into_the_models_dir_and_exit_0_when_the_model_is_named() {
        // given: setUp's manifest pointing at the loopback server

        // when
        int exit = FetchCommand.run(new String[] {"tiny-asr"}, env);

        // then
        assertThat(exit).as("stderr: %s", stderr()).isZero();
        assertThat(weights.resolve("tiny-asr/model.onnx")).hasBinaryContent(CONTENT);
        assertThat(stderr()).contains("Verified tiny-asr/model.onnx", "tiny-asr: ready in");
    }

    @Test
    void should_exit_2_and_list_the_known_models_when_the_name_is_unknown() throws IOException {
        // given
        writeManifest("tiny-vad", server.url());

        // when
        int exit = FetchCommand.run(new String[] {"tiny-tts"}, env);

        // then
        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).contains("No model named 'tiny-tts'; known models: tiny-asr, tiny-vad");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void should_exit_1_and_keep_going_when_a_download_fails() throws IOException {
        // given: a second model whose URL the host does not know
        writeManifest("tiny-vad", server.url("/missing.onnx"));

        // when
        int exit = FetchCommand.run(new String[] {"--all"}, env);

        // then: the good model still lands; the summary says the server runs on without the other
        assertThat(exit).isEqualTo(1);
        assertThat(weights.resolve("tiny-asr/model.onnx")).hasBinaryContent(CONTENT);
        assertThat(stderr()).contains("answered HTTP 404", "Not fetched: tiny-vad");
    }

    @Test
    void should_print_each_model_with_its_state_when_listing() {
        // given

        // when
        int exit = FetchCommand.run(new String[] {"--list"}, env);

        // then
        assertThat(exit).isZero();
        assertThat(stdout()).contains(String.format("%-24s %-9s %-8s %s", "tiny-asr", "asr", "missing", "Test model tiny-asr."));
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void should_use_OMNIVOX_MODELS_DIR_when_it_is_set() {
        // given
        Map<String, String> both = Map.of("OMNIVOX_MODELS_DIR", "/data/weights", "XDG_CACHE_HOME", "/xdg");

        // when
        Path weightsDir = FetchCommand.weightsDir(both);

        // then
        assertThat(weightsDir).isEqualTo(Path.of("/data/weights"));
    }

    @Test
    void should_use_the_xdg_cache_when_OMNIVOX_MODELS_DIR_is_unset_or_blank() {
        // given
        Map<String, String> xdgOnly = Map.of("XDG_CACHE_HOME", "/xdg");
        Map<String, String> blankDir = Map.of("XDG_CACHE_HOME", "/xdg", "OMNIVOX_MODELS_DIR", " ");

        // when / then
        assertThat(FetchCommand.weightsDir(xdgOnly)).isEqualTo(Path.of("/xdg/omnivox/models"));
        assertThat(FetchCommand.weightsDir(blankDir)).isEqualTo(Path.of("/xdg/omnivox/models"));
    }

    @Test
    void should_use_the_home_cache_when_neither_variable_is_set() {
        // given
        Map<String, String> none = Map.of();

        // when
        Path weightsDir = FetchCommand.weightsDir(none);

        // then: the same place as ModelsConfig's default, so server and command agree
        assertThat(weightsDir).isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "omnivox", "models"));
    }

    private void writeManifest(String name, String url) throws IOException {
        Files.writeString(manifests.resolve(name + ".yaml"), """
                name: %s
                capability: asr
                description: Test model %s.
                license: MIT
                homepage: https://example.org/%s
                files:
                  - path: model.onnx
                    url: %s
                    sha256: %s
                    size: %d
                """.formatted(name, name, name, url, ModelFetcherTest.sha256(CONTENT), SIZE));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
