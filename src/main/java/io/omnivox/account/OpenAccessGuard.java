package io.omnivox.account;

import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start with authentication off ({@code omnivox.auth.enabled=false}) unless the server listens on a
 * loopback address only: off, every request acts as the first administrator, so anyone who can reach the port owns
 * every user's data. That mode is for one person on their own machine.
 */
@ApplicationScoped
public class OpenAccessGuard {

    private final AuthConfig auth;
    private final String host;

    public OpenAccessGuard(AuthConfig auth, @ConfigProperty(name = "quarkus.http.host") String host) {
        this.auth = auth;
        this.host = host;
    }

    void check(@Observes StartupEvent event) {
        if (!auth.enabled() && !isLoopback(host)) {
            throw new IllegalStateException("omnivox.auth.enabled=false makes every request the administrator, so it"
                    + " is only allowed when the server listens on a loopback address (quarkus.http.host=127.0.0.1,"
                    + " ::1 or localhost); quarkus.http.host is " + host + ". Turn authentication on, or bind to"
                    + " loopback.");
        }
    }

    /** Whether {@code host} names only this machine (a wildcard such as 0.0.0.0 listens on every interface). */
    static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host.strip());
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
