package io.omnivox.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem document. {@code type} is a stable URI naming the kind of problem; {@code detail} tells the
 * caller what to change; {@code errors} lists field-level problems for validation failures.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemDetail(String type, String title, int status, String detail, String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://omnivox.dev/problems/";

    /** One invalid field. */
    public record FieldError(String field, String message) {
    }

    public static ProblemDetail of(int status, String slug, String title, String detail, String instance) {
        return new ProblemDetail(TYPE_BASE + slug, title, status, detail, instance, null);
    }

    public ProblemDetail withErrors(List<FieldError> fieldErrors) {
        return new ProblemDetail(type, title, status, detail, instance, fieldErrors);
    }
}
