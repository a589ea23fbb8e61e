package io.omnivox.ui;

import static io.omnivox.testkit.KnowledgeFixtures.awaitIngested;
import static io.omnivox.testkit.KnowledgeFixtures.createKnowledgeBase;
import static io.omnivox.testkit.KnowledgeFixtures.upload;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.mock.ChatModelMock;
import dev.langchain4j.model.chat.mock.StreamingChatModelMock;
import io.omnivox.agent.AgentTools;
import io.omnivox.api.ScriptedChatAccess;
import io.omnivox.audio.AudioClip;
import io.omnivox.audio.Pcm16;
import io.omnivox.audio.WavCodec;
import io.omnivox.studio.JobState;
import io.omnivox.testkit.DefaultApiKey;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The web UI in a real browser: Debian's Chromium, driven by Playwright (playwright-core from the UI's own npm
 * packages) through the scripts in {@code ui/e2e/}, against this app with a scripted chat model, the real
 * knowledge-base ingestion and the real voice socket (PocketSphinx and espeak-ng as the speech engines). Each
 * scenario saves a screenshot under {@code target/ui-screenshots/}.
 */
@QuarkusTest
class BrowserTest {

    @Inject
    io.omnivox.api.ScriptedChatAccess scripted;

    private static final Path CHROMIUM = Scenarios.CHROMIUM;
    private static final Path E2E = Scenarios.E2E;
    private static final Path SCREENSHOTS = Scenarios.SCREENSHOTS;
    private static final Path GOFORWARD = Path.of("/usr/share/pocketsphinx/test/data/goforward.raw");
    private static final String PASSAGE = "The keeper of the Skerrymore light winds the clockwork lens every four"
            + " hours through the night.";
    private static final String ANSWER = "The keeper winds the clockwork lens every four hours [1].";
    /** A long spoken reply, so it is still playing when the user speaks again. */
    private static final String SPOKEN_REPLY = "Here is a long answer about the harbour, the boats and the weather. "
            .repeat(6).strip();

    private static final String PODCAST_SOURCE = """
            Spring tides peak forty minutes after noon at the harbour mouth.

            The ferry leaves at dawn and returns before the evening tide.""";

    @TestHTTPResource("/")
    URL app;

    @BeforeAll
    static void browserPresent() {
        assumeTrue(Files.isExecutable(CHROMIUM), "needs Debian's chromium (installed by .ci/run)");
        assumeTrue(Files.isRegularFile(E2E.resolve("browser.mjs")), "needs the UI's browser tests in ui/e2e");
        assumeTrue(Files.isDirectory(Path.of("ui", "node_modules", "playwright-core")),
                "needs the UI's npm packages (installed by the build)");
    }

    @BeforeEach
    void screenshots() throws IOException {
        Files.createDirectories(SCREENSHOTS);
    }

    @Test
    void should_stream_an_answer_with_a_citation_that_opens_its_passage() throws Exception {
        String kb = createKnowledgeBase(DefaultApiKey.TEST_ADMIN_KEY, "Lighthouse " + System.nanoTime());
        String doc = upload(DefaultApiKey.TEST_ADMIN_KEY, kb, "lighthouse.md", ("# Lighthouse keeping\n\n" + PASSAGE)
                .getBytes(UTF_8));
        assertThat(awaitIngested(DefaultApiKey.TEST_ADMIN_KEY, kb, doc).getString("status")).isEqualTo("ready");
        scripted.install(ChatModelMock.thatAlwaysResponds(ANSWER),
                new StreamingChatModelMock(List.of(AiMessage.from(ToolExecutionRequest.builder().id("s1")
                        .name(AgentTools.SEARCH_KNOWLEDGE).arguments("{\"query\": \"clockwork lens\"}").build()),
                        AiMessage.from(ANSWER))));

        run("chat", Map.of("QUESTION", "How often is the lens wound?", "ANSWER_PART", "every four hours",
                "PASSAGE_PART", "clockwork lens"));
    }

    @Test
    void should_show_an_uploads_progress_and_then_list_it_as_ready() throws Exception {
        Path document = Files.writeString(Files.createTempFile("omnivox-ui", ".md"), "# Tides\n\n"
                + "Spring tides peak forty minutes after noon at the harbour mouth.\n");
        try {
            run("knowledge", Map.of("KB_NAME", "Harbour " + System.nanoTime(), "DOCUMENT", document.toString()));
        } finally {
            Files.deleteIfExists(document);
        }
    }

