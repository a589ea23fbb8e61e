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

    private static final List<String> ENDED = List.of("succeeded", "failed", "cancelled");

    /** The job's view once it has ended (succeeded, failed or cancelled); fails after two minutes. */
    public static JsonPath awaitEnded(String key, String job) {
        return await(key, job, "end", ENDED::contains);
    }

    /** The job's view once it is in {@code state}; fails if it ends in another state, or after two minutes. */
    public static JsonPath awaitState(String key, String job, String state) {
        return await(key, job, "be " + state, now -> {
            assertThat(ENDED.contains(now) && !now.equals(state)).as("job %s ended %s on its way to %s", job, now,
                    state).isFalse();
            return now.equals(state);
        });
    }

    private static JsonPath await(String key, String job, String what, java.util.function.Predicate<String> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            JsonPath view = withKey(key).get("/api/jobs/" + job).then().statusCode(200).extract().jsonPath();
            if (done.test(view.getString("state"))) {
                return view;
            }
            assertThat(System.nanoTime()).as("job %s to %s; it is %s", job, what, view.prettify()).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
