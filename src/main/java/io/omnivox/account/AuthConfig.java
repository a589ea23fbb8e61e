package io.omnivox.account;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** API key authentication ({@code omnivox.auth.*}). */
@ConfigMapping(prefix = "omnivox.auth")
public interface AuthConfig {

    /**
     * Require a key on {@code /v1/**}, {@code /api/**} and {@code /ws/**}. Off, every request acts as the first admin:
     * only for a single-user machine that nobody else can reach.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * An admin key to register at startup instead of generating and printing one (at least 32 characters; e.g. from a
     * secret store). Registered once for the first admin; a key that was revoked stays revoked.
     */
    Optional<String> bootstrapKey();
}
