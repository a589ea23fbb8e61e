package io.omnivox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the build fetches is pinned, so a hijacked or silently changed release cannot slip in through a version
 * range: exact versions in the POM (no ranges, no LATEST/RELEASE, no snapshots), every npm package of the UI locked
 * with its SHA-512, and Maven itself downloaded by the wrapper only when its SHA-256 matches.
 */
class DependencyPinningTest {

    @Test
    void should_pin_every_maven_dependency_and_plugin_to_one_exact_release() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document pom = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        Element project = pom.getDocumentElement();
        Properties properties = new Properties();
        NodeList declared = project.getElementsByTagName("properties");
        for (int i = 0; i < declared.getLength(); i++) {
            NodeList children = declared.item(i).getChildNodes();
            for (int c = 0; c < children.getLength(); c++) {
                if (children.item(c) instanceof Element e) {
                    properties.setProperty(e.getTagName(), e.getTextContent().strip());
                }
            }
        }
        List<String> loose = new ArrayList<>();
        NodeList versions = project.getElementsByTagName("version");
        for (int i = 0; i < versions.getLength(); i++) {
            Element version = (Element) versions.item(i);
            String parent = ((Element) version.getParentNode()).getTagName();
            if (parent.equals("project")) {
                continue; // Omnivox's own version
            }
            String value = resolve(version.getTextContent().strip(), properties);
            if (value.matches(".*[\\[\\](),].*") || value.equals("LATEST") || value.equals("RELEASE")
                    || value.endsWith("-SNAPSHOT")) {
                loose.add(parent + " " + name(version) + ": " + value);
            }
        }
        assertThat(versions.getLength()).as("versions found in pom.xml").isGreaterThan(10);
        assertThat(loose).as("dependencies or plugins not pinned to one release").isEmpty();
    }

    @Test
    void should_lock_every_ui_package_with_its_sha512_from_the_npm_registry() throws Exception {
        JsonNode lock = new ObjectMapper().readTree(Files.readString(Path.of("ui", "package-lock.json")));
        List<String> unlocked = new ArrayList<>();
        lock.path("packages").fields().forEachRemaining(entry -> {
            if (entry.getKey().isEmpty()) {
                return; // the UI itself
            }
            JsonNode pkg = entry.getValue();
            String resolved = pkg.path("resolved").asText("");
            if (!pkg.path("integrity").asText().startsWith("sha512-")
                    || !(resolved.isEmpty() || resolved.startsWith("https://registry.npmjs.org/"))) {
                unlocked.add(entry.getKey());
            }
        });
        assertThat(lock.path("packages").size()).as("packages in the lock file").isGreaterThan(10);
        assertThat(unlocked).as("UI packages without a SHA-512, or from elsewhere than the npm registry").isEmpty();
    }

    @Test
    void should_download_maven_only_when_its_checksum_matches() throws Exception {
        Properties wrapper = new Properties();
        try (var in = Files.newInputStream(Path.of(".mvn", "wrapper", "maven-wrapper.properties"))) {
            wrapper.load(in);
        }
        assertThat(wrapper.getProperty("distributionUrl")).matches(".*/apache-maven-\\d+\\.\\d+\\.\\d+-bin\\.zip");
        assertThat(wrapper.getProperty("distributionSha256Sum")).matches("[0-9a-f]{64}");
    }

    private static String resolve(String value, Properties properties) {
        String resolved = value;
        for (int depth = 0; depth < 5 && resolved.contains("${"); depth++) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([^}]+)}").matcher(resolved);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(
                        properties.getProperty(m.group(1), m.group())));
            }
            m.appendTail(out);
            resolved = out.toString();
        }
        return resolved;
    }

    private static String name(Element version) {
        NodeList ids = ((Element) version.getParentNode()).getElementsByTagName("artifactId");
        return ids.getLength() == 0 ? "?" : ids.item(0).getTextContent().strip();
    }
}