    @Test
    void should_talk_hear_the_reply_and_stop_it_when_interrupted() throws Exception {
        assumeTrue(Files.isRegularFile(GOFORWARD), "needs Debian's pocketsphinx-testdata (installed by .ci/run)");
        scripted.install(ChatModelMock.thatAlwaysResponds(SPOKEN_REPLY),
                new StreamingChatModelMock(List.of(AiMessage.from(SPOKEN_REPLY), AiMessage.from(SPOKEN_REPLY),
                        AiMessage.from(SPOKEN_REPLY), AiMessage.from(SPOKEN_REPLY))));
        // Chromium's fake microphone loops this file: the user says it, pauses, and says it again over the reply
        Path microphone = Files.createTempFile("omnivox-ui-mic", ".wav");
        try {
            float[] speech = Pcm16.decode(Files.readAllBytes(GOFORWARD));
            float[] turn = java.util.Arrays.copyOf(speech, speech.length + 16_000 * 2);
            Files.write(microphone, WavCodec.encode(new AudioClip(turn, 16_000), 16));
            run("voice", Map.of("FAKE_AUDIO", microphone.toString(), "TRANSCRIPT_PART", "forward",
                    "INTERRUPT", "1"));
        } finally {
            Files.deleteIfExists(microphone);
        }
    }

    @Test
    void should_make_an_audiobook_and_play_its_chapters() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/espeak-ng")), "needs Debian's espeak-ng");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ffmpeg")), "needs Debian's ffmpeg");
        Path book = Files.writeString(Files.createTempFile("omnivox-ui-book", ".md"), """
                # The Harbour

                The boats come in at dusk. The gulls follow them.

                # The Lighthouse

                The keeper winds the lens every four hours.
                """);
        try {
            run("studio", Map.of("BOOK", book.toString(), "CHAPTER_TITLES", "The Harbour|The Lighthouse"));
        } finally {
            Files.deleteIfExists(book);
        }
    }

    @Test
    void should_make_a_podcast_edit_a_line_of_its_script_and_listen_to_it() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/espeak-ng")), "needs Debian's espeak-ng");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ffmpeg")), "needs Debian's ffmpeg");
        // the podcast runner asks for the outline, then each section's dialogue (see PodcastTest); the streaming
        // model is for the hosts answering a listener, which this scenario does not reach
        scripted.install(podcastWriter(),
                new StreamingChatModelMock(List.of(AiMessage.from("Ada: The ferry leaves at dawn.\nBen: Indeed."))));
        // the listener stays silent: the fake microphone loops two seconds of silence
        Path microphone = Files.createTempFile("omnivox-ui-silence", ".wav");
        try {
            Files.write(microphone, WavCodec.encode(new AudioClip(new float[16_000 * 2], 16_000), 16));
            run("podcast", Map.of("FAKE_AUDIO", microphone.toString(), "SOURCE", PODCAST_SOURCE));
        } finally {
            Files.deleteIfExists(microphone);
        }
    }

    @Test
    void should_wait_for_review_edit_the_plan_and_render_it_when_approved() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/espeak-ng")), "needs Debian's espeak-ng");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ffmpeg")), "needs Debian's ffmpeg");
        assumeTrue(Arrays.stream(JobState.values()).anyMatch(state -> state.name().equals("AWAITING_REVIEW")),
                "needs jobs that wait for review (the server's review feature)");
        scripted.install(podcastWriter(), new StreamingChatModelMock(List.of(AiMessage.from("unused"))));
        Path book = Files.writeString(Files.createTempFile("omnivox-ui-book", ".md"), """
                # The Harbour

                "The boats are late," said Mara. The gulls follow them.
                """);
        try {
            run("review", Map.of("BOOK", book.toString(), "SOURCE", PODCAST_SOURCE));
        } finally {
            Files.deleteIfExists(book);
        }
    }

    /**
     * A scripted chat model for the podcast runner: the outline first, then each section's dialogue (see
     * PodcastTest); anything else gets the first section's dialogue too.
     */
    private static ChatModelMock podcastWriter() {
        return ChatModelMock.thatResponds(request -> {
            String prompt = ((UserMessage) request.messages().get(0)).singleText();
            if (prompt.contains("section titles")) {
                return AiMessage.from("1. The tides\n2. The ferry");
            }
            String topic = prompt.contains("\"The ferry\"") ? "ferry" : "tides";
            return AiMessage.from("Ada: [happy] Welcome back, today we talk about the " + topic + ".\n"
                    + "Ben: The " + topic + " are what everyone asks about.");
        });
    }

    /** Runs one browser scenario and fails with its output unless it passes. */
    private void run(String scenario, Map<String, String> settings) throws Exception {
        Scenarios.run(app, scenario, settings);
    }
}
