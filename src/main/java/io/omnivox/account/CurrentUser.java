package io.omnivox.account;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/** The account a request acts for, for resources that keep data per user. */
@RequestScoped
public class CurrentUser {

    private final SecurityIdentity identity;

    public CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The account, if the request has one. */
    public Optional<AccountPrincipal> account() {
        return AccountPrincipal.of(identity);
    }

    /** The account; a request without one is answered 401. */
    public AccountPrincipal require() {
        return account().orElseThrow(() -> new UnauthorizedException("An API key is required."));
    }

    public UUID id() {
        return require().userId();
    }

    public boolean isAdmin() {
        return require().role() == Role.ADMIN;
    }
}
