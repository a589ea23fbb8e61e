package io.omnivox.account;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Makes sure someone can administer a new installation. With no users at all, it creates an {@code admin} user with a
 * generated key and prints that key once, framed, to the log; later starts find the user and print nothing. With
 * {@code omnivox.auth.bootstrap-key} set, that key is registered for the first admin instead and never printed.
 */
@ApplicationScoped
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);
    static final String ADMIN_NAME = "admin";

    private final AuthConfig config;
    private final UserRepository users;
    private final ApiKeyRepository keys;
    private final AccountService accounts;

    public BootstrapAdmin(AuthConfig config, UserRepository users, ApiKeyRepository keys, AccountService accounts) {
        this.config = config;
        this.users = users;
        this.keys = keys;
        this.accounts = accounts;
    }

    void onStart(@Observes StartupEvent event) {
        bootstrap();
    }

    /** Runs the bootstrap; returns the generated key's secret when one was created (for tests), else null. */
    @Transactional
    String bootstrap() {
        String configured = config.bootstrapKey().map(String::strip).filter(k -> !k.isEmpty()).orElse(null);
        if (configured != null) {
            registerConfigured(configured);
            return null;
        }
        if (users.count() > 0) {
            return null;
        }
        IssuedKey issued = accounts.createUser(ADMIN_NAME, Role.ADMIN, "bootstrap");
        LOG.info(frame(issued.secret()));
        return issued.secret();
    }

    private void registerConfigured(String secret) {
        if (secret.length() < ApiKeySecrets.MIN_CONFIGURED_LENGTH) {
            throw new IllegalStateException("omnivox.auth.bootstrap-key must be at least "
                    + ApiKeySecrets.MIN_CONFIGURED_LENGTH + " characters long, e.g. the output of `openssl rand -base64 32`");
        }
        ApiKeySecrets.NewKey key = ApiKeySecrets.of(secret);
        // Known already (possibly revoked on purpose): leave it exactly as it is.
        if (keys.findByHash(key.hash()).isPresent()) {
            return;
        }
        User admin = users.firstAdmin().orElseGet(() -> {
            User created = new User(ADMIN_NAME, Role.ADMIN, Instant.now());
            users.persist(created);
            return created;
        });
        accounts.issue(admin, key, "bootstrap (configured)", Scope.ALL);
        LOG.infof("Registered the configured omnivox.auth.bootstrap-key (%s…) for admin '%s'.", key.prefix(),
                admin.name());
    }

    static String frame(String secret) {
        String rule = "=".repeat(Math.max(secret.length(), 60) + 4);
        return "\n" + rule
                + "\n  Omnivox created the admin user 'admin'. Its API key, shown only this once:\n\n  " + secret
                + "\n\n  Send it as 'Authorization: Bearer <key>'. Keep it in a password manager; it cannot be"
                + "\n  shown again (only its hash is stored). Create more users and keys with POST /api/users.\n"
                + rule;
    }
}
