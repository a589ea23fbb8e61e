package io.omnivox.studio;

/** Where a studio job is. Stored in lower case. */
public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    /** Whether the job will not change any more (unless retried). */
    public boolean ended() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** Maps the enum to the lower-case values the migration's check constraint allows. */
    @jakarta.persistence.Converter(autoApply = true)
    public static class Column implements jakarta.persistence.AttributeConverter<JobState, String> {
        @Override
        public String convertToDatabaseColumn(JobState state) {
            return state == null ? null : state.name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public JobState convertToEntityAttribute(String value) {
            return value == null ? null : JobState.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
