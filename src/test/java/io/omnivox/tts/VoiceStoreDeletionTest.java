package io.omnivox.tts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.omnivox.audio.AudioClip;

/**
 * Deleting a cloned voice removes everything stored for it from disk: the prompt recording, the metadata, the derived
 * conditioning (speaker embedding, prompt tokens and mel) and half-written temporary files; and what a crash left
 * behind in the middle of a clone or a delete is swept at the next start.
 */
class VoiceStoreDeletionTest {

    private static AudioClip prompt() {
        float[] samples = new float[16_000 * 4];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / 16_000.0));
        }
        return new AudioClip(samples, 16_000);
    }

    private static long filesUnder(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void should_remove_the_prompt_audio_and_the_conditioning_from_disk(@TempDir Path root) throws Exception {
        VoiceStore store = new VoiceStore(root);
        StoredVoice kept = store.add("Kept", "hello there", "given", prompt(), "owner-b");
        long before = filesUnder(root);
        StoredVoice voice = store.add("Narrator", "hello there", "given", prompt(), "owner-a");
        store.saveConditioning(voice.id(), Map.of("embedding", new float[] {0.1f, 0.2f}));
        Files.writeString(root.resolve(voice.id()).resolve(".conditioning-123.json"), "{\"half\": true}");
        assertThat(store.conditioning(voice.id(), Map.class)).isPresent();

        assertThat(store.delete(voice.id())).isTrue();

        assertThat(root.resolve(voice.id())).doesNotExist();
        assertThat(store.find(voice.id())).isEmpty();
        assertThat(store.conditioning(voice.id(), Map.class)).isEmpty();
        assertThat(filesUnder(root)).as("only the other voice's files are left").isEqualTo(before);
        try (Stream<Path> left = Files.list(root)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(kept.id());
        }
        assertThat(store.delete(voice.id())).isFalse();
    }

    @Test
    void should_sweep_half_deleted_and_stale_half_cloned_voices_at_start(@TempDir Path root) throws Exception {
        Path halfDeleted = Files.createDirectories(root.resolve(".deleting-voice-0123456789ab"));
        Files.write(halfDeleted.resolve("prompt.wav"), new byte[] {1, 2, 3});
        Path staleStaging = Files.createDirectories(root.resolve(".staging-1"));
        Files.write(staleStaging.resolve("prompt.wav"), new byte[] {1, 2, 3});
        Files.setLastModifiedTime(staleStaging, FileTime.from(Instant.now().minusSeconds(2 * 3600)));
        Path freshStaging = Files.createDirectories(root.resolve(".staging-2"));

        new VoiceStore(root);

        assertThat(halfDeleted).doesNotExist();
        assertThat(staleStaging).doesNotExist();
        assertThat(freshStaging).as("maybe a clone in progress").exists();
    }
}
