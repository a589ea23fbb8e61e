package io.omnivox.account;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The one place API key scopes are enforced: the path permissions in {@code application.properties} name this policy
 * for every {@code /v1}, {@code /api} and {@code /ws} route. A request without an account is denied (answered 401 by
 * the challenge); one whose key lacks {@link Scope#requiredFor the scope of the request} is denied with 403.
 */
@ApplicationScoped
public class ApiKeyScopePolicy implements HttpSecurityPolicy {

    /** The name {@code quarkus.http.auth.permission.<name>.policy} refers to. */
    public static final String NAME = "api-key-scopes";

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext requestContext) {
        Scope needed = Scope.requiredFor(request.request().method().name(), request.normalizedPath());
        return identity.map(id -> allows(id, needed) ? CheckResult.PERMIT : CheckResult.DENY);
    }

    static boolean allows(SecurityIdentity identity, Scope needed) {
        if (identity == null || identity.isAnonymous()) {
            return false;
        }
        return AccountPrincipal.of(identity).map(account -> account.scopes().contains(needed)).orElse(false);
    }

    @Override
    public String name() {
        return NAME;
    }
}
