package io.omnivox.model.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.omnivox.model.registry.ModelManifest.ModelFile;

/**
 * Downloads against a loopback HTTP server: the fetcher's promises (verified files only, resumable partial files,
 * messages that say what to do by hand) are what keeps a user with a flaky or no connection able to get the weights.
 */
class ModelFetcherTest {

    private static final int SIZE = 300_000;
    private static final int CUT = 100_000;
    private static final byte[] CONTENT = LocalFileServer.deterministicBytes(SIZE, 42);
    private static final String SHA256 = sha256(CONTENT);
    private static final String MODEL = "tiny-asr";
    private static final String FILE = "model.onnx";

    @TempDir
    Path dir;

    private LocalFileServer server;
    private HttpClient http;
    private final RecordingProgress progress = new RecordingProgress();

    @BeforeEach
    void startServer() throws IOException {
        server = LocalFileServer.serving("/" + FILE, CONTENT);
        // Same settings as ModelFetcher.withDefaults, with a short connect timeout: everything here is loopback.
        http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    @AfterEach
    void stopServer() {
        http.close();
        server.close();
    }

    @Test
    void should_store_the_exact_bytes_and_leave_no_part_file_when_the_checksum_matches() throws Exception {
        // given
        Path target = dir.resolve(MODEL).resolve(FILE);
        ModelFile file = file(server.url(), SHA256);

        // when
        fetcher().fetchFile(MODEL, file, target);

        // then
        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
        assertThat(part(target)).doesNotExist();
        assertThat(progress.starts).containsExactly(new Start(MODEL + "/" + FILE, SIZE, 0));
        assertThat(progress.advanced()).isEqualTo(SIZE);
        assertThat(progress.done).containsExactly(MODEL + "/" + FILE);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void should_discard_the_download_and_name_file_url_and_both_checksums_when_the_checksum_differs() throws Exception {
        // given: the manifest expects other bytes than the host serves (the file changed upstream)
        Path target = dir.resolve(MODEL).resolve(FILE);
        String expected = "ab".repeat(32);
        ModelFile file = file(server.url(), expected);

        // when
        FetchException error = catchThrowableOfType(FetchException.class,
                () -> fetcher().fetchFile(MODEL, file, target));

        // then
        assertThat(error).isNotNull();
        assertThat(error.getMessage()).contains(FILE, MODEL, server.url(), expected, SHA256);
        assertThat(target).doesNotExist();
        assertThat(part(target)).doesNotExist();
        assertThat(progress.done).isEmpty();
    }

    @Test
    void should_resume_with_a_range_request_when_the_connection_is_cut() throws Exception {
        // given: the first response announces the whole file but stops after CUT bytes
        server.cutNextResponseAfter(CUT);
        Path target = dir.resolve(MODEL).resolve(FILE);

        // when
        fetcher().fetchFile(MODEL, file(server.url(), SHA256), target);

        // then: the retry asks only for what reached the disk, and the pieces join up byte for byte. That is CUT
        // bytes at most, not exactly: the JDK client's body stream drops chunks it had queued but not yet handed out
        // once it sees the connection fail (seen: 98,162 of 100,000 in about 2% of runs), and the fetcher rightly
        // resumes from the .part file's size, not from what the server believes it sent.
        long resumedFrom = progress.starts.get(1).already();
        assertThat(resumedFrom).isPositive().isLessThanOrEqualTo(CUT);
        assertThat(server.rangeHeaders()).containsExactly("", "bytes=" + resumedFrom + "-");
        assertThat(server.bytesSent()).isEqualTo(CUT + SIZE - resumedFrom);
        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
        assertThat(part(target)).doesNotExist();
        assertThat(progress.starts).containsExactly(new Start(MODEL + "/" + FILE, SIZE, 0),
                new Start(MODEL + "/" + FILE, SIZE, resumedFrom));
        assertThat(progress.done).containsExactly(MODEL + "/" + FILE);
    }

    @Test
    void should_transfer_only_the_remainder_when_a_part_file_is_left_from_an_earlier_run() throws Exception {
        // given: an earlier run (e.g. interrupted with Ctrl-C) left the first CUT bytes
        Path target = dir.resolve(MODEL).resolve(FILE);
        Files.createDirectories(target.getParent());
        Files.write(part(target), Arrays.copyOf(CONTENT, CUT));

        // when
        fetcher().fetchFile(MODEL, file(server.url(), SHA256), target);

        // then
        assertThat(server.rangeHeaders()).containsExactly("bytes=" + CUT + "-");
        assertThat(server.bytesSent()).isEqualTo(SIZE - CUT);
        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
        assertThat(part(target)).doesNotExist();
        assertThat(progress.starts).containsExactly(new Start(MODEL + "/" + FILE, SIZE, CUT));
    }

    @Test
    void should_verify_without_any_request_when_a_complete_part_file_is_left_from_an_earlier_run() throws Exception {
        // given: an earlier run got every byte but stopped before verifying and renaming
        Path target = dir.resolve(MODEL).resolve(FILE);
        Files.createDirectories(target.getParent());
        Files.write(part(target), CONTENT);

        // when
        fetcher().fetchFile(MODEL, file(server.url(), SHA256), target);

        // then: the progress display still learns which file it is, so its final line is about this file
        assertThat(server.requestCount()).isZero();
        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
        assertThat(part(target)).doesNotExist();
        assertThat(progress.starts).containsExactly(new Start(MODEL + "/" + FILE, SIZE, SIZE));
        assertThat(progress.done).containsExactly(MODEL + "/" + FILE);
    }

    @Test
    void should_say_where_to_put_the_file_by_hand_when_the_host_cannot_be_reached() throws Exception {
        // given
        String url = LocalFileServer.closedPortUrl("/" + FILE);
        Path target = dir.resolve(MODEL).resolve(FILE);

        // when
        FetchException error = catchThrowableOfType(FetchException.class,
                () -> fetcher().fetchFile(MODEL, file(url, SHA256), target));

        // then
        assertThat(error).isNotNull();
        assertThat(error.getMessage()).contains(FILE, MODEL, url, "put the file at " + target, SHA256,
                SIZE + " bytes");
        assertThat(target).doesNotExist();
    }

    @Test
    void should_fail_clearly_without_retrying_when_the_server_answers_404() throws Exception {
        // given: a URL the host does not know (a retry would only hammer it)
        String url = server.url("/gone.onnx");
        Path target = dir.resolve(MODEL).resolve(FILE);

        // when
        FetchException error = catchThrowableOfType(FetchException.class,
                () -> fetcher().fetchFile(MODEL, file(url, SHA256), target));

        // then
        assertThat(error).isNotNull();
        assertThat(error.getMessage()).contains("answered HTTP 404", url, FILE, MODEL);
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(target).doesNotExist();
        assertThat(part(target)).doesNotExist();
    }

    @Test
    void should_not_download_again_when_the_file_is_present_with_the_right_size() throws Exception {
        // given: a registry whose one model was fetched once already
        ModelRegistry registry = registry(server.url());
        ModelManifest manifest = registry.require(MODEL);
        fetcher().fetch(registry, manifest);
        int requestsAfterFirstFetch = server.requestCount();

        // when
        fetcher().fetch(registry, manifest);

        // then
        assertThat(requestsAfterFirstFetch).isEqualTo(1);
        assertThat(server.requestCount()).isEqualTo(requestsAfterFirstFetch);
        assertThat(Files.readAllBytes(registry.path(manifest, manifest.files().get(0)))).isEqualTo(CONTENT);
    }

    @Test
    void should_name_the_recipe_and_the_target_path_when_a_file_has_no_url() throws Exception {
        // given: a model whose ONNX file only the export recipe can produce
        Path manifests = Files.createDirectories(dir.resolve("manifests"));
        Files.writeString(manifests.resolve("export-only.yaml"), """
                name: export-only
                capability: tts
                description: Exported by hand.
                license: MIT
                homepage: https://example.org/export-only
                files:
                  - path: decoder.onnx
                export:
                  recipe: docs/export/export-only.md
                """);
        ModelRegistry registry = ModelRegistry.load(manifests, dir.resolve("weights"));
        ModelManifest manifest = registry.require("export-only");
        Path target = registry.path(manifest, manifest.files().get(0));

        // when
        FetchException error = catchThrowableOfType(FetchException.class, () -> fetcher().fetch(registry, manifest));

        // then
        assertThat(error).isNotNull();
        assertThat(error.getMessage()).contains("export-only", "decoder.onnx", "docs/export/export-only.md",
                target.toString());
        assertThat(server.requestCount()).isZero();
    }

    private ModelFetcher fetcher() {
        return new ModelFetcher(http, progress, 3);
    }

    private ModelRegistry registry(String url) throws IOException {
        Path manifests = Files.createDirectories(dir.resolve("manifests"));
        Files.writeString(manifests.resolve(MODEL + ".yaml"), """
                name: %s
                capability: asr
                description: A test model.
                license: MIT
                homepage: https://example.org/%s
                files:
                  - path: %s
                    url: %s
                    sha256: %s
                    size: %d
                """.formatted(MODEL, MODEL, FILE, url, SHA256, SIZE));
        return ModelRegistry.load(manifests, dir.resolve("weights"));
    }

    private static ModelFile file(String url, String sha256) {
        return new ModelFile(FILE, Optional.of(url), Optional.of(sha256), Optional.of((long) SIZE));
    }

    private static Path part(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Start(String label, long total, long already) {
    }

    /** Keeps every progress event so tests can check what a user would have been shown. */
    private static final class RecordingProgress implements FetchProgress {

        final List<Start> starts = new CopyOnWriteArrayList<>();
        final List<Long> advances = new CopyOnWriteArrayList<>();
        final List<String> done = new CopyOnWriteArrayList<>();

        @Override
        public void start(String label, long total, long already) {
            starts.add(new Start(label, total, already));
        }

        @Override
        public void advance(long bytes) {
            advances.add(bytes);
        }

        @Override
        public void done(String label) {
            done.add(label);
        }

        long advanced() {
            return advances.stream().mapToLong(Long::longValue).sum();
        }
    }
}
