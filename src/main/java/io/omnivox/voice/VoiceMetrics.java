package io.omnivox.voice;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Per-turn latency of the voice channel as Micrometer timers ({@code omnivox.voice.latency}, tagged by stage, with
 * percentiles), and a count of interrupted replies ({@code omnivox.voice.cancelled}).
 */
public final class VoiceMetrics {

    private final MeterRegistry registry;

    public VoiceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void stage(String stage, long nanos) {
        timer(stage).record(Duration.ofNanos(Math.max(0, nanos)));
    }

    /** Records the stages of a completed reply, given in milliseconds as {@code response.done} reports them. */
    void record(Map<String, Long> latencyMs) {
        latencyMs.forEach((name, ms) -> {
            // end-of-speech → transcript was recorded when the transcript came; model times are timed separately
            if (name.contains("_to_") && !name.equals("end_of_speech_to_transcript_ms")) {
                timer(name.replace("_ms", "")).record(Duration.ofMillis(ms));
            }
        });
    }

    void cancelled() {
        registry.counter("omnivox.voice.cancelled").increment();
    }

    private Timer timer(String stage) {
        return Timer.builder("omnivox.voice.latency").tag("stage", stage).publishPercentiles(0.5, 0.95)
                .register(registry);
    }
}
