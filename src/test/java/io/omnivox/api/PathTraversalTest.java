package io.omnivox.api;

import static io.omnivox.testkit.DefaultApiKey.withKey;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.omnivox.imagegen.ImageGenConfig;
import io.omnivox.imagegen.ImageStore;
import io.omnivox.studio.StudioJobs;
import io.omnivox.testkit.JobWaits;
import io.omnivox.testkit.KnowledgeFixtures;
import io.omnivox.testkit.KnowledgeFixtures.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * No file-serving route hands out a file outside what it serves: job downloads, generated images and the UI's static
 * files are asked for names with {@code ..}, encoded {@code %2e%2e%2f}, backslashes and absolute paths, aimed at a
 * canary file next to the served folders, at another user's image and at system files. Every answer is 400 or 404,
 * never a file. (Knowledge-base documents are not served back at all.)
 */
@QuarkusTest
class PathTraversalTest {

    private static final String CANARY = "canary-secret-do-not-serve";

    /** Names aimed outside the served folder, as sent on the wire (percent-encoding kept as written). */
    private static final List<String> ESCAPES = List.of(
            "..%2F..%2Fcanary.txt",
            "%2e%2e%2f%2e%2e%2fcanary.txt",
            "%2E%2E%2F%2E%2E%2F%2E%2E%2Fpom.xml",
            "..%5C..%5Ccanary.txt",
            "..%255C..%255Ccanary.txt",
            "%2Fetc%2Fpasswd",
            "%2F%2Fetc%2Fpasswd",
            "C:%5CWindows%5Cwin.ini",
            "....%2F%2F....%2F%2Fcanary.txt",
            "%c0%ae%c0%ae%2Fcanary.txt",
            "canary.txt%00.png");

    @Inject
    ImageStore images;
    @Inject
    ImageGenConfig imageConfig;
    @Inject
    StudioJobs jobs;

    private static Response raw(String key, String path) {
        return withKey(key).urlEncodingEnabled(false).get(path);
    }

    private static void assertRefused(Response response, String path) {
        assertThat(response.statusCode()).as("GET %s", path).isIn(400, 404);
        String body = response.asString();
        assertThat(body).as("GET %s", path).doesNotContain(CANARY).doesNotContain("root:").doesNotContain("<project")
                .doesNotContain("[fonts]");
    }

    @Test
    void should_never_serve_a_generated_image_outside_the_callers_folder() throws Exception {
        TestUser ada = KnowledgeFixtures.newUser();
        TestUser bob = KnowledgeFixtures.newUser();
        String own = images.save(ada.id(), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        String bobs = images.save(bob.id(), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.createDirectories(imageConfig.imagesDir());
        Files.writeString(imageConfig.imagesDir().resolve("canary.txt"), CANARY);
        Files.writeString(imageConfig.imagesDir().resolve(ada.id().toString()).resolve("canary.txt"), CANARY);

        raw(ada.key(), "/v1/images/files/" + own).then().statusCode(200);
        for (String name : ESCAPES) {
            assertRefused(raw(ada.key(), "/v1/images/files/" + name), name);
        }
        for (String name : List.of("canary.txt", "..%2F" + bob.id() + "%2F" + bobs, "%2E%2E%2F" + bob.id() + "%2F" + bobs,
                "..%5C" + bob.id() + "%5C" + bobs, imageConfig.imagesDir().toAbsolutePath().resolve(bob.id().toString())
                        .resolve(bobs).toString().replace("/", "%2F"))) {
            assertRefused(raw(ada.key(), "/v1/images/files/" + name), name);
        }
    }

    @Test
    void should_serve_only_a_jobs_own_downloads_by_name() throws Exception {
        TestUser ada = KnowledgeFixtures.newUser();
        UUID job = jobs.create(ada.id(), "tone", "{\"segments\": 1, \"fail_once_at\": -1, \"hold_at\": -1}").id();
        JobWaits.awaitEnded(ada.key(), job.toString());
        Path folder = jobs.directory(ada.id(), job);
        Files.writeString(folder.resolve("canary.txt"), CANARY);
        Files.writeString(folder.getParent().resolve("canary.txt"), CANARY);
        String base = "/api/jobs/" + job + "/artifacts/";

        raw(ada.key(), base + "tones.wav").then().statusCode(200);
        // a file in the job's folder that is not one of its downloads is not served either
        assertRefused(raw(ada.key(), base + "canary.txt"), "canary.txt");
        for (String name : ESCAPES) {
            assertRefused(raw(ada.key(), base + name), name);
        }
    }

    @Test
    void should_never_serve_a_static_file_outside_the_ui() {
        for (String path : List.of("/..%2F..%2Fpom.xml", "/%2e%2e/%2e%2e/pom.xml", "/%2e%2e%2f%2e%2e%2fpom.xml",
                "/..%5C..%5Cpom.xml", "/static/..%2F..%2F..%2Fpom.xml", "/%2Fetc%2Fpasswd", "//etc/passwd",
                "/index.html/..%2F..%2Fapplication.properties", "/..%2F..%2Fsrc%2Fmain%2Fresources%2Fapplication.properties")) {
            Response response = given().urlEncodingEnabled(false).get(path);
            assertThat(response.statusCode()).as("GET %s", path).isIn(400, 404);
            assertThat(response.asString()).as("GET %s", path).doesNotContain("<project").doesNotContain("root:")
                    .doesNotContain("quarkus.datasource");
        }
    }
}
