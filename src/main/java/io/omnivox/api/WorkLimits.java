package io.omnivox.api;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One {@link WorkLimiter} per {@link Work kind}, sized by {@code omnivox.api.capacity}, with its load as metrics:
 * {@code omnivox.work.in_flight} and {@code omnivox.work.queued} gauges and an {@code omnivox.work.shed} counter, each
 * tagged {@code kind}.
 */
@ApplicationScoped
public class WorkLimits {

    private final Map<Work, WorkLimiter> limiters = new EnumMap<>(Work.class);
    private final Map<Work, Counter> shed = new EnumMap<>(Work.class);

    public WorkLimits(ApiConfig config, MeterRegistry registry) {
        ApiConfig.Capacity capacity = config.capacity();
        for (Work work : Work.values()) {
            WorkLimiter limiter = new WorkLimiter(capacity(capacity, work), capacity.queue(), capacity.maxWait());
            limiters.put(work, limiter);
            Gauge.builder("omnivox.work.in_flight", limiter, WorkLimiter::inFlight).tag("kind", work.key())
                    .description("model work running now").register(registry);
            Gauge.builder("omnivox.work.queued", limiter, WorkLimiter::queued).tag("kind", work.key())
                    .description("requests waiting for a place").register(registry);
            shed.put(work, Counter.builder("omnivox.work.shed").tag("kind", work.key())
                    .description("requests refused with 429 at capacity").register(registry));
        }
    }

    private static int capacity(ApiConfig.Capacity capacity, Work work) {
        return switch (work) {
            case CHAT -> capacity.chat();
            case SPEECH -> capacity.speech();
            case TRANSCRIPTION -> capacity.transcription();
            case OCR -> capacity.ocr();
            case DOCUMENTS -> capacity.documents();
            case IMAGES -> capacity.images();
            case EMBEDDINGS -> capacity.embeddings();
        };
    }

    public WorkLimiter of(Work work) {
        return limiters.get(work);
    }

    /** Counts a refusal of {@code work}. */
    void shed(Work work) {
        shed.get(work).increment();
    }
}
