package io.omnivox.studio;

/** Where one segment of a job is: to render, rendered, or rendered but failing quality control. Lower case. */
public enum SegmentState {
    PENDING, DONE, FLAGGED;

    /** Maps the enum to the lower-case values the migration's check constraint allows. */
    @jakarta.persistence.Converter(autoApply = true)
    public static class Column implements jakarta.persistence.AttributeConverter<SegmentState, String> {
        @Override
        public String convertToDatabaseColumn(SegmentState state) {
            return state == null ? null : state.name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public SegmentState convertToEntityAttribute(String value) {
            return value == null ? null : SegmentState.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
