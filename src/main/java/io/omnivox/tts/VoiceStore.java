package io.omnivox.tts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.omnivox.audio.AudioClip;
import io.omnivox.audio.WavCodec;

/**
 * Cloned voices on disk, one directory each ({@code voice.json} + {@code prompt.wav}). A voice is written to a
 * temporary directory and moved into place in one step, so a failed upload leaves nothing behind.
 */
public final class VoiceStore {

    private static final Pattern ID = Pattern.compile("voice-[0-9a-f]{12}");
    private static final String META = "voice.json";
    private static final String PROMPT = "prompt.wav";
    private static final String CONDITIONING = "conditioning.json";
    /** Folder name prefixes of a voice being cloned and of one being deleted. */
    private static final String STAGING = ".staging-";
    private static final String DELETING = ".deleting-";
    private static final Duration STALE_STAGING = Duration.ofHours(1);

    private final Path root;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public VoiceStore(Path root) {
        this.root = root;
        sweep();
    }

    /**
     * Removes what a crash left behind: voices half deleted and, after an hour (older than any upload in progress, also
     * one of another replica sharing the folder), half-cloned ones. Both can hold a speaker's recording that no listing
     * shows and no API call could delete.
     */
    private void sweep() {
        if (!Files.isDirectory(root)) {
            return;
        }
        Instant staleBefore = Instant.now().minus(STALE_STAGING);
        try (var dirs = Files.list(root)) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                if (name.startsWith(DELETING) || name.startsWith(STAGING)
                        && Files.getLastModifiedTime(dir).toInstant().isBefore(staleBefore)) {
                    deleteTree(dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean up interrupted voice changes in " + root, e);
        }
    }

    /** Stores a new voice; returns its record. */
    public StoredVoice add(String name, String transcript, String transcriptFrom, AudioClip prompt, String owner) {
        String id = "voice-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        StoredVoice voice = new StoredVoice(id, name, transcript, transcriptFrom, prompt.durationSeconds(), owner,
                java.time.Instant.now());
        try {
            Files.createDirectories(root);
            Path staging = Files.createTempDirectory(root, STAGING);
            Files.write(staging.resolve(PROMPT), WavCodec.encode(prompt, 16));
            json.writeValue(staging.resolve(META).toFile(), voice);
            move(staging, root.resolve(id));
            return voice;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store voice in " + root, e);
        }
    }

    /** Every stored voice, oldest first. */
    public List<StoredVoice> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<StoredVoice> voices = new ArrayList<>();
        try (var dirs = Files.list(root)) {
            for (Path dir : dirs.filter(d -> ID.matcher(d.getFileName().toString()).matches()).toList()) {
                read(dir).ifPresent(voices::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list voices in " + root, e);
        }
        voices.sort(Comparator.comparing(StoredVoice::created));
        return voices;
    }

    public Optional<StoredVoice> find(String id) {
        return ID.matcher(id).matches() ? read(root.resolve(id)) : Optional.empty();
    }

    /** The prompt audio of a stored voice. */
    public AudioClip prompt(String id) {
        try {
            return WavCodec.decode(Files.readAllBytes(root.resolve(id).resolve(PROMPT)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the prompt of " + id, e);
        }
    }

    /**
     * Saves what a zero-shot engine derived from the prompt (speaker embedding, prompt speech tokens, prompt mel), so
     * it is computed once per voice rather than once per process.
     */
    public <T> void saveConditioning(String id, T conditioning) {
        try {
            Path staging = Files.createTempFile(root.resolve(id), ".conditioning-", ".json");
            json.writeValue(staging.toFile(), conditioning);
            move(staging, root.resolve(id).resolve(CONDITIONING));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the conditioning of " + id, e);
        }
    }

    /** The saved conditioning of a voice, if any. */
    public <T> Optional<T> conditioning(String id, Class<T> type) {
        Path file = root.resolve(id).resolve(CONDITIONING);
        if (!ID.matcher(id).matches() || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), type));
        } catch (IOException e) {
            return Optional.empty(); // unreadable: recompute from the prompt
        }
    }

    /**
     * Deletes a voice with everything stored for it: the prompt recording, its metadata, the derived conditioning
     * (speaker embedding, prompt tokens and mel) and any half-written temporary file; false when there is none with
     * that id. The folder is first renamed out of the way, so a voice half deleted by a crash is no longer found.
     */
    public boolean delete(String id) {
        if (!ID.matcher(id).matches() || !Files.isDirectory(root.resolve(id))) {
            return false;
        }
        try {
            Path doomed = root.resolve(DELETING + id);
            move(root.resolve(id), doomed);
            deleteTree(doomed);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete voice " + id, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var tree = Files.walk(dir)) {
            // deepest first, so every folder is empty when its turn comes
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private Optional<StoredVoice> read(Path dir) {
        Path meta = dir.resolve(META);
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(meta.toFile(), StoredVoice.class));
        } catch (IOException e) {
            return Optional.empty(); // a damaged entry is skipped, not fatal for the listing
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
