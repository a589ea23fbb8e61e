package io.omnivox.agent.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;

/**
 * Turns the JSON Schema of an OpenAI-style function ({@code parameters}) into LangChain4j's schema types, for the
 * subset tool definitions use: objects, strings, numbers, integers, booleans, arrays and string enums, with
 * descriptions and required properties.
 */
public final class JsonSchemas {

    private JsonSchemas() {
    }

    /** The {@code parameters} object of a function; an absent schema means "no arguments". */
    public static JsonObjectSchema parameters(Map<String, Object> schema) {
        if (schema == null || schema.isEmpty()) {
            return JsonObjectSchema.builder().build();
        }
        if (!"object".equals(schema.getOrDefault("type", "object"))) {
            throw new IllegalArgumentException("function parameters must be a JSON Schema of type object");
        }
        return object(schema);
    }

    @SuppressWarnings("unchecked")
    private static JsonObjectSchema object(Map<String, Object> schema) {
        JsonObjectSchema.Builder builder = JsonObjectSchema.builder().description(description(schema));
        Object properties = schema.get("properties");
        if (properties instanceof Map<?, ?> map) {
            map.forEach((name, property) -> {
                if (!(property instanceof Map<?, ?>)) {
                    throw new IllegalArgumentException("property '" + name + "' must be a JSON Schema object");
                }
                builder.addProperty(String.valueOf(name), element((Map<String, Object>) property));
            });
        }
        if (schema.get("required") instanceof List<?> required) {
            builder.required(required.stream().map(String::valueOf).toList());
        }
        return builder.build();
    }

    @SuppressWarnings("unchecked")
    static JsonSchemaElement element(Map<String, Object> schema) {
        if (schema.get("enum") instanceof List<?> values) {
            List<String> names = new ArrayList<>();
            values.forEach(v -> names.add(String.valueOf(v)));
            return JsonEnumSchema.builder().enumValues(names).description(description(schema)).build();
        }
        Object type = schema.get("type");
        if (type instanceof List<?> types) {
            // ["string", "null"]: an optional value of the first non-null type
            type = types.stream().map(String::valueOf).filter(t -> !"null".equals(t)).findFirst().orElse("string");
        }
        String description = description(schema);
        return switch (String.valueOf(type)) {
            case "object" -> object(schema);
            case "string" -> JsonStringSchema.builder().description(description).build();
            case "integer" -> JsonIntegerSchema.builder().description(description).build();
            case "number" -> JsonNumberSchema.builder().description(description).build();
            case "boolean" -> JsonBooleanSchema.builder().description(description).build();
            case "array" -> JsonArraySchema.builder().description(description)
                    .items(schema.get("items") instanceof Map<?, ?> items ? element((Map<String, Object>) items)
                            : JsonStringSchema.builder().build())
                    .build();
            default -> throw new IllegalArgumentException("unsupported JSON Schema type '" + type + "'");
        };
    }

    private static String description(Map<String, Object> schema) {
        Object description = schema.get("description");
        return description == null ? null : String.valueOf(description);
    }
}
