package io.omnivox.voice;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.omnivox.agent.AgentService;
import io.omnivox.agent.ChatModels;
import io.omnivox.agent.ConversationService;
import io.omnivox.asr.AsrEngines;
import io.omnivox.audio.vad.VadEngines;
import io.omnivox.model.EngineUnavailableException;
import io.omnivox.pipeline.Media;
import io.omnivox.pipeline.PipelineCatalog;
import io.omnivox.pipeline.PipelineDefinition;
import io.omnivox.pipeline.StageType;
import io.omnivox.studio.PodcastEpisodes;
import io.omnivox.tts.TtsConfig;
import io.omnivox.tts.TtsEngines;

/**
 * Opens voice sessions with the engines in use, counts them against the limit, and wires each session to the agent
 * and to the user's stored conversation. Engines (ONNX sessions) are shared; per-session state is freed on close.
 */
@ApplicationScoped
public class VoiceSessions {

    /** The voice-chat pipeline, used when a session names none. */
    static final String DEFAULT_PIPELINE = "voice-chat";
    /** The TTS stage's voice that means "the user's own voice", cloned from their speech. */
    static final String SPEAKERS_VOICE = "speaker";
    /** The agent stage's style meaning "the hosts of the session's podcast answer the listener". */
    static final String PODCAST_HOSTS = "podcast-hosts";

    private final VoiceConfig config;
    private final VadEngines vad;
    private final AsrEngines asr;
    private final TtsEngines tts;
    private final TtsConfig ttsConfig;
    private final AgentService agent;
    private final ChatModels models;
    private final ConversationService conversations;
    private final PipelineCatalog pipelines;
    private final VoiceMetrics metrics;
    private final io.omnivox.tts.VoiceService voices;
    private final PodcastEpisodes episodes;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, VoiceSession> sessions = new ConcurrentHashMap<>();

    /** Looks for idle sessions this often. */
    private static final java.time.Duration IDLE_CHECK = java.time.Duration.ofSeconds(5);

    private final java.util.concurrent.ScheduledExecutorService idleCheck = java.util.concurrent.Executors
            .newSingleThreadScheduledExecutor(Thread.ofVirtual().name("voice-idle").factory());

