package io.omnivox.api;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.omnivox.rag.TextEmbedder;
import io.smallrye.common.annotation.Blocking;

/**
 * OpenAI-compatible {@code POST /v1/embeddings} with the in-process embedding model that retrieval uses
 * ({@code omnivox.rag.embedding-model}). Inputs are embedded as passages, without bge's query instruction, so the
 * vectors are comparable with each other and with what the knowledge bases store; {@code model} is accepted and
 * ignored (the answer names the model used). Vectors are unit length, so a dot product is the cosine similarity.
 */
@Path("/v1/embeddings")
@Tag(name = "Knowledge")
@Produces(MediaType.APPLICATION_JSON)
public class EmbeddingsResource {

    /** Most inputs in one request. */
    static final int MAX_INPUTS = 256;
    /** Longest input, in characters (bge reads 512 tokens; longer text is embedded in parts and averaged). */
    static final int MAX_CHARS = 8_000;

    public record EmbeddingRequest(JsonNode input, String model,
            @JsonProperty("encoding_format") String encodingFormat) {
    }

    public record EmbeddingData(String object, int index, float[] embedding) {
    }

    public record Usage(@JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("total_tokens") int totalTokens) {
    }

    public record EmbeddingResponse(String object, List<EmbeddingData> data, String model, Usage usage) {
    }

    private final TextEmbedder embedder;

    public EmbeddingsResource(TextEmbedder embedder) {
        this.embedder = embedder;
    }

    @POST
    @Blocking
    @ModelWork(Work.EMBEDDINGS)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Embed text", description = "input: a string or up to 256 strings of at most 8,000 "
            + "characters each. Passage embeddings of the retrieval model (bge-small-en-v1.5 by default, 384 "
            + "dimensions), unit length.")
    public EmbeddingResponse embed(EmbeddingRequest body) {
        if (body != null && body.encodingFormat() != null && !body.encodingFormat().equals("float")) {
            throw new InvalidRequestException("encoding_format", "only encoding_format 'float' is supported");
        }
        List<String> inputs = inputs(body == null ? null : body.input());
        TextEmbedder.Embedded embedded = embedder.embedPassagesCounted(inputs);
        List<EmbeddingData> data = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            data.add(new EmbeddingData("embedding", i, embedded.vectors().get(i)));
        }
        return new EmbeddingResponse("list", data, embedder.name(), new Usage(embedded.tokens(), embedded.tokens()));
    }

    /** The inputs as a list, validated: strings only, non-empty, within the limits. */
    static List<String> inputs(JsonNode input) {
        if (input == null || input.isNull()) {
            throw new InvalidRequestException("input", "input is required: a string or an array of strings");
        }
        List<String> inputs = new ArrayList<>();
        if (input.isTextual()) {
            inputs.add(input.textValue());
        } else if (input.isArray()) {
            if (input.size() > MAX_INPUTS) {
                throw new InvalidRequestException("input", "input has " + input.size() + " items; at most "
                        + MAX_INPUTS + " are accepted");
            }
            for (JsonNode item : input) {
                if (!item.isTextual()) {
                    // Token-id arrays, which OpenAI also accepts, mean nothing to another tokenizer.
                    throw new InvalidRequestException("input", "input items must be strings");
                }
                inputs.add(item.textValue());
            }
        } else {
            throw new InvalidRequestException("input", "input must be a string or an array of strings");
        }
        if (inputs.isEmpty()) {
            throw new InvalidRequestException("input", "input is empty");
        }
        for (int i = 0; i < inputs.size(); i++) {
            String text = inputs.get(i);
            String field = input.isArray() ? "input[" + i + "]" : "input";
            if (text.isBlank()) {
                throw new InvalidRequestException(field, field + " is empty");
            }
            if (text.length() > MAX_CHARS) {
                throw new InvalidRequestException(field, field + " has " + text.length() + " characters; at most "
                        + MAX_CHARS + " are accepted");
            }
        }
        return inputs;
    }
}
