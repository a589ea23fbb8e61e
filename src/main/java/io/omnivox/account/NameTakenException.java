package io.omnivox.account;

/** A user with the requested name exists already; the API answers 409. */
public final class NameTakenException extends RuntimeException {

    public NameTakenException(String name) {
        super("A user named '" + name + "' exists already.");
    }
}
