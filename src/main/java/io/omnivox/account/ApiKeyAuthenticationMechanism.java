package io.omnivox.account;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads {@code Authorization: Bearer <key>} and hands the key to {@link ApiKeyIdentityProvider}. A request without
 * the header stays anonymous here; the path permissions in {@code application.properties} decide whether that is
 * allowed, so health, metrics and the OpenAPI document stay open.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String SCHEME = "Bearer";
    static final String SUBPROTOCOL_PREFIX = "omnivox-key.";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String key = bearerKey(context.request().getHeader(HttpHeaderNames.AUTHORIZATION));
        if (key == null) {
            key = subprotocolKey(context.request().getHeader(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL));
        }
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        return identityProviderManager.authenticate(new TokenAuthenticationRequest(new TokenCredential(key, "bearer")));
    }

    /** The key in an Authorization header value, or null when the header is absent or not a Bearer credential. */
    static String bearerKey(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (value.length() <= SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || !Character.isWhitespace(value.charAt(SCHEME.length()))) {
            return null;
        }
        return value.substring(SCHEME.length()).strip();
    }

    /**
     * The key offered as a WebSocket subprotocol {@code omnivox-key.<key>}: browsers cannot set headers on a
     * WebSocket, so they pass it as {@code new WebSocket(url, ["omnivox", "omnivox-key." + key])}.
     */
    static String subprotocolKey(String header) {
        if (header == null) {
            return null;
        }
        for (String protocol : header.split(",")) {
            String value = protocol.strip();
            if (value.startsWith(SUBPROTOCOL_PREFIX) && value.length() > SUBPROTOCOL_PREFIX.length()) {
                return value.substring(SUBPROTOCOL_PREFIX.length());
            }
        }
        return null;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(HttpResponseStatus.UNAUTHORIZED.code(),
                HttpHeaderNames.WWW_AUTHENTICATE, SCHEME + " realm=\"omnivox\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, SCHEME));
    }
}
