package io.omnivox.api;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
import io.omnivox.account.Scope;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

/**
 * The caller's own API keys: create another, list them (prefixes only), revoke one. A key may be limited to some
 * {@link Scope scopes}; it never grants more than the key that creates it has. Reaching these routes at all needs the
 * {@code admin} scope (see {@code ApiKeyScopePolicy}).
 */
@Path("/api/keys")
@Tag(name = "Accounts")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class KeysResource {

    /**
     * An optional label to tell keys apart ("laptop", "CI") and optional scopes ({@code read}, {@code write},
     * {@code admin}); without scopes the new key has those of the key that creates it.
     */
    public record CreateKey(@Size(max = 100) String label, List<String> scopes) {
    }

    /** A key as listed: never its secret. */
    public record KeyView(String id, String prefix, String label, @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("last_used_at") Instant lastUsedAt, @JsonProperty("revoked_at") Instant revokedAt,
            List<String> scopes) {

        static KeyView of(ApiKey key) {
            return new KeyView(key.id().toString(), key.prefix(), key.label(), key.createdAt(), key.lastUsedAt(),
                    key.revokedAt(), ids(key.scopes()));
        }
    }

    /** A key just created, with its secret: the only time the secret is shown. */
    public record CreatedKey(String id, String prefix, String label, @JsonProperty("created_at") Instant createdAt,
            List<String> scopes, String key) {

        static CreatedKey of(IssuedKey issued) {
            return new CreatedKey(issued.key().id().toString(), issued.key().prefix(), issued.key().label(),
                    issued.key().createdAt(), ids(issued.key().scopes()), issued.secret());
        }

        @Override
        public String toString() {
            return "CreatedKey[id=" + id + ", prefix=" + prefix + "]"; // keep the secret out of logs
        }
    }

    /** Scope ids in their fixed order (read, write, admin). */
    static List<String> ids(Set<Scope> scopes) {
        return EnumSet.copyOf(scopes).stream().map(Scope::id).toList();
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
    @Operation(summary = "Create another API key for yourself", description = "The secret is shown only in this answer. "
            + "'scopes' (read, write, admin) limits the key; it defaults to, and may not exceed, the calling key's.")
    public Response create(@Valid CreateKey request) {
        Set<Scope> scopes = scopes(request == null ? null : request.scopes());
        IssuedKey issued = accounts.createKey(user.id(), request == null ? null : request.label(), scopes);
        return Response.status(Response.Status.CREATED).entity(CreatedKey.of(issued)).build();
    }

    /** The requested scopes, checked: known, not empty, and all held by the calling key (no escalation). */
    private Set<Scope> scopes(List<String> requested) {
        Set<Scope> held = user.require().scopes();
        if (requested == null) {
            return held;
        }
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String id : requested) {
            scopes.add(Scope.of(id).orElseThrow(() -> new InvalidRequestException("scopes",
                    "unknown scope '" + id + "'; scopes are read, write and admin")));
        }
        if (scopes.isEmpty()) {
            throw new InvalidRequestException("scopes", "a key needs at least one scope");
        }
        if (!held.containsAll(scopes)) {
            throw new InvalidRequestException(403, "scope-not-held", "scopes",
                    "a key cannot grant scopes the key creating it lacks; yours has " + ids(held));
        }
        return scopes;
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
