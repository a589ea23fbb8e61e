package io.omnivox.agent;

/** Who wrote a message, in the roles chat models use. Stored in lower case. */
public enum MessageRole {
    SYSTEM, USER, ASSISTANT, TOOL;

    /** Maps the enum to the lower-case values the migration's check constraint allows. */
    @jakarta.persistence.Converter(autoApply = true)
    public static class Column implements jakarta.persistence.AttributeConverter<MessageRole, String> {
        @Override
        public String convertToDatabaseColumn(MessageRole role) {
            return role == null ? null : role.name().toLowerCase();
        }

        @Override
        public MessageRole convertToEntityAttribute(String value) {
            return value == null ? null : MessageRole.valueOf(value.toUpperCase());
        }
    }
}
