package io.omnivox.agent;

/** Who wrote a message, in the roles chat models use. Stored in lower case. */
public enum MessageRole {
    SYSTEM, USER, ASSISTANT, TOOL;

    /** Maps the enum to the lower-case values the migration's check constraint allows. */
    @jakarta.persistence.Converter(autoApply = true)
    public static class Column extends io.omnivox.persistence.LowerCaseEnumColumn<MessageRole> {
        public Column() {
            super(MessageRole.class);
        }
    }
}
