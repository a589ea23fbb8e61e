package io.omnivox.account;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * With {@code omnivox.auth.enabled=false}, lets a request without a key act as the first admin. Doing it here, rather
 * than by relaxing each check, keeps {@code @RolesAllowed}, the path permissions and {@link CurrentUser} unchanged.
 */
@ApplicationScoped
public class AuthDisabledAugmentor implements SecurityIdentityAugmentor {

    private final AuthConfig config;
    private final AccountService accounts;

    public AuthDisabledAugmentor(AuthConfig config, AccountService accounts) {
        this.config = config;
        this.accounts = accounts;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (config.enabled() || !identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> accounts.firstAdmin().map(ApiKeyIdentityProvider::identity).orElse(identity));
    }
}
