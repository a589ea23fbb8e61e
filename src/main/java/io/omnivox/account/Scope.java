package io.omnivox.account;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an API key may be used for, independently of its user's {@link Role}: {@code read} (GET and HEAD), {@code write}
 * (every other method, and the voice WebSocket, which acts on the user's data) and {@code admin} (account management:
 * the user's own keys and, for admins, the users). A key needs the scope of the request it sends; see
 * {@link #requiredFor}. Existing keys and keys made with a new user have all three.
 */
public enum Scope {
    READ, WRITE, ADMIN;

    /** Every scope: what a key without an explicit choice gets. */
    public static final Set<Scope> ALL = Set.copyOf(EnumSet.allOf(Scope.class));

    /** Account management lives under these paths: a key that may not manage the account may not reach them. */
    private static final String[] ADMIN_PATHS = {"/api/keys", "/api/users"};

    /** The name used in the database and in JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scope called {@code id}, if any (case-insensitive). */
    public static Optional<Scope> of(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equalsIgnoreCase(id == null ? "" : id.strip())).findFirst();
    }

    /**
     * The scope a request needs, from its method and path alone, so the rule is the same for every route and cannot
     * be forgotten on a new one.
     */
    public static Scope requiredFor(String method, String rawPath) {
        String path = canonical(rawPath);
        for (String adminPath : ADMIN_PATHS) {
            if (path.equals(adminPath) || path.startsWith(adminPath + "/")) {
                return ADMIN;
            }
        }
        if (path.startsWith("/ws/")) {
            return WRITE;
        }
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD", "OPTIONS" -> READ;
            default -> WRITE;
        };
    }

    /**
     * The path as the router matches it, not as it was written: without matrix parameters ({@code ;v=1}) and with
     * repeated slashes collapsed, so {@code //api//keys;x} cannot pass for something other than {@code /api/keys}.
     * (Dot segments and percent-encoding are already resolved by the HTTP layer's normalised path.)
     */
    static String canonical(String path) {
        return path.replaceAll(";[^/]*", "").replaceAll("/{2,}", "/");
    }

    /** The column form: ids in declaration order, comma-separated ({@code read,write,admin}). */
    static String format(Collection<Scope> scopes) {
        return EnumSet.copyOf(scopes).stream().map(Scope::id).collect(Collectors.joining(","));
    }

    /** The scopes in a column value; an unknown id is a corrupt row, not a user error. */
    static Set<Scope> parse(String column) {
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String id : column.split(",")) {
            if (!id.isBlank()) {
                scopes.add(of(id).orElseThrow(() -> new IllegalStateException("unknown API key scope " + id)));
            }
        }
        return Set.copyOf(scopes);
    }
}
