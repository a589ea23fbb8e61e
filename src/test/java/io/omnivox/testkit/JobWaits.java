package io.omnivox.testkit;

import static io.omnivox.testkit.DefaultApiKey.withKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.restassured.path.json.JsonPath;

/** Waits for studio jobs through the API, as a client would poll them. */
public final class JobWaits {

    private JobWaits() {
    }

    /** The job's view once it has ended (succeeded, failed or cancelled); fails after two minutes. */
    public static JsonPath awaitEnded(String key, String job) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            JsonPath view = withKey(key).get("/api/jobs/" + job).then().statusCode(200).extract().jsonPath();
            if (List.of("succeeded", "failed", "cancelled").contains(view.getString("state"))) {
                return view;
            }
            assertThat(System.nanoTime()).as("job %s to end; it is %s", job, view.prettify()).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
