package io.omnivox.studio;

/** Where one segment of a job is: to render, rendered, or rendered but failing quality control. Lower case. */
public enum SegmentState {
    PENDING, DONE, FLAGGED;

    /** Maps the enum to the lower-case values the migration's check constraint allows. */
    @jakarta.persistence.Converter(autoApply = true)
    public static class Column extends io.omnivox.persistence.LowerCaseEnumColumn<SegmentState> {
        public Column() {
            super(SegmentState.class);
        }
    }
}
