package io.omnivox.account;

import java.util.Arrays;
import java.util.Optional;

/** What a user may do: admins also manage users. Stored and sent in lower case. */
public enum Role {
    ADMIN, USER;

    /** The name used in the database, in JSON and by {@code @RolesAllowed}. */
    public String id() {
        return name().toLowerCase();
    }

    /** The role called {@code id}, if any (case-insensitive). */
    public static Optional<Role> of(String id) {
        return Arrays.stream(values()).filter(r -> r.id().equalsIgnoreCase(id == null ? "" : id.strip())).findFirst();
    }

    /** Maps the enum to its lower-case column value (the migration's check constraint lists those). */
    @jakarta.persistence.Converter(autoApply = true)
    public static class Column implements jakarta.persistence.AttributeConverter<Role, String> {
        @Override
        public String convertToDatabaseColumn(Role role) {
            return role == null ? null : role.id();
        }

        @Override
        public Role convertToEntityAttribute(String value) {
            return value == null ? null : of(value).orElseThrow(() -> new IllegalStateException("unknown role " + value));
        }
    }
}
