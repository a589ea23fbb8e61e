package io.omnivox.model;

/**
 * Something went wrong running or loading a model. {@code OrtException} never leaves an engine: it is wrapped here with
 * the model's name and a message that says what was expected.
 */
public class ModelException extends RuntimeException {

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
