package io.omnivox.account;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Users and their API keys: creation, listing, revocation, and checking a presented key. */
@ApplicationScoped
public class AccountService {

    /**
     * {@code last_used_at} is refreshed at most this often: it answers "is this key still in use?", and writing it on
     * every request would turn each API call into a database write.
     */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final UserRepository users;
    private final ApiKeyRepository keys;

    public AccountService(UserRepository users, ApiKeyRepository keys) {
        this.users = users;
        this.keys = keys;
    }

    /** Creates a user with a first key; {@link NameTakenException} when the name is taken. */
    @Transactional
    public IssuedKey createUser(String name, Role role, String keyLabel) {
        String trimmed = name.strip();
        if (users.findByName(trimmed).isPresent()) {
            throw new NameTakenException(trimmed);
        }
        User user = new User(trimmed, role, Instant.now());
        users.persist(user);
        return issue(user, ApiKeySecrets.generate(), keyLabel, Scope.ALL);
    }

    /**
     * {@link #createUser}, also when another request creates the same name at the same moment: the unique constraint
     * then stops the second at commit, and that is reported as the name being taken, not as a server error.
     */
    public IssuedKey createUserOnce(String name, Role role, String keyLabel) {
        try {
            return self().createUser(name, role, keyLabel);
        } catch (NameTakenException e) {
            throw e;
        } catch (RuntimeException e) {
            if (nameExists(name.strip())) {
                throw new NameTakenException(name.strip());
            }
            throw e;
        }
    }

    @Transactional
    boolean nameExists(String name) {
        return users.findByName(name).isPresent();
    }

    /** This bean through its proxy, so {@code @Transactional} applies to calls from inside it. */
    private AccountService self() {
        return io.quarkus.arc.Arc.container().instance(AccountService.class).get();
    }

    /**
     * Creates another key for an existing user, limited to {@code scopes} (not empty). Whether the caller may grant
     * them is the caller's to check: a key never grants more than it has.
     */
    @Transactional
    public IssuedKey createKey(UUID userId, String label, Set<Scope> scopes) {
        User user = users.findByIdOptional(userId)
                .orElseThrow(() -> new IllegalStateException("authenticated user " + userId + " no longer exists"));
        return issue(user, ApiKeySecrets.generate(), label, scopes);
    }

    /** Stores {@code key} for {@code user} with {@code scopes}; the caller hands the secret out once. */
    @Transactional
    IssuedKey issue(User user, ApiKeySecrets.NewKey key, String label, Set<Scope> scopes) {
        ApiKey stored = new ApiKey(user.id(), key.prefix(), key.hash(), label, scopes, Instant.now());
        keys.persist(stored);
        return new IssuedKey(user, stored, key.secret());
    }

    /** The user's keys, revoked ones included, oldest first. */
    @Transactional
    public List<ApiKey> keysOf(UUID userId) {
        return keys.listByUser(userId);
    }

    /**
     * Revokes one of the user's keys. Returns false when the user has no such key, so that another user's key looks
     * exactly like a missing one. Revoking twice keeps the first revocation time.
     */
    @Transactional
    public boolean revokeKey(UUID userId, UUID keyId) {
        Optional<ApiKey> key = keys.findByIdOptional(keyId).filter(k -> k.userId().equals(userId));
        key.ifPresent(k -> k.revoke(Instant.now()));
        return key.isPresent();
    }

    /** The account behind a presented key, if the key is known and not revoked. */
    @Transactional
    public Optional<AccountPrincipal> authenticate(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        // Looking the key up by its hash leaks nothing useful through timing: an attacker cannot choose hashes.
        Optional<ApiKey> found = keys.findByHash(ApiKeySecrets.hash(secret))
                .filter(k -> ApiKeySecrets.matches(secret, k.keyHash()))
                .filter(k -> !k.isRevoked());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApiKey key = found.get();
        Optional<User> user = users.findByIdOptional(key.userId());
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        if (key.lastUsedAt() == null || key.lastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
            key.markUsed(now);
        }
        return Optional.of(new AccountPrincipal(user.get().id(), user.get().name(), user.get().role(), key.id(),
                key.scopes()));
    }

    /** The admin that acts for every request when authentication is turned off. */
    @Transactional
    public Optional<AccountPrincipal> firstAdmin() {
        return users.firstAdmin().map(u -> new AccountPrincipal(u.id(), u.name(), u.role(), null, Scope.ALL));
    }
}