    public VoiceSessions(VoiceConfig config, VadEngines vad, AsrEngines asr, TtsEngines tts, TtsConfig ttsConfig,
            AgentService agent, ChatModels models, ConversationService conversations, PipelineCatalog pipelines,
            MeterRegistry registry, io.omnivox.tts.VoiceService voices, PodcastEpisodes episodes) {
        this.voices = voices;
        this.episodes = episodes;
        this.config = config;
        this.vad = vad;
        this.asr = asr;
        this.tts = tts;
        this.ttsConfig = ttsConfig;
        this.agent = agent;
        this.models = models;
        this.conversations = conversations;
        this.pipelines = pipelines;
        this.metrics = new VoiceMetrics(registry);
        long idleNanos = config.idleTimeout().toNanos();
        idleCheck.scheduleWithFixedDelay(() -> sessions.values().stream().filter(s -> s.idleFor(idleNanos))
                .forEach(VoiceSession::closeIdle), IDLE_CHECK.toMillis(), IDLE_CHECK.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        idleCheck.shutdownNow();
        sessions.keySet().forEach(this::close);
    }

    /** Pipelines a voice session may run: those that take audio and give audio. */
    public List<String> voicePipelines() {
        return pipelines.all().stream().filter(p -> p.input() == Media.AUDIO && p.output() == Media.AUDIO)
                .map(PipelineDefinition::name).toList();
    }

    /**
     * Opens a session for {@code owner}, or empty when the limit is reached.
     *
     * @throws EngineUnavailableException when speech recognition or synthesis is missing
     */
    public Optional<VoiceSession> open(String connectionId, UUID owner, Outbound out) {
        if (open.incrementAndGet() > config.maxSessions()) {
            open.decrementAndGet();
            return Optional.empty();
        }
        try {
            VoiceSession session = create(owner, out);
            sessions.put(connectionId, session);
            session.start();
            return Optional.of(session);
        } catch (RuntimeException e) {
            open.decrementAndGet();
            throw e;
        }
    }

    public Optional<VoiceSession> find(String connectionId) {
        return Optional.ofNullable(sessions.get(connectionId));
    }

    /** Closes and forgets a connection's session. */
    public void close(String connectionId) {
        VoiceSession session = sessions.remove(connectionId);
        if (session != null) {
            session.close();
            open.decrementAndGet();
        }
    }

    public int openSessions() {
        return open.get();
    }

    private VoiceSession create(UUID owner, Outbound out) {
        var recognizer = asr.current().orElseThrow(() -> new EngineUnavailableException(asr.unavailableReason()));
        var synthesizer = tts.current().orElseThrow(() -> new EngineUnavailableException(tts.unavailableReason()));
        String conversation = conversations.create(owner, null).id().toString();
        PipelineDefinition pipeline = pipelines.find(DEFAULT_PIPELINE).orElseThrow();
        int silence = pipeline.stages().stream().filter(s -> s.type() == StageType.VAD).findFirst()
                .flatMap(s -> s.value("end-of-speech-ms")).map(v -> ((Number) v).intValue())
                .orElse(config.silenceMs());
        // the configured default when this engine speaks it, else the engine's own first voice
        String voice = synthesizer.knows(ttsConfig.defaultVoice()) || synthesizer.voices().isEmpty()
                ? ttsConfig.defaultVoice() : synthesizer.voices().get(0).id();
        SessionSettings settings = new SessionSettings(DEFAULT_PIPELINE, voice, "auto", "en",
                conversation, List.of(), null, SessionSettings.AudioFormat.PCM16, 16_000, SessionSettings.AudioFormat.PCM16,
                SessionSettings.Transport.JSON, synthesizer.sampleRate(),
                new SessionSettings.TurnDetection(silence, 250, config.maxTurnMs()),
                new SessionSettings.Interruption(SessionSettings.InterruptionPolicy.WORDS, 2));
        // the conversation the session records into: its own, until session.update names another of the owner's
        java.util.concurrent.atomic.AtomicReference<String> current = new java.util.concurrent.atomic.AtomicReference<>(
                conversation);
        java.util.function.Function<SessionSettings, Responder> responders = s -> {
            current.set(ownedConversation(owner, s.conversationId(), conversation));
            return responder(s, owner, current.get(), synthesizer);
        };
        TurnDetector turns = new TurnDetector(vad.current().open(), new TurnDetector.Timing(
                samples(settings.turnDetection().silenceDurationMs()), samples(settings.turnDetection().maxTurnMs()),
                samples(config.partialIntervalMs())));
        VoiceSession.Hooks hooks = new VoiceSession.Hooks(
                (question, answer) -> conversations.record(owner, UUID.fromString(current.get()), question, answer),
                heard -> agent.keepHeardPart(current.get(), heard));
        java.util.function.Consumer<String> voiceCheck = id -> {
            if (!voices.prepare(synthesizer, id, owner)) {
                throw new VoiceProtocolException("invalid_field", "session.voice '" + id + "' is not a voice of "
                        + synthesizer.engine() + "; it offers " + synthesizer.voices().stream().map(v -> v.id())
                                .toList());
            }
        };
        return new VoiceSession(out, new VoiceSession.Engines(recognizer, synthesizer, responders, voicePipelines(),
                voiceCheck, metrics), turns, settings, config, hooks);
    }

    /**
     * The conversation {@code session.conversation_id} names, once checked to be the owner's; refused with
     * {@code invalid_field} otherwise (another user's reads as one that does not exist).
     */
    private String ownedConversation(UUID owner, String requested, String sessions) {
        if (requested == null || requested.equals(sessions)) {
            return sessions;
        }
        try {
            return conversations.get(owner, requested).id().toString();
        } catch (jakarta.ws.rs.NotFoundException e) {
            throw new VoiceProtocolException("invalid_field", "session.conversation_id: you have no conversation "
                    + requested);
        }
    }

    /** Translation for a pipeline with a translate stage, else the agent in the session's conversation. */
    private Responder responder(SessionSettings settings, UUID owner, String conversation,
            io.omnivox.tts.SpeechSynthesizer synthesizer) {
        PipelineDefinition pipeline = pipelines.find(settings.pipeline()).orElseThrow();
        if (pipeline.stages().stream().anyMatch(s -> s.type() == StageType.AGENT
                && s.value("style").map(PODCAST_HOSTS::equals).orElse(false))) {
            return podcastHosts(settings, owner, synthesizer);
        }
        if (pipeline.stages().stream().anyMatch(s -> s.type() == StageType.TRANSLATE)) {
            boolean usersVoice = pipeline.stages().stream().filter(s -> s.type() == StageType.TTS)
                    .anyMatch(s -> s.value("voice").map(SPEAKERS_VOICE::equals).orElse(false));
            return new TranslationResponder(
                    models.current().orElseThrow(() -> new EngineUnavailableException(models.unavailableReason()))
                            .streaming(),
                    settings.targetLanguage(), usersVoice);
        }
        return new AgentResponder(agent, owner.toString(), conversation, settings.knowledgeBases());
    }

    /**
     * The hosts of the session's podcast, answering from its sources; the episode is checked here, so a bad
     * {@code podcast_id} is refused by {@code session.update}.
     */
    private Responder podcastHosts(SessionSettings settings, UUID owner, io.omnivox.tts.SpeechSynthesizer synthesizer) {
        if (settings.podcastId() == null) {
            throw new VoiceProtocolException("invalid_field", "session.podcast_id is needed for the "
                    + settings.pipeline() + " pipeline: the id of one of your finished podcasts");
        }
        PodcastEpisodes.Episode episode;
        try {
            episode = episodes.open(owner, UUID.fromString(settings.podcastId()));
        } catch (IllegalArgumentException e) {
            throw new VoiceProtocolException("invalid_field", "session.podcast_id: " + e.getMessage());
        } catch (jakarta.ws.rs.NotFoundException e) {
            throw new VoiceProtocolException("invalid_field", "session.podcast_id: you have no podcast "
                    + settings.podcastId());
        }
        var model = models.current().orElseThrow(() -> new VoiceProtocolException("engine_unavailable",
                models.unavailableReason()));
        java.util.LinkedHashMap<String, String> voices = new java.util.LinkedHashMap<>();
        episode.hosts().forEach(host -> voices.put(host.name(), speakable(synthesizer, host.voice(), owner)));
        List<Playlist.Line> lines = episode.lines().stream().map(line -> new Playlist.Line(line.section(),
                line.sectionTitle(), line.speaker(), voices.get(line.speaker()), line.text(), line.audio())).toList();
        return new PodcastHostsResponder(model.streaming(), episode,
                new Playlist(episode.id().toString(), episode.title(), lines), voices);
    }

    /** The voice when this engine can speak it; null (the session's voice) when it cannot, e.g. a removed clone. */
    private String speakable(io.omnivox.tts.SpeechSynthesizer synthesizer, String voice, UUID owner) {
        try {
            return voices.prepare(synthesizer, voice, owner) ? voice : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static long samples(int ms) {
        return ms * 16L;
    }
}
