package io.omnivox.account;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Turns a presented API key into a {@link SecurityIdentity} with the user's role; unknown or revoked keys fail. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final AccountService accounts;

    public ApiKeyIdentityProvider(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String key = request.getToken().getToken();
        // The database lookup blocks: run it on a worker thread, never on the event loop.
        return context.runBlocking(() -> accounts.authenticate(key)
                .map(ApiKeyIdentityProvider::identity)
                .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked API key")));
    }

    static SecurityIdentity identity(AccountPrincipal account) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(() -> account.userId().toString())
                .addRole(account.role().id())
                .addAttribute(AccountPrincipal.ATTRIBUTE, account)
                .build();
    }
}
