package io.omnivox.model.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import io.omnivox.model.registry.ModelManifest.ModelFile;

/**
 * Downloads a model's files into its directory: into {@code NAME.part} first, resuming a partial file with an HTTP
 * range request, retrying a cut connection, then checking size and SHA-256 before the file takes its final name. A
 * file already present with the right size and checksum is not downloaded again.
 */
public final class ModelFetcher {

    private static final int BUFFER = 1 << 16;

    private final HttpClient http;
    private final FetchProgress progress;
    private final int attempts;

    /**
     * @param http     client to use (redirects must be followed: model hosts redirect to CDNs)
     * @param progress where progress goes
     * @param attempts tries per file when a connection is cut mid-way (each resumes where the last stopped)
     */
    public ModelFetcher(HttpClient http, FetchProgress progress, int attempts) {
        this.http = http;
        this.progress = progress;
        this.attempts = attempts;
    }

    /** A fetcher with a client that follows redirects and gives up connecting after 20 seconds. */
    public static ModelFetcher withDefaults(FetchProgress progress) {
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20))
                .build();
        return new ModelFetcher(http, progress, 5);
    }

    /** Fetches every missing file of {@code manifest}; files that only an export recipe makes are reported. */
    public void fetch(ModelRegistry registry, ModelManifest manifest) throws FetchException {
        List<ModelFile> missing = registry.missingFiles(manifest);
        for (ModelFile file : missing) {
            if (file.downloadable()) {
                fetchFile(manifest.name(), file, registry.path(manifest, file));
            }
        }
        // Downloads first, so a model mixing public files and exported ones gets everything that can be fetched.
        for (ModelFile file : missing) {
            if (!file.downloadable()) {
                throw new FetchException("Model '" + manifest.name() + "' has no public download for " + file.path()
                        + ": produce it with " + manifest.exportRecipe().orElse("its export recipe")
                        + " and put it at " + registry.path(manifest, file));
            }
        }
    }

    /** Downloads one file to {@code target}, resuming and verifying as described above. */
    public void fetchFile(String model, ModelFile file, Path target) throws FetchException {
        String url = file.url().orElseThrow();
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new FetchException("Cannot create " + target.getParent() + ": " + e.getMessage(), e);
        }
        IOException lastCut = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                download(model, file, url, part);
                verify(model, file, part);
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                progress.done(model + "/" + file.path());
                return;
            } catch (ConnectException | UnknownHostException | HttpConnectTimeoutException e) {
                throw offline(model, file, target, e);
            } catch (IOException e) {
                lastCut = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FetchException("Download of " + url + " was interrupted; run the fetch again to resume", e);
            }
        }
        throw new FetchException("Download of " + file.path() + " for model '" + model + "' from " + url + " failed "
                + attempts + " times (" + describe(lastCut) + "). The partial file " + part
                + " is kept: run the fetch again to resume.", lastCut);
    }

    private void download(String model, ModelFile file, String url, Path part)
            throws IOException, InterruptedException, FetchException {
        String label = model + "/" + file.path();
        long expectedSize = file.size().orElse(-1L);
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (expectedSize > 0 && have >= expectedSize) {
            // Complete on disk already; verify() decides whether it is good. Still announce the file, so the
            // progress display has a label and total for its done() line instead of the previous file's.
            progress.start(label, expectedSize, have);
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        boolean resumed = status == 206;
        if (status != 200 && !resumed) {
            response.body().close();
            // Not a cut connection: retrying would get the same answer, so say which file and URL to check.
            throw new FetchException("Cannot download " + file.path() + " of model '" + model + "': " + url
                    + " answered HTTP " + status + ". Check the url in the model's manifest.");
        }
        if (!resumed) {
            have = 0; // the server ignored the range: start over
        }
        progress.start(label, expectedSize, have);
        StandardOpenOption mode = resumed ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        try (InputStream in = response.body();
                OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) >= 0;) {
                out.write(buffer, 0, n);
                progress.advance(n);
            }
        }
    }

    private static void verify(String model, ModelFile file, Path part) throws IOException, FetchException {
        long size = Files.size(part);
        if (file.size().isPresent() && size != file.size().get()) {
            if (size > file.size().get()) {
                Files.delete(part);
            }
            throw new IOException("got " + size + " of " + file.size().get() + " bytes");
        }
        String actual = sha256(part);
        String expected = file.sha256().orElseThrow();
        if (!actual.equals(expected)) {
            Files.delete(part);
            throw new FetchException("Checksum mismatch for " + file.path() + " of model '" + model + "' from "
                    + file.url().orElseThrow() + ": expected sha256 " + expected + ", got " + actual
                    + ". The download was discarded; the file may have changed upstream.");
        }
    }

    /** Lowercase hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) >= 0;) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static FetchException offline(String model, ModelFile file, Path target, IOException cause) {
        return new FetchException("Cannot reach " + file.url().orElseThrow() + " to download " + file.path()
                + " of model '" + model + "' (" + describe(cause) + "). If this machine is offline, download that URL "
                + "elsewhere and put the file at " + target + " (sha256 " + file.sha256().orElse("?") + ", "
                + file.size().map(s -> s + " bytes").orElse("size unknown") + ").", cause);
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "no error";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
