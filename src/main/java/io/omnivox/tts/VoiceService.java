package io.omnivox.tts;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.omnivox.asr.Language;
import io.omnivox.asr.TranscriptionResult;
import io.omnivox.asr.TranscriptionService;
import io.omnivox.audio.AudioClip;
import io.omnivox.audio.AudioDecoder;
import io.omnivox.audio.DecodeLimits;
import io.omnivox.audio.vad.VadEngines;
import io.omnivox.model.EngineUnavailableException;
import io.omnivox.tts.cosyvoice.CosyVoiceSynthesizer;
import io.omnivox.tts.cosyvoice.VoicePrompt;

/**
 * Built-in and cloned voices. A clone is a short recording of a consenting speaker: decoded to 16 kHz, checked for
 * length and for speech, transcribed when no transcript is given, and stored.
 */
@ApplicationScoped
public class VoiceService {

    static final int PROMPT_RATE = 16_000;

    /** Why a prompt recording cannot be used; the API answers 422 with the slug. */
    public static final class UnusablePromptException extends RuntimeException {
        private final String slug;

        UnusablePromptException(String slug, String message) {
            super(message);
            this.slug = slug;
        }

        public String slug() {
            return slug;
        }
    }

    private final TtsEngines engines;
    private final TtsConfig config;
    private final AudioDecoder decoder;
    private final VadEngines vad;
    private final TranscriptionService asr;
    private final VoiceStore store;

    public VoiceService(TtsEngines engines, TtsConfig config, AudioDecoder decoder, VadEngines vad,
            TranscriptionService asr) {
        this.engines = engines;
        this.config = config;
        this.decoder = decoder;
        this.vad = vad;
        this.asr = asr;
        this.store = new VoiceStore(config.voicesDir());
    }

    /** Built-in voices of the engine in use, then the voices {@code owner} cloned (nobody sees another's). */
    public List<VoiceInfo> all(java.util.UUID owner) {
        List<VoiceInfo> voices = new ArrayList<>(engines.current().map(SpeechSynthesizer::voices).orElse(List.of()));
        store.list().stream().filter(v -> owns(owner, v))
                .forEach(v -> voices.add(new VoiceInfo(v.id(), v.name(), "", "cloned")));
        return voices;
    }

    /** {@code owner}'s cloned voice {@code id}; empty for another user's, as for one that does not exist. */
    public Optional<StoredVoice> cloned(java.util.UUID owner, String id) {
        return store.find(id).filter(v -> owns(owner, v));
    }

    /**
     * Makes {@code voice} speakable by {@code engine} for {@code owner}: a zero-shot engine (CosyVoice) is conditioned
     * on the stored prompt audio and its transcript (once per engine instance).
     *
     * @return whether {@code owner} may speak in it and the engine can: false for another user's cloned voice (even
     *         when the engine holds it from that user's use) and for a voice the engine does not know
     */
    public boolean prepare(SpeechSynthesizer engine, String voice, java.util.UUID owner) {
        Optional<StoredVoice> stored = store.find(voice);
        if (stored.isPresent() && !owns(owner, stored.get())) {
            return false;
        }
        if (engine instanceof CosyVoiceSynthesizer cosy && !cosy.knows(voice)) {
            stored.ifPresent(v -> store.conditioning(v.id(), VoicePrompt.class)
                    .ifPresentOrElse(cosy::addVoice, () -> condition(cosy, v)));
        }
        return engine.knows(voice);
    }

    /**
     * {@link #prepare}s {@code voice} for a job of {@code owner}'s.
     *
     * @throws IllegalStateException when it cannot be spoken: deleted since the job was made, or not theirs
     */
    public void usable(SpeechSynthesizer engine, String voice, java.util.UUID owner) {
        if (!prepare(engine, voice, owner)) {
            throw new IllegalStateException("The voice '" + voice + "' cannot be spoken by " + engine.engine()
                    + ": it was deleted, or it is not one of this user's voices.");
        }
    }

    /**
     * Voices cloned before accounts existed say {@code local}: they belong to no account, so nobody can use them
     * until cloned again by their speaker's user.
     */
    private static boolean owns(java.util.UUID owner, StoredVoice voice) {
        return owner != null && owner.toString().equals(voice.owner());
    }

    /** Derives and saves CosyVoice's conditioning for a stored voice. */
    private VoicePrompt condition(CosyVoiceSynthesizer cosy, StoredVoice voice) {
        VoicePrompt prompt = cosy.clone(voice.id(), store.prompt(voice.id()), voice.transcript());
        store.saveConditioning(voice.id(), prompt);
        return prompt;
    }

    /** The saved zero-shot conditioning of a cloned voice, if an engine derived one. */
    public Optional<VoicePrompt> conditioning(String id) {
        return store.conditioning(id, VoicePrompt.class);
    }

    /** True for a voice of the engine itself, which cannot be deleted. */
    public boolean isBuiltIn(String id) {
        return engines.current().map(e -> e.knows(id) && store.find(id).isEmpty()).orElse(false);
    }

    /** Deletes {@code owner}'s cloned voice with its prompt and conditioning; false when they have none so named. */
    public boolean delete(java.util.UUID owner, String id) {
        return cloned(owner, id).isPresent() && store.delete(id);
    }

    /** Validates, transcribes if needed, and stores a prompt recording. */
    public StoredVoice clone(String name, InputStream audio, String transcript, java.util.UUID owner) {
        AudioClip prompt = decoder.decode(audio, new DecodeLimits(config.maxPromptBytes(), config.maxPromptSeconds()),
                PROMPT_RATE);
        if (prompt.durationSeconds() < config.minPromptSeconds()) {
            throw new UnusablePromptException("voice-prompt-too-short", String.format(java.util.Locale.ROOT,
                    "The recording lasts %.1f s; a voice needs at least %.0f s of speech.", prompt.durationSeconds(),
                    config.minPromptSeconds()));
        }
        double speech = vad.current().detect(prompt).stream().mapToDouble(s -> s.durationSeconds()).sum();
        if (speech < 1.0) {
            throw new UnusablePromptException("voice-prompt-silent", String.format(java.util.Locale.ROOT,
                    "The recording holds %.1f s of speech; record the speaker talking for a few seconds.", speech));
        }
        String text = transcript == null ? "" : transcript.strip();
        String from = "user";
        if (text.isEmpty()) {
            try {
                TranscriptionResult heard = asr.transcribe(asr.engine(), prompt, Language.AUTO, true);
                text = heard.text();
                from = heard.engine();
            } catch (EngineUnavailableException e) {
                from = "none";
            }
        }
        StoredVoice stored = store.add(name, text, from, prompt, owner.toString());
        engines.cosyVoice().ifPresent(cosy -> condition(cosy, stored));
        return stored;
    }
}
