package io.omnivox.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The format of API keys and how they are stored. A key is {@code ovx_} followed by 32 random bytes in unpadded
 * base64url (43 characters). The database keeps only its SHA-256 and a short prefix for display.
 *
 * <p>A plain, fast hash is enough here, unlike for passwords: a key carries 256 bits from a CSPRNG, so there is no
 * dictionary to try and no brute force that a slow hash (bcrypt, Argon2) would make harder; a fast hash keeps each
 * authenticated request cheap and lets the hash be the unique lookup column.
 */
public final class ApiKeySecrets {

    /** Every key starts with this, so leaked keys are easy to recognise (e.g. by secret scanners). */
    public static final String KEY_PREFIX = "ovx_";

    /** Random bytes in a generated key. */
    static final int RANDOM_BYTES = 32;

    /** Characters of the key kept for display: the marker and 8 characters of the random part. */
    static final int DISPLAY_PREFIX_LENGTH = KEY_PREFIX.length() + 8;

    /** Shortest configured bootstrap key accepted: shorter ones would be guessable, and the hash would not help. */
    public static final int MIN_CONFIGURED_LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    /** A freshly generated key: the secret to hand out once, and what is stored. */
    public record NewKey(String secret, String prefix, String hash) {
        @Override
        public String toString() {
            return "NewKey[prefix=" + prefix + "]"; // never log the secret by accident
        }
    }

    /** Generates a new random key. */
    public static NewKey generate() {
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        return of(KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    /** The stored form of a given secret (used for a configured bootstrap key). */
    public static NewKey of(String secret) {
        return new NewKey(secret, displayPrefix(secret), hash(secret));
    }

    /** Lower-case hex SHA-256 of the key's UTF-8 bytes. */
    public static String hash(String secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The part of a key shown in listings. */
    public static String displayPrefix(String secret) {
        return secret.substring(0, Math.min(DISPLAY_PREFIX_LENGTH, secret.length()));
    }

    /**
     * Whether {@code secret} hashes to {@code storedHash}, in time independent of where they differ, so response times
     * reveal nothing about a stored hash.
     */
    public static boolean matches(String secret, String storedHash) {
        byte[] expected = storedHash.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = hash(secret).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }
}
