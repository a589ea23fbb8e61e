package io.omnivox.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.omnivox.account.AccountService;
import io.omnivox.account.ApiKey;
import io.omnivox.account.CurrentUser;
import io.omnivox.account.IssuedKey;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

/** The caller's own API keys: create another, list them (prefixes only), revoke one. */
@Path("/api/keys")
@Tag(name = "Accounts")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class KeysResource {

    /** An optional label to tell keys apart ("laptop", "CI"). */
    public record CreateKey(@Size(max = 100) String label) {
    }

    /** A key as listed: never its secret. */
    public record KeyView(String id, String prefix, String label, @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("last_used_at") Instant lastUsedAt, @JsonProperty("revoked_at") Instant revokedAt) {

        static KeyView of(ApiKey key) {
            return new KeyView(key.id().toString(), key.prefix(), key.label(), key.createdAt(), key.lastUsedAt(),
                    key.revokedAt());
        }
    }

    /** A key just created, with its secret: the only time the secret is shown. */
    public record CreatedKey(String id, String prefix, String label, @JsonProperty("created_at") Instant createdAt,
            String key) {

        static CreatedKey of(IssuedKey issued) {
            return new CreatedKey(issued.key().id().toString(), issued.key().prefix(), issued.key().label(),
                    issued.key().createdAt(), issued.secret());
        }
    }

    /** OpenAI-style list envelope. */
    public record KeyList(String object, List<KeyView> data) {
    }

    private final AccountService accounts;
    private final CurrentUser user;

    public KeysResource(AccountService accounts, CurrentUser user) {
        this.accounts = accounts;
        this.user = user;
    }

    @GET
    @Blocking
    @Operation(summary = "List your API keys", description = "Prefixes, labels and dates; secrets are never shown again.")
    public KeyList list() {
        return new KeyList("list", accounts.keysOf(user.id()).stream().map(KeyView::of).toList());
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create another API key for yourself", description = "The secret is shown only in this answer.")
    public Response create(@Valid CreateKey request) {
        IssuedKey issued = accounts.createKey(user.id(), request == null ? null : request.label());
        return Response.status(Response.Status.CREATED).entity(CreatedKey.of(issued)).build();
    }

    @DELETE
    @Blocking
    @Path("/{id}")
    @Operation(summary = "Revoke one of your API keys", description = "Requests with it are refused from then on.")
    public Response revoke(@PathParam("id") UUID id) {
        if (!accounts.revokeKey(user.id(), id)) {
            throw new NotFoundException("You have no API key " + id + ".");
        }
        return Response.noContent().build();
    }
}
