package io.omnivox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new installation prints a generated admin key once; the next start, on the same database, prints nothing and the
 * key still works. A configured bootstrap key is never printed.
 */
class BootstrapKeyIT {

    private static final Pattern KEY = Pattern.compile("ovx_[A-Za-z0-9_-]{43}");

    @Test
    void should_print_a_generated_admin_key_on_the_first_start_only(@TempDir Path dir) throws Exception {
        String key;
        try (AppProcess first = AppProcess.startWithoutKey(dir)) {
            first.awaitReady();
            List<String> printed = keys(first.output());
            assertThat(printed).as(first.output()).hasSize(1);
            assertThat(first.output()).contains("shown only this once");
            key = printed.get(0);
            assertThat(first.get("/api/keys", key).statusCode()).isEqualTo(200);
        }

        try (AppProcess second = AppProcess.startWithoutKey(dir)) {
            second.awaitReady();
            assertThat(keys(second.output())).as(second.output()).isEmpty();
            assertThat(second.output()).doesNotContain("shown only this once");
            assertThat(second.get("/api/keys", key).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void should_never_print_a_configured_bootstrap_key(@TempDir Path dir) throws Exception {
        try (AppProcess app = AppProcess.start(dir)) {
            app.awaitReady();
            assertThat(app.output()).doesNotContain(AppProcess.ADMIN_KEY).doesNotContain("shown only this once");
            assertThat(app.get("/api/keys", AppProcess.ADMIN_KEY).statusCode()).isEqualTo(200);
        }
    }

    private static List<String> keys(String log) {
        Matcher matcher = KEY.matcher(log);
        return matcher.results().map(r -> r.group()).toList();
    }
}
