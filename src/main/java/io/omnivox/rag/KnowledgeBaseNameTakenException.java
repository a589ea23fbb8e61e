package io.omnivox.rag;

/** The owner already has a knowledge base with the requested name; the API answers 409. */
public final class KnowledgeBaseNameTakenException extends RuntimeException {

    public KnowledgeBaseNameTakenException(String name) {
        super("You already have a knowledge base named '" + name + "'.");
    }
}
