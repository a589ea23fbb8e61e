package io.omnivox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged app, run as the README runs it, starts with no weights at all and says so in readiness. */
class PackagedAppIT {

    @Test
    void should_start_and_report_missing_weights_when_no_weights_are_present(@TempDir Path dir) throws Exception {
        try (AppProcess app = AppProcess.start(dir)) {
            HttpResponse<String> ready = app.awaitReady();

            assertThat(ready.statusCode()).as(app.output()).isEqualTo(200);
            assertThat(ready.body()).contains("\"status\": \"UP\"", "\"model.sensevoice-small\": \"weights missing\"");

            HttpResponse<String> missing = app.get("/no/such/page", null);
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("content-type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(missing.body()).contains("\"status\":404").doesNotContain("Exception");

            assertThat(app.get("/v1/models", null).statusCode()).isEqualTo(401);
            assertThat(app.get("/v1/models", AppProcess.ADMIN_KEY).statusCode()).isEqualTo(200);
        }
    }

    /**
     * The in-process embedding model (LangChain4j, DJL's tokenizer, ONNX Runtime) runs in the packaged app's class
     * loaders, which differ from the test's: a library loaded parent-first must find its logging there too.
     */
    @Test
    void should_embed_text_in_the_packaged_app(@TempDir Path dir) throws Exception {
        try (AppProcess app = AppProcess.start(dir)) {
            assertThat(app.awaitReady().statusCode()).as(app.output()).isEqualTo(200);

            HttpResponse<String> embedded = app.postJson("/v1/embeddings", "{\"input\": \"hello\"}",
                    AppProcess.ADMIN_KEY);

            assertThat(embedded.statusCode()).as(app.output()).isEqualTo(200);
            assertThat(embedded.body()).contains("\"object\":\"embedding\"");
        }
    }
}
