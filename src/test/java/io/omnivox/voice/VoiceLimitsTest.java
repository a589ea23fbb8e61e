package io.omnivox.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.omnivox.testkit.DefaultApiKey;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The session limit (close code 1013), the idle timeout (1001), and freeing a session's slot when it closes. */
@QuarkusTest
@TestProfile(VoiceLimitsTest.OneShortSession.class)
class VoiceLimitsTest {

    /** One session at a time, closed after two idle seconds. */
    public static class OneShortSession implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("omnivox.voice.max-sessions", "1", "omnivox.voice.idle-timeout", "2s");
        }
    }

    @TestHTTPResource("/ws/voice")
    URI http;
    @Inject
    VoiceSessions sessions;

    /** Records how the server closed the socket. */
    static final class Closing extends io.omnivox.testkit.RecordingSocket {
    }

    private void awaitOpenSessions(int count) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sessions.openSessions() != count && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(sessions.openSessions()).isEqualTo(count);
    }

    private WebSocket connect(Closing listener) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + DefaultApiKey.TEST_ADMIN_KEY)
                .buildAsync(URI.create(http.toString().replaceFirst("^http", "ws")), listener).get(10, TimeUnit.SECONDS);
    }

    @Test
    void should_refuse_a_session_over_the_limit_then_close_an_idle_one_and_free_its_slot() throws Exception {
        Closing first = new Closing();
        connect(first);
        // the handshake completes before the server's open callback runs: wait for the first session to be counted,
        // or the second connection could take the one slot first
        awaitOpenSessions(1);
        Closing second = new Closing();
        connect(second);

        assertThat(second.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1013);
        assertThat(first.closed.get(15, TimeUnit.SECONDS)).as("idle close").isEqualTo(1001);
        awaitOpenSessions(0);

        Closing third = new Closing();
        connect(third);
        assertThat(third.closed.get(15, TimeUnit.SECONDS)).as("a new session is accepted, then idles out")
                .isEqualTo(1001);
    }
}
