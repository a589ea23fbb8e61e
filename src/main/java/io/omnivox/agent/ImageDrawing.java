package io.omnivox.agent;

/**
 * What the agent's {@code generate_image} tool draws with: the image generator when its weights are present. Lives
 * here as an interface (the {@code imagegen} package implements it) so the agent does not depend on diffusion.
 */
public interface ImageDrawing {

    /** A picture drawn for a user: where they fetch it (their own URL), what it shows, and its seed. */
    record Picture(String url, String prompt, long seed, int width, int height) {
    }

    /** Whether drawing is possible now (the generator's weights are there); the tool is only offered then. */
    boolean available();

    /**
     * Draws {@code prompt} for {@code owner} and stores it as theirs.
     *
     * @throws IllegalArgumentException for a prompt the generator refuses (empty, too long)
     */
    Picture draw(String owner, String prompt);
}
