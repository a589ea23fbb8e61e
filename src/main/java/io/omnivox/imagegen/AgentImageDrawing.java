package io.omnivox.imagegen;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.omnivox.agent.ImageDrawing;
import io.omnivox.model.decoder.CancellationToken;

/**
 * The agent's drawing: one image at the configured default size and steps, stored among the user's generated images
 * and served at the same URL {@code /v1/images/generations} gives.
 */
@ApplicationScoped
public class AgentImageDrawing implements ImageDrawing {

    /** Where a stored image is served; the images API's own route. */
    static final String FILES = "/v1/images/files/";

    private final ImageGenEngines engines;
    private final ImageGenConfig config;
    private final ImageStore store;

    public AgentImageDrawing(ImageGenEngines engines, ImageGenConfig config, ImageStore store) {
        this.engines = engines;
        this.config = config;
        this.store = store;
    }

    @Override
    public boolean available() {
        return engines.current().isPresent();
    }

    @Override
    public Picture draw(String owner, String prompt) {
        String text = prompt == null ? "" : prompt.strip();
        if (text.isEmpty() || text.length() > config.maxPromptCharacters()) {
            throw new IllegalArgumentException("A picture needs a description of 1 to " + config.maxPromptCharacters()
                    + " characters.");
        }
        int size = config.agentSize();
        ImageResult result = engines.generate(new ImageRequest(text, "", size, size, config.defaultSteps(),
                config.defaultGuidance(), OptionalLong.empty(), 1, Optional.empty()), StepListener.NONE,
                new CancellationToken());
        GeneratedImage image = result.images().get(0);
        String name = store.save(UUID.fromString(owner), image.png());
        return new Picture(FILES + name, text, image.seed(), size, size);
    }
}
