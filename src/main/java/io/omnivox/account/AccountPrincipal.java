package io.omnivox.account;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who a request acts for: the user and the key it authenticated with ({@code keyId} null without authentication), and
 * what that key may be used for ({@link Scope#ALL} without authentication).
 */
public record AccountPrincipal(UUID userId, String name, Role role, UUID keyId, Set<Scope> scopes) {

    public AccountPrincipal {
        scopes = Set.copyOf(scopes);
    }

    /** Identity attribute under which authentication stores the account. */
    static final String ATTRIBUTE = "omnivox.account";

    /** The account of an identity, if it authenticated as one. */
    public static Optional<AccountPrincipal> of(SecurityIdentity identity) {
        return Optional.ofNullable(identity.getAttribute(ATTRIBUTE));
    }
}
