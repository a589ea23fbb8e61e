package io.omnivox.imagegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Generated images answered by URL: {@code <images dir>/<user id>/<image id>.png}. Names are made here (a random
 * UUID), never taken from a client, and a user's lookups only ever look in that user's folder, so one user cannot
 * reach another's images.
 */
@ApplicationScoped
public class ImageStore {

    private static final Pattern NAME = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.png");

    private final Path dir;

    public ImageStore(ImageGenConfig config) {
        this.dir = config.imagesDir();
    }

    /** Stores a PNG for {@code owner}; returns its file name, e.g. {@code 3f2c….png}. */
    public String save(UUID owner, byte[] png) {
        String name = UUID.randomUUID() + ".png";
        try {
            Path folder = Files.createDirectories(dir.resolve(owner.toString()));
            // written under a temporary name first, so a crash never leaves a truncated image under the real one
            Path partial = folder.resolve(name + ".part");
            Files.write(partial, png);
            Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store a generated image", e);
        }
    }

    /** The owner's image of that name, if it exists; other users' images and odd names are never found. */
    public Optional<Path> find(UUID owner, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = dir.resolve(owner.toString()).resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
}
