package io.omnivox.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Malformed JSON bodies for every endpoint that takes JSON: broken syntax, the wrong top-level type, nesting deep
 * enough to exhaust a naive parser, and each field of a valid body replaced by the wrong type, a huge string, an
 * absurd number or control characters.
 */
final class JsonFuzz {

    /** One request: method, path, body, and whether it needs the administrator's key. */
    record Case(String method, String path, String name, String body, boolean admin) {
        @Override
        public String toString() {
            return method + " " + path + " [" + name + "]";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HUGE = "x".repeat(2 * 1024 * 1024);

    private JsonFuzz() {
    }

    /** Valid bodies to break, per endpoint; {@code voice} is a voice the speech engine knows. */
    private static Map<String, String> templates(String voice) {
        return Map.of(
                "/v1/chat/completions", "{\"model\":\"omnivox\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                        + "\"stream\":false,\"max_tokens\":16,\"temperature\":0.5}",
                "/v1/audio/speech", "{\"model\":\"tts-1\",\"input\":\"hello\",\"voice\":\"" + voice + "\","
                        + "\"response_format\":\"wav\",\"speed\":1.0}",
                "/v1/embeddings", "{\"model\":\"bge-small-en\",\"input\":\"hello\"}",
                "/api/podcasts", "{\"title\":\"t\",\"text\":\"A short source.\",\"minutes\":1,\"language\":\"en\","
                        + "\"speakers\":[{\"name\":\"Ada\",\"voice\":\"" + voice + "\"},{\"name\":\"Ben\",\"voice\":\""
                        + voice + "\"}]}",
                "/api/knowledge-bases", "{\"name\":\"kb\",\"description\":\"d\"}",
                "/api/conversations", "{\"title\":\"t\"}",
                "/api/keys", "{\"name\":\"k\"}",
                "/api/users", "{\"name\":\"u\"}");
    }

    static List<Case> cases(String voice) {
        List<Case> out = new ArrayList<>();
        templates(voice).forEach((path, template) -> {
            boolean admin = path.equals("/api/users");
            broken().forEach((name, body) -> out.add(new Case("POST", path, name, body, admin)));
            ObjectNode valid = (ObjectNode) read(template);
            valid.fieldNames().forEachRemaining(field -> replaced(valid, field).forEach((name, body) -> out.add(
                    new Case("POST", path, field + ":" + name, body, admin))));
        });
        return out;
    }

    /** Bodies that are not the JSON object any endpoint takes. */
    private static Map<String, String> broken() {
        return Map.of("empty", "", "null", "null", "array", "[]", "unclosed", "{\"a\":", "string", "\"text\"",
                "overflow", "1e999999", "deep", "[".repeat(100_000), "huge-field", "{\"name\":\"" + HUGE + "\"}",
                "bom", "\uFEFF{}", "trailing", "{} {}");
    }

    /** The valid body with {@code field} replaced by values of the wrong kind. */
    private static Map<String, String> replaced(ObjectNode valid, String field) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Map<String, JsonNode> values = Map.of("number", nodes.numberNode(-1e308), "object", nodes.objectNode()
                .put("x", 1), "array", nodes.arrayNode().add(1).add("two"), "huge", nodes.textNode(HUGE), "control",
                nodes.textNode("\u0000\u0007\u001b[31m\uD800"));
        Map<String, String> out = new java.util.LinkedHashMap<>();
        values.forEach((name, value) -> out.put(name, valid.deepCopy().set(field, value).toString()));
        return out;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
