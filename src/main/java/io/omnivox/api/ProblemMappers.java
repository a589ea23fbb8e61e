package io.omnivox.api;

import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.omnivox.account.NameTakenException;
import io.omnivox.audio.AudioFormatException;
import io.omnivox.document.DocumentException;
import io.omnivox.model.EngineUnavailableException;
import io.omnivox.ocr.ImageException;
import io.omnivox.rag.KnowledgeBaseNameTakenException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Every error leaves the API as RFC 9457 problem+json: 4xx with a useful detail for the caller's mistakes, 500 with
 * an incident id (and the stack trace only in our log) for ours.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        String message = e.getMessage();
        boolean generic = message == null || message.startsWith("HTTP ");
        String detail = generic && status.getStatusCode() == 404 ? "No resource at " + uri.getPath()
                : generic ? status.getReasonPhrase() : message;
        return problem(ProblemDetail.of(status.getStatusCode(), slug(status.getReasonPhrase()),
                status.getReasonPhrase(), detail, uri.getPath()), e.getResponse());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<ProblemDetail.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new ProblemDetail.FieldError(leaf(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return problem(ProblemDetail.of(400, "validation", "Invalid request",
                "The request has " + errors.size() + " invalid field(s).", uri.getPath()).withErrors(errors), null);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return problem(ProblemDetail.of(400, "malformed-body", "Malformed request body",
                "The body is not valid JSON for this endpoint: " + abbreviated(e.getOriginalMessage()),
                uri.getPath()), null);
    }

    /** Quarkus REST maps this subtype itself (as plain JSON); ours wins by being as specific. */
    @ServerExceptionMapper
    public Response wrongType(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    /** Broken syntax, as Quarkus REST would otherwise answer it: a bare 400 with no body. */
    @ServerExceptionMapper
    public Response badSyntax(com.fasterxml.jackson.core.JsonParseException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    /** Jackson quotes the offending input; a 2 MB string must not come back whole. */
    private static String abbreviated(String message) {
        return message == null || message.length() <= 300 ? message : message.substring(0, 300) + "…";
    }

    @ServerExceptionMapper
    public Response invalidField(InvalidRequestException e, UriInfo uri) {
        return problem(ProblemDetail.of(e.status(), e.slug(), e.status() == 422 ? "Unusable content" : "Invalid request",
                e.getMessage(), uri.getPath())
                .withErrors(List.of(new ProblemDetail.FieldError(e.field(), e.getMessage()))), null);
    }

    @ServerExceptionMapper
    public Response badImage(ImageException e, UriInfo uri) {
        return problem(ProblemDetail.of(e.status(), e.slug(), "Unusable image", e.getMessage(), uri.getPath()), null);
    }

    @ServerExceptionMapper
    public Response badDocument(DocumentException e, UriInfo uri) {
        return problem(ProblemDetail.of(e.status(), e.slug(), "Unusable document", e.getMessage(), uri.getPath()),
                null);
    }

    @ServerExceptionMapper
    public Response badAudio(AudioFormatException e, UriInfo uri) {
        AudioFormatException.Problem problem = e.problem();
        return problem(ProblemDetail.of(problem.status(), problem.slug(), title(problem), e.getMessage(),
                uri.getPath()), null);
    }

    @ServerExceptionMapper
    public Response nameTaken(NameTakenException e, UriInfo uri) {
        return problem(ProblemDetail.of(409, "name-taken", "Name taken", e.getMessage(), uri.getPath())
                .withErrors(List.of(new ProblemDetail.FieldError("name", e.getMessage()))), null);
    }

    @ServerExceptionMapper
    public Response knowledgeBaseTaken(KnowledgeBaseNameTakenException e, UriInfo uri) {
        return problem(ProblemDetail.of(409, "name-taken", "Name taken", e.getMessage(), uri.getPath())
                .withErrors(List.of(new ProblemDetail.FieldError("name", e.getMessage()))), null);
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(uri, "The API key is unknown or revoked.");
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri, "Send an API key: 'Authorization: Bearer <key>'.");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(ProblemDetail.of(403, "forbidden", "Forbidden",
                "Your API key does not allow this; it needs another role or scope.", uri.getPath()), null);
    }

    /** 401 with the challenge RFC 6750 asks for, so clients know to send a Bearer key. */
    static Response unauthorized(UriInfo uri, String detail) {
        return Response.status(401).type(ProblemDetail.MEDIA_TYPE).header("WWW-Authenticate", "Bearer realm=\"omnivox\"")
                .entity(ProblemDetail.of(401, "unauthorized", "Unauthorized", detail, uri.getPath())).build();
    }

    @ServerExceptionMapper
    public Response noEngine(EngineUnavailableException e, UriInfo uri) {
        return problem(ProblemDetail.of(503, "engine-unavailable", "No engine available", e.getMessage(),
                uri.getPath()), null);
    }

    private static String title(AudioFormatException.Problem problem) {
        return switch (problem) {
            case EMPTY -> "Empty audio";
            case NOT_AUDIO -> "Not audio";
            case TRUNCATED -> "Truncated audio";
            case UNSUPPORTED_CODEC -> "Unsupported audio codec";
            case TOO_LARGE -> "Audio too large";
            case TOO_LONG -> "Audio too long";
        };
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unhandled error on %s (incident %s)", uri.getPath(), incident);
        return problem(ProblemDetail.of(500, "internal", "Internal error",
                "Something went wrong on our side; incident " + incident + " is in the server log.", uri.getPath()),
                null);
    }

    private static Response problem(ProblemDetail problem, Response original) {
        Response.ResponseBuilder builder = Response.status(problem.status()).type(ProblemDetail.MEDIA_TYPE).entity(problem);
        if (original != null) {
            original.getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                    values.forEach(v -> builder.header(name, v));
                }
            });
        }
        return builder.build();
    }

    private static String leaf(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    private static String slug(String phrase) {
        return phrase == null ? "error" : phrase.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }
}
