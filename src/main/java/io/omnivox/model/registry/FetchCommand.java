package io.omnivox.model.registry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code models/fetch [--all | --enabled | --list | NAME...]}: downloads model weights with a progress bar, resuming
 * partial files and verifying checksums. Runs without the server (plain JVM, no CDI) and reads the same settings as
 * the server: {@code OMNIVOX_MODELS_DIR} and {@code OMNIVOX_MODELS_MANIFESTS}, else the defaults of
 * {@link ModelsConfig}.
 */
public final class FetchCommand {

    private FetchCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) {
        ModelRegistry registry;
        try {
            registry = ModelRegistry.load(Path.of(env.getOrDefault("OMNIVOX_MODELS_MANIFESTS", "models")),
                    weightsDir(env));
        } catch (RuntimeException e) {
            System.err.println("Invalid model manifest: " + e.getMessage());
            return 2;
        }
        List<String> names = List.of(args);
        if (names.contains("--help") || names.contains("-h")) {
            System.out.println("usage: models/fetch [--enabled | --all | --list | NAME...]   (default: --enabled)");
            return 0;
        }
        if (names.contains("--list")) {
            registry.all().forEach(m -> System.out.printf("%-24s %-9s %-8s %s%n", m.name(),
                    m.capability().name().toLowerCase(), registry.isPresent(m) ? "present" : "missing", brief(m.description())));
            return 0;
        }
        List<ModelManifest> chosen;
        try {
            chosen = choose(registry, names);
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        return fetchAll(registry, chosen);
    }

    private static List<ModelManifest> choose(ModelRegistry registry, List<String> args) {
        if (args.isEmpty() || args.contains("--enabled")) {
            return registry.all().stream().filter(ModelManifest::enabled).toList();
        }
        if (args.contains("--all")) {
            return registry.all();
        }
        return args.stream().map(registry::require).toList();
    }

    private static int fetchAll(ModelRegistry registry, List<ModelManifest> chosen) {
        ModelFetcher fetcher = ModelFetcher.withDefaults(ConsoleProgressBar.onStderr());
        List<String> failed = new ArrayList<>();
        for (ModelManifest manifest : chosen) {
            if (registry.isPresent(manifest)) {
                System.err.println(manifest.name() + ": present in " + registry.directory(manifest));
                continue;
            }
            try {
                fetcher.fetch(registry, manifest);
                System.err.println(manifest.name() + ": ready in " + registry.directory(manifest));
            } catch (FetchException e) {
                failed.add(manifest.name());
                System.err.println(manifest.name() + ": " + e.getMessage());
            }
        }
        if (!failed.isEmpty()) {
            System.err.println("Not fetched: " + String.join(", ", failed)
                    + ". Omnivox still runs; those engines use their fallbacks until the weights are in place.");
            return 1;
        }
        return 0;
    }

    private static String brief(String description) {
        return description.length() <= 72 ? description : description.substring(0, 71) + "…";
    }

    /** The weights directory: {@code OMNIVOX_MODELS_DIR}, else the same default as {@link ModelsConfig#dir()}. */
    static Path weightsDir(Map<String, String> env) {
        String dir = env.get("OMNIVOX_MODELS_DIR");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        String cache = env.get("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("omnivox").resolve("models");
    }
}
