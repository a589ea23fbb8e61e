package io.omnivox.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** {@code POST /v1/embeddings}: the OpenAI shape over the in-process bge-small model, and its limits. */
@QuarkusTest
class EmbeddingsResourceTest {

    private static final String PATH = "/v1/embeddings";

    private static JsonPath embed(Object body) {
        return given().contentType(ContentType.JSON).body(body).post(PATH).then().statusCode(200).extract().jsonPath();
    }

    private static double dot(List<Float> a, List<Float> b) {
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            sum += a.get(i) * b.get(i);
        }
        return sum;
    }

    @Test
    void should_embed_an_array_of_inputs_in_the_openai_shape() {
        JsonPath answer = embed(Map.of("model", "text-embedding-3-small", "input", List.of(
                "The ferry leaves at dawn.", "The ferry leaves at dawn.", "Quarterly tax forms are due in April.")));

        assertThat(answer.getString("object")).isEqualTo("list");
        assertThat(answer.getString("model")).isEqualTo("bge-small-en-v1.5-q");
        assertThat(answer.getList("data.object")).containsOnly("embedding");
        assertThat(answer.getList("data.index", Integer.class)).containsExactly(0, 1, 2);
        List<Float> first = answer.getList("data[0].embedding", Float.class);
        List<Float> same = answer.getList("data[1].embedding", Float.class);
        List<Float> other = answer.getList("data[2].embedding", Float.class);
        assertThat(first).hasSize(384);
        assertThat(dot(first, first)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(dot(first, same)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(dot(first, other)).isLessThan(0.9);
        assertThat(answer.getInt("usage.prompt_tokens")).isGreaterThan(0)
                .isEqualTo(answer.getInt("usage.total_tokens"));
    }

    @Test
    void should_embed_a_single_string() {
        given().contentType(ContentType.JSON).body(Map.of("input", "hello")).post(PATH).then().statusCode(200)
                .body("data.size()", equalTo(1)).body("data[0].embedding.size()", equalTo(384))
                .body("usage.total_tokens", greaterThan(0));
    }

    @Test
    void should_refuse_bad_input_naming_the_field() {
        refuse(Map.of("model", "x"), "input");
        refuse(Map.of("input", 42), "input");
        refuse(Map.of("input", List.of()), "input");
        refuse(Map.of("input", List.of(1, 2, 3)), "input");
        refuse(Map.of("input", List.of("fine", "")), "input[1]");
        refuse(Map.of("input", "x".repeat(8_001)), "input");
        refuse(Map.of("input", Collections.nCopies(257, "too many")), "input");
        refuse(Map.of("input", "x", "encoding_format", "base64"), "encoding_format");
        given().contentType(ContentType.JSON).body("{\"input\": [").post(PATH).then().statusCode(400);
    }

    private static void refuse(Object body, String field) {
        given().contentType(ContentType.JSON).body(body).post(PATH).then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo(field));
    }
}
