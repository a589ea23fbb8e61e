package io.omnivox.agent;

/**
 * A source the answer may cite as {@code [n]}.
 *
 * @param index   the number the model was given for it
 * @param passage what was retrieved
 */
public record Citation(int index, Passage passage) {
}
