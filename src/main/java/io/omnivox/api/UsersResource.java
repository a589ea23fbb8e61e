package io.omnivox.api;

import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.omnivox.account.AccountService;
import io.omnivox.account.IssuedKey;
import io.omnivox.account.Role;
import io.smallrye.common.annotation.Blocking;

/** User administration, for admins. */
@Path("/api/users")
@Tag(name = "Accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class UsersResource {

    /** A new user: a unique name, a role ({@code user} unless given) and an optional label for the first key. */
    public record CreateUser(
            @NotBlank @Size(max = 100) String name,
            @Pattern(regexp = "admin|user", message = "must be 'admin' or 'user'") String role,
            @JsonProperty("key_label") @Size(max = 100) String keyLabel) {
    }

    /** The created user with its first key; the key's secret is in this answer only. */
    public record CreatedUser(UUID id, String name, String role, @JsonProperty("created_at") Instant createdAt,
            KeysResource.CreatedKey key) {

        static CreatedUser of(IssuedKey issued) {
            return new CreatedUser(issued.user().id(), issued.user().name(), issued.user().role().id(),
                    issued.user().createdAt(), KeysResource.CreatedKey.of(issued));
        }
    }

    private final AccountService accounts;

    public UsersResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @POST
    @Blocking
    @Operation(summary = "Create a user", description = "Admins only. Answers the user and its first API key, whose "
            + "secret is shown only in this answer.")
    public Response create(@Valid @NotNull CreateUser request) {
        Role role = request.role() == null ? Role.USER : Role.of(request.role()).orElseThrow();
        IssuedKey issued = accounts.createUserOnce(request.name(), role, request.keyLabel());
        return Response.status(Response.Status.CREATED).entity(CreatedUser.of(issued)).build();
    }
}
