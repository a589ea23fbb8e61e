package io.omnivox.persistence;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;

/**
 * Stores an enum as its name in lower case, the values the migrations' check constraints list (locale-independent, so
 * a server running in Turkish still writes {@code processing}, not {@code processıng}). Each enum declares a nested
 * {@code @Converter(autoApply = true)} subclass.
 */
public abstract class LowerCaseEnumColumn<E extends Enum<E>> implements AttributeConverter<E, String> {

    private final Class<E> type;

    protected LowerCaseEnumColumn(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public E convertToEntityAttribute(String value) {
        return value == null ? null : Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    }
}
