package io.omnivox.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.omnivox.audio.vad.EnergyVad;
import io.omnivox.audio.vad.VadOptions;

/**
 * Turns in real speech (Debian's pocketsphinx-testdata "go forward ten meters", speech from 0.50 to 2.25 s), fed in
 * 20 ms frames as a WebSocket client sends them, with the energy detector (deterministic, no model).
 */
class TurnDetectorTest {

    private static final int RATE = 16_000;
    private static final Path GOFORWARD = Path.of("/usr/share/pocketsphinx/test/data/goforward.raw");
    private static float[] speech;

    @BeforeAll
    static void load() throws Exception {
        assumeTrue(Files.isRegularFile(GOFORWARD), "needs Debian's pocketsphinx-testdata (installed by .ci/run)");
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(GOFORWARD)).order(ByteOrder.LITTLE_ENDIAN);
        speech = new float[bytes.remaining() / 2];
        for (int i = 0; i < speech.length; i++) {
            speech[i] = bytes.getShort() / 32768f;
        }
    }

    private static float[] silence(double seconds) {
        return new float[(int) (seconds * RATE)];
    }

    private static float[] concat(float[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        float[] out = new float[length];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    private static TurnDetector detector(double silenceSeconds, double maxTurnSeconds, double partialSeconds) {
        return new TurnDetector(new EnergyVad(VadOptions.DEFAULTS).open(), new TurnDetector.Timing(
                (long) (silenceSeconds * RATE), (long) (maxTurnSeconds * RATE), (long) (partialSeconds * RATE)));
    }

    /** Feeds {@code audio} in 20 ms frames; returns each event with the input position at which it was reported. */
    private static List<Object[]> feed(TurnDetector detector, float[] audio) {
        List<Object[]> events = new ArrayList<>();
        for (int at = 0; at < audio.length; at += 320) {
            for (TurnEvent event : detector.accept(Arrays.copyOfRange(audio, at, Math.min(audio.length, at + 320)))) {
                events.add(new Object[] { event, detector.position() });
                if (event instanceof TurnEvent.Ended ended) {
                    // the turn's audio is still there when its end is handled
                    assertThat(detector.audio(ended.startSample(), ended.endSample()))
                            .hasSize((int) (ended.endSample() - ended.startSample()));
                }
            }
        }
        return events;
    }

    @Test
    void should_find_one_turn_with_partials_and_end_it_after_the_silence() {
        List<Object[]> events = feed(detector(0.6, 30, 0.5), concat(speech, silence(1.5)));

        List<TurnEvent> kinds = events.stream().map(e -> (TurnEvent) e[0]).toList();
        assertThat(kinds.get(0)).isInstanceOf(TurnEvent.Started.class);
        assertThat(((TurnEvent.Started) kinds.get(0)).startSample() / (double) RATE).isCloseTo(0.5, within(0.12));
        assertThat(kinds.stream().filter(TurnEvent.PartialDue.class::isInstance).count()).isBetween(2L, 4L);
        TurnEvent.Ended ended = (TurnEvent.Ended) kinds.get(kinds.size() - 1);
        assertThat(ended.reason()).isEqualTo(TurnEvent.Reason.SILENCE);
        assertThat(ended.endSample() / (double) RATE).isCloseTo(2.25, within(0.15));
        long reportedAt = (long) events.get(events.size() - 1)[1];
        assertThat((reportedAt - ended.endSample()) / (double) RATE).isBetween(0.6, 0.65);
        assertThat(kinds.stream().filter(TurnEvent.Ended.class::isInstance).count()).isEqualTo(1);
    }

    @Test
    void should_keep_a_short_pause_inside_the_turn_and_split_at_a_long_one() {
        // the phrase without the recording's own leading and trailing silence (speech 0.50-2.25 s)
        float[] phrase = Arrays.copyOfRange(speech, (int) (0.45 * RATE), (int) (2.3 * RATE));
        float[] twoPhrases = concat(silence(0.5), phrase, silence(0.2), phrase, silence(1.0));
        float[] twoTurns = concat(silence(0.5), phrase, silence(1.2), phrase, silence(1.0));

        long oneTurn = feed(detector(0.6, 30, 0), twoPhrases).stream()
                .filter(e -> e[0] instanceof TurnEvent.Ended).count();
        long separate = feed(detector(0.6, 30, 0), twoTurns).stream()
                .filter(e -> e[0] instanceof TurnEvent.Ended).count();

        assertThat(oneTurn).isEqualTo(1);
        assertThat(separate).isEqualTo(2);
    }

    @Test
    void should_end_a_turn_at_its_maximum_length_or_on_commit() {
        List<TurnEvent> capped = feed(detector(0.6, 1.0, 0), concat(speech, silence(1))).stream()
                .map(e -> (TurnEvent) e[0]).toList();
        assertThat(capped).filteredOn(TurnEvent.Ended.class::isInstance).first()
                .satisfies(e -> assertThat(((TurnEvent.Ended) e).reason()).isEqualTo(TurnEvent.Reason.MAX_LENGTH));

        TurnDetector pushToTalk = detector(5, 30, 0);
        feed(pushToTalk, Arrays.copyOf(speech, RATE * 3 / 2));
        assertThat(pushToTalk.inTurn()).isTrue();
        assertThat(pushToTalk.commit()).singleElement()
                .satisfies(e -> assertThat(((TurnEvent.Ended) e).reason()).isEqualTo(TurnEvent.Reason.COMMIT));
        assertThat(pushToTalk.commit()).isEmpty();
    }

    @Test
    void should_report_nothing_in_silence_and_keep_memory_bounded() {
        TurnDetector quiet = detector(0.6, 30, 0.5);

        assertThat(feed(quiet, silence(20))).isEmpty();
        assertThat(quiet.audio(0, 20L * RATE).length).isLessThanOrEqualTo(2 * TurnDetector.HISTORY_SAMPLES);
    }
}
