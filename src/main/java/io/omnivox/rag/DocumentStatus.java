package io.omnivox.rag;

/** Where a document is in ingestion. Stored in lower case. */
public enum DocumentStatus {
    PENDING, PROCESSING, READY, FAILED;

    /** Maps the enum to the lower-case values the migration's check constraint allows. */
    @jakarta.persistence.Converter(autoApply = true)
    public static class Column implements jakarta.persistence.AttributeConverter<DocumentStatus, String> {
        @Override
        public String convertToDatabaseColumn(DocumentStatus status) {
            return status == null ? null : status.name().toLowerCase();
        }

        @Override
        public DocumentStatus convertToEntityAttribute(String value) {
            return value == null ? null : DocumentStatus.valueOf(value.toUpperCase());
        }
    }
}
