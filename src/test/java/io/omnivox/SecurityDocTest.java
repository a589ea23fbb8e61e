package io.omnivox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * {@code docs/security.md} names, for each threat, the tests that cover it; this keeps those names true: every test
 * class it names exists under {@code src/test/java}, every {@code Class#method} it names is a method of that class, and
 * every repository file it names exists. A renamed or deleted test fails the build instead of leaving the page wrong.
 */
class SecurityDocTest {

    private static final Path DOC = Path.of("docs/security.md");
    /** {@code `FooTest`}, {@code `FooIT#should_x`}: a test class, maybe with a method. */
    private static final Pattern TEST = Pattern.compile("`([A-Z]\\w*(?:Test|IT))(?:#(\\w+))?`");
    /** {@code `ui/test/markdown.test.ts`}: a file of the repository. */
    private static final Pattern FILE = Pattern.compile("`((?:src|ui|docs|models)/[\\w./-]+\\.\\w+)`");

    @Test
    void should_name_only_tests_and_files_that_exist() throws Exception {
        String doc = Files.readString(DOC);
        Map<String, Path> sources = testSources();
        List<String> missing = new ArrayList<>();
        int references = 0;
        for (Matcher m = TEST.matcher(doc); m.find(); references++) {
            Path source = sources.get(m.group(1));
            if (source == null) {
                missing.add(m.group(1) + " (no such test class)");
            } else if (m.group(2) != null && !Files.readString(source).contains("void " + m.group(2) + "(")) {
                missing.add(m.group(1) + "#" + m.group(2) + " (no such method)");
            }
        }
        for (Matcher m = FILE.matcher(doc); m.find();) {
            if (!Files.exists(Path.of(m.group(1)))) {
                missing.add(m.group(1) + " (no such file)");
            }
        }
        assertThat(references).as("test references found in %s", DOC).isGreaterThan(30);
        assertThat(missing).as("names in %s", DOC).isEmpty();
    }

    @Test
    void should_name_the_tests_of_the_security_work() throws Exception {
        String doc = Files.readString(DOC);
        assertThat(doc).contains("`IsolationWalkTest", "`FuzzTest", "`RateLimitTest", "`ApiKeyScopesTest",
                "`PathTraversalTest", "`CorsTest", "`SecretsNotLoggedTest", "`VoiceStoreDeletionTest",
                "`AudiobookCrashIT", "`IngestionCrashIT");
    }

    /** Every test source by simple class name. */
    private static Map<String, Path> testSources() throws Exception {
        Map<String, Path> sources = new HashMap<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.put(
                    f.getFileName().toString().replaceFirst("\\.java$", ""), f));
        }
        return sources;
    }
}
