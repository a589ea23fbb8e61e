package io.omnivox.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.omnivox.asr.PocketSphinxRecognizer;
import io.omnivox.asr.Transcript;
import io.omnivox.audio.Pcm16;
import io.omnivox.audio.vad.EnergyVad;
import io.omnivox.audio.vad.VadOptions;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.tts.SpeechStyle;
import io.omnivox.tts.SynthesisRequest;
import io.omnivox.tts.cosyvoice.CosyVoicePipelineFixtures;
import io.omnivox.tts.cosyvoice.CosyVoiceSynthesizer;

/**
 * Speech-to-speech translation in the speaker's own voice: a voice session over CosyVoice (the fixture model, with
 * the real front end, speaker embedding and speech tokenizer) clones the user's voice from their turn and speaks the
 * translation in it; while the user has not said enough to clone, the session's voice speaks.
 */
class SpeakersVoiceTest {

    private static final Path GOFORWARD = Path.of("/usr/share/pocketsphinx/test/data/goforward.raw");
    private static final Path POCKETSPHINX = Path.of("/usr/bin/pocketsphinx_continuous");
    private static final String TRANSLATION = "Avancez de dix mètres.";

    @TempDir
    static Path dir;
    private static OnnxSessionFactory factory;
    private static CosyVoiceSynthesizer cosyVoice;

    @BeforeAll
    static void open() {
        assumeTrue(Files.isRegularFile(GOFORWARD), "needs Debian's pocketsphinx-testdata (installed by .ci/run)");
        assumeTrue(PocketSphinxRecognizer.available(POCKETSPHINX), "needs Debian's pocketsphinx");
        factory = new OnnxSessionFactory(OnnxSessionFactory.Threads.DEFAULT, List.of());
        cosyVoice = CosyVoiceSynthesizer.open(factory, CosyVoicePipelineFixtures.writeModelDir(dir.resolve("cosy")),
                CosyVoiceSynthesizer.Settings.DEFAULTS);
    }

    @AfterAll
    static void close() {
        if (cosyVoice != null) {
            cosyVoice.close();
            factory.close();
        }
    }

    @Test
    void should_speak_the_translation_in_the_voice_cloned_from_the_speaker() throws Exception {
        Recorder out = translate(1_000);

        assertThat(out.done().response().voiceStyle()).containsEntry("voice", "speaker");
        assertThat(out.audio()).isNotEmpty().isNotEqualTo(inSessionVoice());
    }

    @Test
    void should_keep_the_sessions_voice_until_the_speaker_said_enough_to_clone() throws Exception {
        Recorder out = translate(10_000); // one turn of under 3 s

        assertThat(out.done().response().voiceStyle()).containsEntry("voice", CosyVoiceSynthesizer.DEFAULT_VOICE);
        assertThat(out.audio()).isEqualTo(inSessionVoice());
    }

    /** One spoken turn through a translation session that answers in the user's voice. */
    private static Recorder translate(int speakerVoiceMinMs) throws Exception {
        Responder translator = new Responder() {
            @Override
            public Result reply(Transcript heard, Consumer<String> text, AtomicBoolean cancel) {
                text.accept(TRANSLATION);
                return new Result(TRANSLATION, "neutral", 1.0);
            }

            @Override
            public boolean speaksInUsersVoice() {
                return true;
            }
        };
        var engines = new VoiceSession.Engines(new PocketSphinxRecognizer(POCKETSPHINX, Duration.ofSeconds(60)),
                cosyVoice, settings -> translator, List.of("speech-translation"), voice -> {
                }, new VoiceMetrics(new SimpleMeterRegistry()));
        TurnDetector turns = new TurnDetector(new EnergyVad(VadOptions.DEFAULTS).open(),
                new TurnDetector.Timing(16_000 * 6 / 10, 16_000 * 30, 16_000 * 60));
        Recorder out = new Recorder();
        try (VoiceSession session = new VoiceSession(out, engines, turns, settings(), config(speakerVoiceMinMs),
                VoiceSession.Hooks.NONE)) {
            session.start();
            byte[] speech = Files.readAllBytes(GOFORWARD);
            byte[] turn = Arrays.copyOf(speech, speech.length + 16_000 * 2 * 3 / 2); // then 1.5 s of silence
            for (int at = 0; at < turn.length; at += 640) {
                session.audio(Arrays.copyOfRange(turn, at, Math.min(turn.length, at + 640)));
            }
            out.awaitDone();
        }
        return out;
    }

    /** The translation as the session's own voice speaks it. */
    private static byte[] inSessionVoice() {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        cosyVoice.synthesize(new SynthesisRequest(TRANSLATION, CosyVoiceSynthesizer.DEFAULT_VOICE,
                new SpeechStyle("neutral", 1.0, 0, "")), chunk -> {
                    pcm.writeBytes(Pcm16.encode(chunk));
                    return true;
                });
        return pcm.toByteArray();
    }

    private static SessionSettings settings() {
        return new SessionSettings("speech-translation", CosyVoiceSynthesizer.DEFAULT_VOICE, "auto", "fr", "c1",
                List.of(), null, SessionSettings.AudioFormat.PCM16, 16_000, SessionSettings.AudioFormat.PCM16,
                SessionSettings.Transport.JSON, cosyVoice.sampleRate(),
                new SessionSettings.TurnDetection(600, 250, 30_000),
                new SessionSettings.Interruption(SessionSettings.InterruptionPolicy.WORDS, 2));
    }

    private static VoiceConfig config(int speakerVoiceMinMs) {
        return new VoiceConfig() {
            public int maxSessions() {
                return 1;
            }

            public int maxFrameBytes() {
                return 65_536;
            }

            public int maxBufferMs() {
                return 60_000;
            }

            public int partialIntervalMs() {
                return 60_000;
            }

            public Duration idleTimeout() {
                return Duration.ofMinutes(5);
            }

            public int silenceMs() {
                return 600;
            }

            public int audioLeadMs() {
                return 60_000; // no pacing: the test does not play the audio
            }

            public int maxTurnMs() {
                return 30_000;
            }

            public int speakerVoiceMinMs() {
                return speakerVoiceMinMs;
            }
        };
    }

    /** Keeps what the session sends. */
    private static final class Recorder implements Outbound {
        final List<ServerEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void send(ServerEvent event) {
            events.add(event);
        }

        @Override
        public void sendBinary(byte[] frame) {
            throw new AssertionError("JSON transport expected");
        }

        @Override
        public void close(int code, String reason) {
        }

        void awaitDone() throws InterruptedException {
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < end && events.stream().noneMatch(e -> e instanceof ServerEvent.ResponseDone)) {
                Thread.sleep(20);
            }
            assertThat(events).as("events").anyMatch(e -> e instanceof ServerEvent.ResponseDone);
        }

        ServerEvent.ResponseDone done() {
            return events.stream().filter(ServerEvent.ResponseDone.class::isInstance)
                    .map(ServerEvent.ResponseDone.class::cast).findFirst().orElseThrow();
        }

        byte[] audio() {
            ByteArrayOutputStream pcm = new ByteArrayOutputStream();
            events.stream().filter(ServerEvent.AudioDelta.class::isInstance).map(ServerEvent.AudioDelta.class::cast)
                    .forEach(delta -> pcm.writeBytes(Base64.getDecoder().decode(delta.delta())));
            return pcm.toByteArray();
        }
    }
}
