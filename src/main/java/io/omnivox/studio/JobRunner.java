package io.omnivox.studio;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * How one kind of studio job (a podcast, an audiobook) is made, in three phases the framework ({@link StudioJobs})
 * checkpoints: the plan is stored before anything is rendered, each segment is recorded once its file is written, and
 * the downloads are recorded at the end. A runner keeps no state between calls: after a crash, a fresh process calls
 * {@link #render} only for the segments not yet recorded, then {@link #assemble}.
 */
public interface JobRunner {

    /** The kind of job this runner makes, e.g. {@code podcast}; stored with each job. */
    String kind();

    /** Phase one: what to render, in order, each segment as this runner's own JSON. */
    List<String> plan(Context job);

    /**
     * Phase two, once per segment: renders {@code spec} into {@code target} (a fresh file the framework then moves
     * into place atomically). Quality control happens here: retry within the call, and report what was found.
     */
    Rendered render(Context job, int position, String spec, Path target);

    /** Phase three: the downloads, built from the rendered segments (in order) into {@code job.directory()}. */
    List<Artifact> assemble(Context job, List<SegmentFile> segments);

    /** What a runner sees of its job. */
    interface Context {
        UUID id();

        /** The user the job belongs to (whose knowledge bases and voices it may use). */
        UUID owner();

        /** The request, as the JSON the job was created with. */
        String input();

        /** The job's own directory, for artifacts and working files. */
        Path directory();

        /** Tells people what the job is doing, e.g. "writing the script". */
        void stage(String stage);

        /** Whether the owner asked to cancel; long phases should check it and stop. */
        boolean cancelled();
    }

    /**
     * One rendered segment.
     *
     * @param flagged  true when it failed quality control even after retries (kept, and listed for review)
     * @param attempts how many times it was synthesised
     * @param report   quality-control findings as JSON, or null
     */
    record Rendered(long durationMs, boolean flagged, int attempts, String report) {
    }

    /** A rendered segment handed to {@link #assemble}. */
    record SegmentFile(int position, String spec, Path file, long durationMs) {
    }

    /** A download: a file in the job's directory with its media type. */
    record Artifact(String name, String contentType, Path file) {
    }
}
