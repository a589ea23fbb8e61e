package io.omnivox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged app, run as the README runs it, starts with no weights at all and says so in readiness. */
class PackagedAppIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void should_start_and_report_missing_weights_when_no_weights_are_present(@TempDir Path dir) throws Exception {
        try (AppProcess app = AppProcess.start(dir)) {
            HttpResponse<String> ready = awaitReady(app);

            assertThat(ready.statusCode()).as(app.output()).isEqualTo(200);
            assertThat(ready.body()).contains("\"status\": \"UP\"", "\"model.sensevoice-small\": \"weights missing\"");

            HttpResponse<String> missing = get(app, "/no/such/page");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("content-type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(missing.body()).contains("\"status\":404").doesNotContain("Exception");
        }
    }

    private HttpResponse<String> awaitReady(AppProcess app) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!app.isAlive()) {
                throw new AssertionError("the app exited during startup:\n" + app.output());
            }
            try {
                return get(app, "/q/health/ready");
            } catch (java.io.IOException notYetListening) {
                Thread.sleep(250);
            }
        }
        throw new AssertionError("the app did not answer within 60 s:\n" + app.output());
    }

    private HttpResponse<String> get(AppProcess app, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port + path))
                .timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
