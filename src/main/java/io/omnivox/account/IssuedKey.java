package io.omnivox.account;

/** A key just created: its stored record, its owner, and the secret, which exists only in this object. */
public record IssuedKey(User user, ApiKey key, String secret) {

    @Override
    public String toString() {
        return "IssuedKey[user=" + user.name() + ", prefix=" + key.prefix() + "]"; // keep the secret out of logs
    }
}
