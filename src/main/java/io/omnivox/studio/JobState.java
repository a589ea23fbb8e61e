package io.omnivox.studio;

/** Where a studio job is. Stored in lower case. */
public enum JobState {
    QUEUED, RUNNING,
    /** Planned, and waiting for its owner to review the plan and approve it before anything is rendered. */
    AWAITING_REVIEW,
    SUCCEEDED, FAILED, CANCELLED;

    /** Whether the job will not change any more (unless retried). */
    public boolean ended() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** Maps the enum to the lower-case values the migration's check constraint allows. */
    @jakarta.persistence.Converter(autoApply = true)
    public static class Column extends io.omnivox.persistence.LowerCaseEnumColumn<JobState> {
        public Column() {
            super(JobState.class);
        }
    }
}
