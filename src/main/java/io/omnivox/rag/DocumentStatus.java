package io.omnivox.rag;

/** Where a document is in ingestion. Stored in lower case. */
public enum DocumentStatus {
    PENDING, PROCESSING, READY, FAILED;

    /** Maps the enum to the lower-case values the migration's check constraint allows. */
    @jakarta.persistence.Converter(autoApply = true)
    public static class Column extends io.omnivox.persistence.LowerCaseEnumColumn<DocumentStatus> {
        public Column() {
            super(DocumentStatus.class);
        }
    }
}
