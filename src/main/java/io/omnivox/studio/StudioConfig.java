package io.omnivox.studio;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Studio jobs: where their files go and how many render at once. */
@ConfigMapping(prefix = "omnivox.studio")
public interface StudioConfig {

    /** Jobs' directories (segments, downloads), one per job. */
    @WithDefault("${omnivox.data-dir:data}/studio")
    Path dir();

    /** Jobs rendered at the same time; the rest wait in order (synthesis already uses every core). */
    @WithDefault("1")
    int workers();

    /**
     * How often this replica looks in the database for jobs to claim: queued ones (from any replica) and running ones
     * whose replica stopped renewing its lease. A job created here is claimed at once, without waiting for the poll.
     */
    @WithDefault("2s")
    java.time.Duration pollInterval();

    /**
     * How long a claim on a running job holds without being renewed; the replica running it renews it every third of
     * this. A replica that dies leaves its jobs to the others after this long, so it is a trade: short resumes sooner,
     * too short lets a replica stalled by a long garbage collection lose a job it is still running.
     */
    @WithDefault("30s")
    java.time.Duration lease();

    /** Jobs a user may have queued, running or awaiting review at once; more are refused with 429. */
    @WithDefault("5")
    int maxActivePerUser();

    /** Longest book read aloud, in characters of text (a thousand-page novel has about two million). */
    @WithDefault("3000000")
    int maxBookCharacters();

    /**
     * Whether an audiobook's quotes are attributed to speakers (and emotions) by the chat model when one is available;
     * the said-verb heuristics are used otherwise, and for any chapter whose answer is unusable.
     */
    @WithDefault("true")
    boolean llmAttribution();

    /** Longest wait for the chat model's answer on one part of a chapter before the heuristics take that chapter. */
    @WithDefault("120s")
    java.time.Duration llmAttributionTimeout();

    /** Largest document uploaded as a podcast's source, in bytes (20 MiB). */
    @WithDefault("20971520")
    long maxPodcastSourceBytes();

    /** Quality control of synthesised segments. */
    Qc qc();

    /** When synthesised segments are transcribed back and compared with their text. */
    enum AsrCheck {
        /** When the recogniser is SenseVoice (fallback recognisers mishear synthetic speech too often to judge). */
        AUTO,
        /** Always, with whichever recogniser is in use. */
        ON,
        /** Never. */
        OFF
    }

    /** Quality control settings. */
    interface Qc {
        /** Syntheses of a segment before it is flagged; each retry can come out differently (new sampling). */
        @WithDefault("2")
        int attempts();

        /** Transcribing segments back. */
        @WithDefault("auto")
        AsrCheck asrCheck();

        /** Most word error rate of the hearing against the text before a segment fails. */
        @WithDefault("0.35")
        double maxWordErrorRate();
    }
}
