package io.omnivox.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.omnivox.testkit.DefaultApiKey;

/** Runs the browser scenarios of {@code ui/e2e/} (Node + playwright-core driving Debian's Chromium) against an app. */
final class Scenarios {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path E2E = Path.of("ui", "e2e");
    static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

    private Scenarios() {
    }

    /** Skips the calling test unless the browser, the scenarios and the UI's npm packages are there. */
    static void requireBrowser() {
        assumeTrue(Files.isExecutable(CHROMIUM), "needs Debian's chromium (installed by .ci/run)");
        assumeTrue(Files.isRegularFile(E2E.resolve("browser.mjs")), "needs the UI's browser tests in ui/e2e");
        assumeTrue(Files.isDirectory(Path.of("ui", "node_modules", "playwright-core")),
                "needs the UI's npm packages (installed by the build)");
    }

    /** Runs one browser scenario against {@code app} and fails with its output unless it passes. */
    static void run(URL app, String scenario, Map<String, String> settings) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Map<String, String> env = new HashMap<>(settings);
        env.put("OMNIVOX_URL", app.toString().replaceAll("/$", ""));
        env.put("OMNIVOX_KEY", DefaultApiKey.TEST_ADMIN_KEY);
        env.put("SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString());
        env.put("CHROMIUM", CHROMIUM.toString());
        Path log = Files.createTempFile("omnivox-ui-" + scenario, ".log");
        try {
            ProcessBuilder node = new ProcessBuilder("node", E2E.resolve(scenario + ".mjs").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            node.environment().putAll(env);
            Process process = node.start();
            boolean finished = process.waitFor(3, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly();
            }
            String output = Files.readString(log);
            System.out.printf("--- browser scenario %s ---%n%s%n", scenario, output);
            assertThat(finished).as("browser scenario %s finished in time; output:%n%s", scenario, output).isTrue();
            assertThat(process.exitValue()).as("browser scenario %s; output:%n%s", scenario, output).isZero();
            assertThat(SCREENSHOTS.resolve(scenario + ".png")).as("its screenshot").isNotEmptyFile();
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
