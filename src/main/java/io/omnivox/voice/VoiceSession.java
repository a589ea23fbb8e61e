package io.omnivox.voice;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.omnivox.agent.ModelCallTimer;
import io.omnivox.asr.Language;
import io.omnivox.asr.RecognitionRequest;
import io.omnivox.asr.SpeechRecognizer;
import io.omnivox.asr.Transcript;
import io.omnivox.audio.AudioClip;
import io.omnivox.audio.Pcm16;
import io.omnivox.tts.ChunkSink;
import io.omnivox.tts.SpeechStyle;
import io.omnivox.tts.SpeechSynthesizer;
import io.omnivox.tts.SynthesisRequest;
import io.omnivox.tts.VoiceCloning;
import io.omnivox.tts.text.SentenceSplitter;

/**
 * One voice conversation: audio in, turns found, transcribed, answered and spoken back, with barge-in. All state
 * changes run one at a time on the session's own thread, in arrival order; recognition, the reply's text and its
 * speech run on their own threads and post their results back. So events go out in a consistent order, and once a
 * reply is cancelled none of its audio is sent.
 */
public final class VoiceSession implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(VoiceSession.class);
    private static final int RATE = RecognitionRequest.SAMPLE_RATE;

    /**
     * What a session runs on.
     *
     * @param responders the reply writer for the session's settings (its pipeline: conversation or translation)
     * @param pipelines  the pipelines a session may switch to
     * @param voices     makes a voice id ready for the speech engine; throws {@link VoiceProtocolException} for one
     *                   it cannot speak
     */
    public record Engines(SpeechRecognizer asr, SpeechSynthesizer tts,
            java.util.function.Function<SessionSettings, Responder> responders, java.util.List<String> pipelines,
            java.util.function.Consumer<String> voices, VoiceMetrics metrics) {
    }

    /**
     * What the session tells the rest of the application.
     *
     * @param exchanged   a reply was completed: the user's words and the reply (to keep in the conversation); called
     *                    in order on a thread of its own, as it writes to the database and must not hold up the
     *                    session's events
     * @param interrupted a reply was cut short: the part the user heard (to keep in the agent's memory); called on
     *                    the session thread, so the next reply's agent already sees it
     */
    public record Hooks(java.util.function.BiConsumer<String, String> exchanged,
            java.util.function.Consumer<String> interrupted) {
        public static final Hooks NONE = new Hooks((q, a) -> {
        }, heard -> {
        });
    }

    private final Outbound out;
    private final Engines engines;
    private final TurnDetector turns;
    private final VoiceConfig config;
    private final ExecutorService loop = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("voice-", 0)
            .factory());
    private final AtomicLong queuedSamples = new AtomicLong();
    /** Runs the {@link Hooks#exchanged} records, in order, off the session thread. */
    private final ExecutorService records = Executors.newSingleThreadExecutor(Thread.ofVirtual()
            .name("voice-records").factory());
    private final Hooks hooks;
    private SessionSettings settings;
    private BargeInPolicy bargeIn;
    private Responder responder;
    /** The Opus decoder while the input format is Opus; read by the connection thread, hence volatile. */
    private volatile OpusInput opus;
    private int items;
    private int replies;
    private String itemId;
    private long endOfSpeechNanos;
    private boolean partialRunning;
    private Reply reply;
    private volatile boolean closed;
    private volatile long lastActivityNanos = System.nanoTime();
    private String lastPartialText = "";

    /** @param hooks called on the session thread when a reply completes or is interrupted */
    public VoiceSession(Outbound out, Engines engines, TurnDetector turns, SessionSettings settings,
            VoiceConfig config, Hooks hooks) {
        this.out = out;
        this.engines = engines;
        this.turns = turns;
        this.settings = settings;
        this.config = config;
        this.bargeIn = new BargeInPolicy(settings.interruption());
        this.responder = engines.responders().apply(settings);
        this.hooks = hooks;
    }

    // --- input, from the connection's thread ------------------------------------------------------------------------

    /**
     * A binary frame of input audio: PCM16 little-endian mono 16 kHz, or one Opus packet when the session's input
     * format is Opus. Bad frames are refused with an {@code error} event.
     */
    public void audio(byte[] pcm16) {
        lastActivityNanos = System.nanoTime();
        if (pcm16.length > config.maxFrameBytes()) {
            error("frame_too_large", "A frame may hold at most " + config.maxFrameBytes() + " bytes; this one has "
                    + pcm16.length + ".", null);
            return;
        }
        if (opus != null) {
            submit(() -> opusPacket(pcm16));
            return;
        }
        if (pcm16.length % 2 != 0) {
            error("odd_frame_length", "PCM16 frames hold whole 2-byte samples; this one has " + pcm16.length
                    + " bytes.", null);
            return;
        }
        long maxQueued = (long) config.maxBufferMs() * RATE / 1000;
        if (queuedSamples.addAndGet(pcm16.length / 2) > maxQueued) {
            queuedSamples.addAndGet(-pcm16.length / 2);
            error("buffer_overflow", "Audio arrives faster than it can be processed; this frame was dropped.", null);
            return;
        }
        float[] samples = Pcm16.decode(pcm16);
        submit(() -> {
            queuedSamples.addAndGet(-samples.length);
            turns.accept(samples).forEach(this::onTurnEvent);
        });
    }

    /** On the session thread: decoder state runs from packet to packet. */
    private void opusPacket(byte[] packet) {
        float[] samples;
        try {
            samples = opus.decode(packet);
        } catch (VoiceProtocolException e) {
            errorNow(e.code(), e.getMessage(), null);
            return;
        }
        turns.accept(samples).forEach(this::onTurnEvent);
    }

    /** A JSON control event. */
    public void event(String frame) {
        lastActivityNanos = System.nanoTime();
        ClientEvent event;
        try {
            event = VoiceProtocol.read(frame);
        } catch (VoiceProtocolException e) {
            error(e.code(), e.getMessage(), VoiceProtocol.typeOf(frame));
            return;
        }
        switch (event) {
            case ClientEvent.AudioAppend append -> {
                try {
                    audio(Base64.getDecoder().decode(append.audio() == null ? "" : append.audio()));
                } catch (IllegalArgumentException e) {
                    error("invalid_field", "audio must be base64", "input_audio_buffer.append");
                }
            }
            case ClientEvent.AudioCommit commit -> submit(() -> turns.commit().forEach(this::onTurnEvent));
            case ClientEvent.AudioClear clear -> submit(turns::clear);
            case ClientEvent.ResponseCancel cancel -> submit(() -> {
                resumeAfterAnswer = false; // the listener stopped it: nothing resumes by itself
                cancel("client");
            });
            case ClientEvent.PodcastPlay play -> submit(() -> play(play.line()));
            case ClientEvent.ItemTruncate truncate -> submit(() -> truncate(truncate));
            case ClientEvent.SessionUpdate update -> submit(() -> update(update));
        }
    }

    /** Whether nothing came from the client for {@code idleNanos}; the session is then closed as idle. */
    public boolean idleFor(long idleNanos) {
        return System.nanoTime() - lastActivityNanos > idleNanos;
    }

    /** Closes the connection as idle (code 1001, going away). */
    public void closeIdle() {
        out.close(1001, "No audio or events for too long");
    }

    public void start() {
        submit(() -> out.send(new ServerEvent.SessionCreated(settings)));
    }

    @Override
    public void close() {
        closed = true;
        submit(() -> {
            cancel("client");
            turns.close();
            records.shutdown(); // what is queued is still recorded
        });
        loop.shutdown();
    }

    // --- on the session thread --------------------------------------------------------------------------------------

    private void submit(Runnable task) {
        if (loop.isShutdown()) {
            return;
        }
        loop.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warnf(e, "Voice session task failed");
                errorNow("response_failed", "The server could not handle that: " + e.getMessage(), null);
            }
        });
    }

    private void onTurnEvent(TurnEvent event) {
        switch (event) {
            case TurnEvent.Started started -> {
                itemId = "item_" + (++items);
                lastPartialText = "";
                out.send(new ServerEvent.SpeechStarted(itemId, ms(started.startSample())));
                if (reply != null && settings.interruption().policy() == SessionSettings.InterruptionPolicy.ANY
                        && !reply.speaking().isEmpty()) {
                    // "any speech" interrupts at once; the other policies wait for words
                    cancel("barge_in");
                }
            }
            case TurnEvent.PartialDue due -> partial(due);
            case TurnEvent.Ended ended -> endOfTurn(ended);
        }
    }

    private void partial(TurnEvent.PartialDue due) {
        if (partialRunning) {
            return;
        }
        partialRunning = true;
        String item = itemId;
        float[] audio = turns.audio(due.startSample(), due.endSample());
        compute("voice-partial", () -> {
            Transcript partial = recognise(audio);
            submit(() -> {
                partialRunning = false;
                if (partial == null || !item.equals(itemId)) {
                    return;
                }
                String text = partial.text();
                // partials can revise earlier words; then the delta is the whole new text
                String delta = text.startsWith(lastPartialText) ? text.substring(lastPartialText.length()) : text;
                lastPartialText = text;
                out.send(new ServerEvent.TranscriptionDelta(item, delta, text));
                if (reply != null && bargeIn.interrupts(partial, reply.speaking())) {
                    cancel("barge_in");
                }
            });
        });
    }

    private void endOfTurn(TurnEvent.Ended ended) {
        String item = itemId;
        endOfSpeechNanos = System.nanoTime();
        out.send(new ServerEvent.SpeechStopped(item, ms(ended.endSample())));
        float[] audio = turns.audio(ended.startSample(), ended.endSample());
        compute("voice-asr", () -> {
            long start = System.nanoTime();
            Transcript heard = recognise(audio);
            long asrNanos = System.nanoTime() - start;
            submit(() -> heard(item, heard, audio, asrNanos));
        });
    }

    private void heard(String item, Transcript heard, float[] audio, long asrNanos) {
        if (heard == null) {
            return;
        }
        long transcriptNanos = System.nanoTime();
        Reply previous = reply;
        if (previous != null && !bargeIn.interrupts(heard, previous.speaking())) {
            sendTranscript(item, heard); // a backchannel, a noise or our own echo: the reply goes on
            return;
        }
        Reply next = null;
        if (previous == null && !heard.noSpeech()) {
            // nothing to cancel first: the answer starts before the events go out, so the agent is already working
            // while they are written (its own events queue behind them)
            next = respond(item, heard, audio, transcriptNanos, asrNanos);
        }
        sendTranscript(item, heard);
        if (previous != null) {
            cancel("barge_in"); // before the next answer starts: it must see what was heard of this one
            next = heard.noSpeech() ? null : respond(item, heard, audio, transcriptNanos, asrNanos);
        }
        if (next != null) {
            reply = next;
            engines.metrics().stage("end_of_speech_to_transcript", transcriptNanos - endOfSpeechNanos);
            out.send(new ServerEvent.ResponseCreated(ServerEvent.Response.created(next.id, item)));
        } else if (reply == null) {
            resumePlayback(); // the recording stopped for speech that turned out to be nothing to answer
        }
    }

    private void sendTranscript(String item, Transcript heard) {
        out.send(new ServerEvent.TranscriptionCompleted(item, heard.text(), heard.language(), heard.emotion(),
                heard.events()));
    }

    /**
     * Starts a reply: the agent's text, and speech for each sentence as it ends. Its events go through the session
     * thread, after the task that started it, so they follow {@code response.created}.
     */
    private Reply respond(String item, Transcript heard, float[] audio, long transcriptNanos, long asrNanos) {
        Reply current = new Reply(++replies, item, endOfSpeechNanos, transcriptNanos);
        current.asrNanos = asrNanos;
        if (responder.speaksInUsersVoice() && usersVoice == null) {
            // what the user said so far, until it is enough to clone their voice from
            usersSpeech = usersSpeech == null ? new Utterance(audio, heard.text()) : usersSpeech.then(audio, heard.text());
            current.usersSpeech = usersSpeech;
        }
        Speaker speaker = new Speaker(current);
        java.util.function.Function<String, java.util.List<Responder.Voiced>> voices = responder.voices();
        Thread.ofVirtual().name("voice-reply").start(() -> {
            SentenceStream sentences = new SentenceStream(new SentenceSplitter());
            try (ModelCallTimer.Watch model = ModelCallTimer.watch()) {
                current.model = model;
                Responder.Result result = responder.reply(heard, delta -> {
                    current.firstToken();
                    submit(() -> {
                        if (!current.cancel.get()) {
                            out.send(new ServerEvent.TextDelta(current.id, item, delta));
                        }
                    });
                    sentences.accept(delta).forEach(sentence -> voices.apply(sentence).forEach(speaker::say));
                }, current.cancel);
                current.style = result;
                sentences.flush().forEach(sentence -> voices.apply(sentence).forEach(speaker::say));
                speaker.finish(heard.text(), result.text());
            } catch (RuntimeException e) {
                LOG.warnf(e, "Voice reply failed");
                submit(() -> {
                    if (reply == current) {
                        reply = null;
                        errorNow("response_failed", "The reply failed: " + e.getMessage(), null);
                    }
                });
                speaker.abandon();
            }
        });
        return current;
    }

    /** Cancels the reply in progress: no more of its text or audio is sent. */
    private void cancel(String reason) {
        if (reply == null || reply.cancel.getAndSet(true)) {
            return;
        }
        Reply cancelled = reply;
        reply = null;
        out.send(new ServerEvent.ResponseCancelled(cancelled.id, reason));
        if (cancelled.playing != null) {
            // a recording, not an answer: nothing to keep in memory; it resumes once a question is answered
            resumeAfterAnswer = resumeAfterAnswer || reason.equals("barge_in");
            return;
        }
        engines.metrics().cancelled();
        lastInterrupted = cancelled;
        // until the client says what it played, take everything sent as heard
        hooks.interrupted().accept(cancelled.audio.heardBy(cancelled.audio.sentMs()));
    }

    /** The user's voice cloned from their speech, once a turn was long enough; set and read on speaking threads. */
    private volatile VoiceCloning.SpeakerVoice usersVoice;

    /** The user's turns so far while their voice is not cloned yet; on the session thread. */
    private Utterance usersSpeech;

    /** What the user said, as audio and words: what their voice is cloned from. */
    private record Utterance(float[] audio, String text) {
        /** This followed by another turn; the audio beyond a clone prompt's useful length is left out. */
        Utterance then(float[] more, String moreText) {
            int length = Math.min(audio.length + more.length, MAX_PROMPT_SECONDS * RATE);
            float[] joined = java.util.Arrays.copyOf(audio, length);
            System.arraycopy(more, 0, joined, audio.length, Math.max(0, length - audio.length));
            return length == audio.length ? this : new Utterance(joined, (text + " " + moreText).strip());
        }
    }

    /**
     * Something a reply says: words to synthesise in a voice (null: the session's), or a line already recorded
     * ({@code recording} set); {@code started} runs on the session thread as it starts.
     */
    private record Spoken(String text, String voice, java.nio.file.Path recording, Runnable started) {
    }

    /** Silence between a recording's lines, as the rendered episode has. */
    private static final int LINE_PAUSE_MS = 250;

    /** CosyVoice's prompts work best at a few seconds; longer ones only cost time. */
    private static final int MAX_PROMPT_SECONDS = 15;

    /**
     * The user's voice for a reply that should speak in it: cloned from this turn when no earlier turn was long
     * enough; null when the engine cannot clone, the speech is too short so far, or cloning failed (the session's
     * voice speaks then).
     */
    private VoiceCloning.SpeakerVoice usersVoice(Utterance speech) {
        if (usersVoice != null || speech == null || !(engines.tts() instanceof VoiceCloning cloning)
                || speech.audio().length < (long) config.speakerVoiceMinMs() * RATE / 1000) {
            return usersVoice;
        }
        try {
            usersVoice = cloning.cloneVoice(new AudioClip(speech.audio(), RATE), speech.text());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not clone the speaker's voice; the session's voice speaks instead");
        }
        return usersVoice;
    }

    /** The last reply cut short, for the client's report of what it played. */
    private Reply lastInterrupted;

    // --- the recording a listener can interrupt (the interactive podcast) -------------------------------------------

    /** Whether the recording stopped for the listener's question and plays on once it is answered. */
    private boolean resumeAfterAnswer;

    /** {@code podcast.play}: plays the session's recording from {@code line}, or from where it stopped. */
    private void play(Integer line) {
        Playlist playlist = responder.playlist().orElse(null);
        if (playlist == null) {
            errorNow("invalid_request", "podcast.play needs a podcast: set session.pipeline to a pipeline that plays"
                    + " one (interactive-podcast) and session.podcast_id", "podcast.play");
            return;
        }
        int from = line == null ? playlist.at() : line;
        if (from < 0 || from > playlist.lines().size()) {
            errorNow("invalid_field", "podcast.play line must be from 0 to " + playlist.lines().size() + "; got "
                    + from, "podcast.play");
            return;
        }
        resumeAfterAnswer = false;
        cancel("client"); // whatever plays now gives way
        playlist.reached(from);
        startPlayback(playlist);
    }

    /** After an answer to a question asked over the recording: the recording goes on where it stopped. */
    private void resumePlayback() {
        if (!resumeAfterAnswer || reply != null) {
            return;
        }
        resumeAfterAnswer = false;
        responder.playlist().ifPresent(this::startPlayback);
    }

    /** Plays the recording from its current line to its end, as one response the listener may interrupt. */
    private void startPlayback(Playlist playlist) {
        if (playlist.at() >= playlist.lines().size()) {
            out.send(new ServerEvent.PodcastEnded(playlist.id()));
            return;
        }
        long now = System.nanoTime();
        Reply current = new Reply(++replies, null, now, now);
        current.playing = playlist;
        reply = current;
        out.send(new ServerEvent.ResponseCreated(ServerEvent.Response.created(current.id, null)));
        Speaker speaker = new Speaker(current);
        for (int n = playlist.at(); n < playlist.lines().size(); n++) {
            Playlist.Line line = playlist.lines().get(n);
            int number = n;
            speaker.play(new Spoken(line.text(), line.voice(), line.audio(), () -> {
                playlist.reached(number);
                out.send(new ServerEvent.PodcastLine(current.id, number, line.section(), line.sectionTitle(),
                        line.speaker(), line.text()));
            }));
        }
        speaker.finish(null, null);
    }

    private void truncate(ClientEvent.ItemTruncate truncate) {
        if (lastInterrupted == null || truncate.audioEndMs() == null || truncate.audioEndMs() < 0) {
            errorNow("invalid_field", "conversation.item.truncate needs audio_end_ms of the interrupted reply",
                    "conversation.item.truncate");
            return;
        }
        hooks.interrupted().accept(lastInterrupted.audio.heardBy(truncate.audioEndMs()));
    }

    private void update(ClientEvent.SessionUpdate update) {
        SessionSettings updated;
        try {
            updated = settings.apply(update.session(), engines.pipelines());
        } catch (VoiceProtocolException e) {
            errorNow(e.code(), e.getMessage(), "session.update");
            return;
        }
        Responder updatedResponder;
        try {
            if (!updated.voice().equals(settings.voice())) {
                engines.voices().accept(updated.voice());
            }
            // made again only when what writes replies changed: a podcast's episode and index are not rebuilt (and
            // its place is not lost) for a change of voice, format or turn detection
            updatedResponder = updated.sameReplyWriter(settings) ? responder : engines.responders().apply(updated);
        } catch (VoiceProtocolException e) {
            errorNow(e.code(), e.getMessage(), "session.update");
            return;
        }
        int speechRate = engines.tts().sampleRate();
        settings = updated.withOutputSampleRate(updated.outputAudioFormat() == SessionSettings.AudioFormat.OPUS
                ? OpusOutput.rateFor(speechRate) : speechRate);
        bargeIn = new BargeInPolicy(settings.interruption());
        responder = updatedResponder;
        boolean wantsOpus = settings.inputAudioFormat() == SessionSettings.AudioFormat.OPUS;
        if (wantsOpus != (opus != null)) {
            opus = wantsOpus ? new OpusInput() : null;
        }
        out.send(new ServerEvent.SessionUpdated(settings));
    }

    private Transcript recognise(float[] audio) {
        if (audio.length < RATE / 10) {
            return null;
        }
        try {
            return engines.asr().transcribe(new RecognitionRequest(new AudioClip(audio, RATE),
                    Language.fromCode(settings.language()).orElse(Language.AUTO), true));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Recognition failed");
            error("response_failed", "Speech recognition failed: " + e.getMessage(), null);
            return null;
        }
    }

    /**
     * Reports an error from another thread: queued on the session thread (the connection's I/O thread must not wait
     * for a send), so it keeps its place among the session's events.
     */
    private void error(String code, String message, String eventType) {
        submit(() -> errorNow(code, message, eventType));
    }

    /** Reports an error from the session thread, in order with what it is doing. */
    private void errorNow(String code, String message, String eventType) {
        if (!closed) {
            out.send(ServerEvent.Error.of(code, message, eventType));
        }
    }

    /**
     * Model work (recognition, synthesis) runs on platform threads: they hold a core for milliseconds at a time, and
     * on virtual threads they would hold the few carrier threads that every session's events also need.
     */
    private static Thread.Builder.OfPlatform compute(String name) {
        return Thread.ofPlatform().daemon().name(name); // builders are not thread-safe: one per thread made
    }

    private static void compute(String name, Runnable work) {
        compute(name).start(work);
    }

    private static long ms(long sample) {
        return sample * 1000 / RATE;
    }

    // --- a reply ----------------------------------------------------------------------------------------------------

    /** The state of one reply; its fields are touched on the session thread unless marked otherwise. */
    private final class Reply {
        final String id;
        final String item;
        final long endOfSpeechNanos;
        final long transcriptNanos;
        /** Set by the session thread, read by the reply's threads. */
        final AtomicBoolean cancel = new AtomicBoolean();
        final ReplyAudio audio = new ReplyAudio();
        final StringBuilder spoken = new StringBuilder();
        volatile long firstTokenNanos;
        /** When the reply's first request left for the chat model (a watch, as it is known only once sent). */
        volatile ModelCallTimer.Watch model;
        long firstAudioNanos;
        /** Time spent in the recogniser for the final transcript (model time). */
        long asrNanos;
        /** Time the speech engine took to its first chunk of the first sentence (model time); set once. */
        volatile long ttsFirstChunkNanos;
        volatile Responder.Result style;
        final int number;
        /** The turn's speech when the reply should speak in the user's voice; null otherwise. */
        Utterance usersSpeech;
        /** The voice the reply is spoken in, for response.done; set by the speaking thread. */
        volatile String voice;
        /** The recording this reply plays, or null for an answer. */
        Playlist playing;

        Reply(int number, String item, long endOfSpeechNanos, long transcriptNanos) {
            this.number = number;
            this.id = "resp_" + number;
            this.item = item;
            this.endOfSpeechNanos = endOfSpeechNanos;
            this.transcriptNanos = transcriptNanos;
        }

        /** On the reply's thread. */
        void firstToken() {
            if (firstTokenNanos == 0) {
                firstTokenNanos = System.nanoTime();
            }
        }

        String speaking() {
            return spoken.toString();
        }

        Map<String, Long> latency() {
            Map<String, Long> latency = new LinkedHashMap<>();
            latency.put("end_of_speech_to_transcript_ms", millis(transcriptNanos - endOfSpeechNanos));
            if (firstTokenNanos > 0) {
                latency.put("transcript_to_first_token_ms", millis(firstTokenNanos - transcriptNanos));
                long requestNanos = model == null ? 0 : model.firstRequestNanos();
                if (requestNanos > 0 && requestNanos <= firstTokenNanos) {
                    latency.put("llm_first_token_ms", millis(firstTokenNanos - requestNanos));
                }
            }
            latency.put("asr_ms", millis(asrNanos));
            if (ttsFirstChunkNanos > 0) {
                latency.put("tts_first_chunk_ms", millis(ttsFirstChunkNanos));
            }
            if (firstAudioNanos > 0 && firstTokenNanos > 0) {
                latency.put("first_token_to_first_audio_ms", millis(firstAudioNanos - firstTokenNanos));
                latency.put("end_of_speech_to_first_audio_ms", millis(firstAudioNanos - endOfSpeechNanos));
            }
            return latency;
        }

        private long millis(long nanos) {
            return Math.max(0, nanos / 1_000_000);
        }
    }

    /**
     * Speaks a reply's sentences in order on one thread of its own, so synthesis of a sentence overlaps the writing
     * of the next; audio goes out through the session thread, which drops it once the reply is cancelled.
     */
    private final class Speaker {
        private final Reply reply;
        /** Audio handed to the session so far, and when the first of it was. */
        private long handedMs;
        private long firstHandNanos;
        private final ExecutorService voice = Executors.newSingleThreadExecutor(compute("voice-tts")
                .factory());

        /** The reply's Opus encoder when the session wants Opus, else null (PCM16). */
        private final OpusOutput opus;
        /** The settings the reply started with: a session.update during it applies to the next one. */
        private final SessionSettings format;

        Speaker(Reply reply) {
            this.reply = reply;
            this.format = settings;
            this.opus = format.outputAudioFormat() == SessionSettings.AudioFormat.OPUS
                    ? new OpusOutput(engines.tts().sampleRate()) : null;
        }

        /** On the reply's thread. */
        void say(Responder.Voiced words) {
            play(new Spoken(words.text(), words.voice(), null, null));
        }

        /** Queues something to say or a recorded line to play, after what was queued before. */
        void play(Spoken spoken) {
            voice.execute(() -> speak(spoken));
        }

        private void speak(Spoken sentence) {
            try {
                speakOrFail(sentence);
            } catch (RuntimeException e) {
                // runs on the speaker's own thread: report it, or the reply would fall silent without a word
                LOG.warnf(e, "Speech synthesis failed");
                submit(() -> {
                    if (!reply.cancel.getAndSet(true)) {
                        VoiceSession.this.reply = VoiceSession.this.reply == reply ? null : VoiceSession.this.reply;
                        errorNow("response_failed", "Speech synthesis failed: " + e.getMessage(), null);
                    }
                });
            }
        }

        private void speakOrFail(Spoken sentence) {
            if (reply.cancel.get()) {
                return;
            }
            submit(() -> {
                if (reply.cancel.get()) {
                    return;
                }
                reply.spoken.append(reply.spoken.isEmpty() ? "" : " ").append(sentence.text());
                reply.audio.sentenceStarted(sentence.text());
                if (sentence.started() != null) {
                    sentence.started().run();
                }
            });
            long synthesisStart = System.nanoTime();
            ChunkSink sink = sink(synthesisStart);
            if (sentence.recording() != null) {
                reply.voice = sentence.voice();
                playRecording(sentence.recording(), sink);
            } else {
                synthesize(sentence, sink);
            }
            submit(reply.audio::sentenceEnded);
        }

        private void synthesize(Spoken sentence, ChunkSink sink) {
            Responder.Result style = reply.style;
            SpeechStyle speech = new SpeechStyle(style == null ? "neutral" : style.emotion(),
                    style == null ? 1.0 : style.speed(), 0, "");
            String voiceId = sentence.voice() == null ? format.voice() : sentence.voice();
            SynthesisRequest request = new SynthesisRequest(sentence.text(), voiceId, speech);
            VoiceCloning.SpeakerVoice own = usersVoice(reply.usersSpeech);
            reply.voice = own == null ? voiceId : VoiceSessions.SPEAKERS_VOICE;
            if (own != null) {
                ((VoiceCloning) engines.tts()).synthesize(request, own, sink);
            } else {
                engines.tts().synthesize(request, sink);
            }
        }

        /**
         * A line rendered before (a podcast's), at the engine's rate, in 100 ms chunks paced like speech, then a short
         * pause before the next line.
         */
        private void playRecording(java.nio.file.Path file, ChunkSink sink) {
            int rate = engines.tts().sampleRate();
            AudioClip clip;
            try (var in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file))) {
                clip = io.omnivox.audio.Resampler.resample(io.omnivox.audio.WavCodec.decode(in), rate);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("Cannot read the recorded line " + file.getFileName(), e);
            }
            float[] samples = clip.samples();
            int chunk = rate / 10;
            for (int at = 0; at < samples.length; at += chunk) {
                if (!sink.accept(java.util.Arrays.copyOfRange(samples, at, Math.min(samples.length, at + chunk)))) {
                    return;
                }
            }
            sink.accept(new float[rate * LINE_PAUSE_MS / 1000]);
        }

        private ChunkSink sink(long synthesisStart) {
            return pcm -> {
                if (reply.ttsFirstChunkNanos == 0) {
                    reply.ttsFirstChunkNanos = System.nanoTime() - synthesisStart;
                }
                if (!pace() || reply.cancel.get()) {
                    return false;
                }
                handedMs += pcm.length * 1000L / engines.tts().sampleRate();
                hand(pcm);
                return true;
            };
        }

        /**
         * Waits until the client has no more than the lead of unplayed audio: audio goes out at the pace it plays, so
         * the server knows a reply is still being heard and a barge-in can drop what has not been sent.
         *
         * @return false when the wait was interrupted
         */
        private boolean pace() {
            long now = System.nanoTime();
            if (firstHandNanos == 0) {
                firstHandNanos = now;
                return true;
            }
            long playedMs = (now - firstHandNanos) / 1_000_000;
            long ahead = handedMs - playedMs - config.audioLeadMs();
            while (ahead > 0 && !reply.cancel.get()) {
                try {
                    Thread.sleep(Math.min(ahead, 50));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                ahead = handedMs - (System.nanoTime() - firstHandNanos) / 1_000_000 - config.audioLeadMs();
            }
            return true;
        }

        private void send(byte[] audio, long chunkMs) {
            if (reply.cancel.get()) {
                return;
            }
            if (reply.firstAudioNanos == 0) {
                reply.firstAudioNanos = System.nanoTime();
            }
            long start = reply.audio.sentMs();
            if (format.outputAudioTransport() == SessionSettings.Transport.BINARY) {
                out.sendBinary(AudioFrames.frame(reply.number, start, audio));
            } else {
                out.send(new ServerEvent.AudioDelta(reply.id, reply.item, Base64.getEncoder().encodeToString(audio),
                        start));
            }
            reply.audio.audioSent(chunkMs);
        }

        /** Hands speech to the session thread for sending: as PCM16, or as the Opus packets it completes. */
        private void hand(float[] pcm) {
            if (opus == null) {
                byte[] bytes = Pcm16.encode(pcm);
                long chunkMs = pcm.length * 1000L / engines.tts().sampleRate();
                submit(() -> send(bytes, chunkMs));
            } else {
                opus.encode(pcm).forEach(packet -> submit(() -> send(packet, OpusOutput.FRAME_MS)));
            }
        }

        /** On the reply's thread, after the last sentence was handed over. */
        void finish(String question, String text) {
            voice.execute(() -> {
                if (opus != null && !reply.cancel.get()) {
                    opus.finish().forEach(packet -> submit(() -> send(packet, OpusOutput.FRAME_MS)));
                }
                submit(() -> done(question, text));
            });
            voice.shutdown();
        }

        void abandon() {
            voice.shutdownNow();
        }

        private void record(String question, String text) {
            records.execute(() -> {
                try {
                    hooks.exchanged().accept(question, text);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "Could not keep a voice exchange in the conversation");
                }
            });
        }

        private void done(String question, String text) {
            if (reply.cancel.get()) {
                return;
            }
            out.send(new ServerEvent.AudioDone(reply.id, reply.item, reply.audio.sentMs()));
            if (reply.playing != null) {
                playbackDone();
                return;
            }
            Map<String, Long> latency = reply.latency();
            engines.metrics().record(latency);
            Responder.Result style = reply.style;
            Map<String, Object> voiceStyle = style == null ? null : reply.voice == null
                    ? Map.of("emotion", style.emotion(), "speed", style.speed())
                    : Map.of("emotion", style.emotion(), "speed", style.speed(), "voice", reply.voice);
            out.send(new ServerEvent.ResponseDone(new ServerEvent.Response(reply.id, reply.item, "completed", text,
                    voiceStyle, null, latency)));
            if (VoiceSession.this.reply == reply) {
                VoiceSession.this.reply = null;
            }
            record(question, text);
            resumePlayback();
        }

        /** The recording was heard to its end. */
        private void playbackDone() {
            out.send(new ServerEvent.ResponseDone(new ServerEvent.Response(reply.id, null, "completed", null, null,
                    null, null)));
            if (VoiceSession.this.reply == reply) {
                VoiceSession.this.reply = null;
            }
            reply.playing.reached(reply.playing.lines().size());
            out.send(new ServerEvent.PodcastEnded(reply.playing.id()));
        }
    }
}
