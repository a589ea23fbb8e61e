package io.omnivox.studio;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;

/** Jobs' progress as streams of {@link JobView}, for server-sent events: each change, until the job ends. */
@ApplicationScoped
public class JobEvents {

    private final Map<UUID, Set<MultiEmitter<? super JobView>>> followers = new ConcurrentHashMap<>();

    /**
     * The job's state now, then each change; completes when the job ends.
     *
     * @param current reads the job's state; read after subscribing, so no change in between is missed
     */
    public Multi<JobView> follow(UUID job, Supplier<JobView> current) {
        return Multi.createFrom().<JobView>emitter(emitter -> {
            Set<MultiEmitter<? super JobView>> set = followers.computeIfAbsent(job, k -> ConcurrentHashMap.newKeySet());
            set.add(emitter);
            emitter.onTermination(() -> set.remove(emitter));
            JobView now = current.get();
            emitter.emit(now);
            if (now.ended()) {
                emitter.complete();
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()); // reading the state is a database call
    }

    void publish(JobView view) {
        Set<MultiEmitter<? super JobView>> set = followers.get(view.id());
        if (set == null) {
            return;
        }
        for (MultiEmitter<? super JobView> emitter : set) {
            emitter.emit(view);
            if (view.ended()) {
                emitter.complete();
            }
        }
    }
}
