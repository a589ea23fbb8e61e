package io.omnivox.voice;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.omnivox.agent.Agent;
import io.omnivox.agent.AgentReply;
import io.omnivox.agent.AgentService;
import io.omnivox.asr.Transcript;

/**
 * The voice-chat reply: the agent answers in the session's conversation, told how the user sounded (SenseVoice's
 * emotion and events) so the words can fit the mood; the voice follows the mood too unless the agent picks a style.
 */
final class AgentResponder implements Responder {

    private final AgentService agent;
    private final String owner;
    private final String conversationId;
    private final List<String> knowledgeBases;

    AgentResponder(AgentService agent, String owner, String conversationId, List<String> knowledgeBases) {
        this.agent = agent;
        this.owner = owner;
        this.conversationId = conversationId;
        this.knowledgeBases = knowledgeBases;
    }

    @Override
    public Result reply(Transcript heard, Consumer<String> text, AtomicBoolean cancel) {
        CompletableFuture<AgentReply> done = new CompletableFuture<>();
        agent.stream(new AgentService.Ask(owner, conversationId, List.of(), spoken(heard), List.of(), knowledgeBases),
                new Agent.Listener() {
                    @Override
                    public void onText(String delta) {
                        text.accept(delta);
                    }

                    @Override
                    public void onComplete(AgentReply reply) {
                        done.complete(reply);
                    }

                    @Override
                    public void onError(Throwable error) {
                        done.completeExceptionally(error);
                    }
                }, cancel);
        AgentReply reply = await(done, cancel);
        if (reply == null) {
            return new Result("", "neutral", 1.0);
        }
        String emotion = reply.voiceStyle().emotion();
        double speed = reply.voiceStyle().speed();
        if ("neutral".equals(emotion)) {
            emotion = voiceFor(heard.emotion());
        }
        return new Result(reply.text(), emotion, speed);
    }

    /** The user's words with how they sounded, so the agent can answer the person, not only the text. */
    static String spoken(Transcript heard) {
        StringBuilder text = new StringBuilder(heard.text().strip());
        String mood = heard.emotion() == null ? "" : heard.emotion().toLowerCase(Locale.ROOT);
        if (!mood.isEmpty() && !mood.equals("neutral") && !mood.startsWith("emo_unknown")) {
            text.append("\n(Said aloud; the speaker sounds ").append(mood).append(".)");
        }
        if (heard.events().contains("Laughter")) {
            text.append("\n(The speaker laughed.)");
        }
        return text.toString();
    }

    /** A voice that suits the user's mood: gentle for sadness and anger, bright for happiness. */
    static String voiceFor(String userEmotion) {
        String mood = userEmotion == null ? "" : userEmotion.toLowerCase(Locale.ROOT);
        return switch (mood) {
            case "sad", "angry", "fearful" -> "calm";
            case "happy" -> "happy";
            case "surprised" -> "excited";
            default -> "neutral";
        };
    }

    /**
     * The future's value; null once {@code cancel} is set (a cancelled stream may never complete, so waiting stops
     * with the cancellation rather than with the model).
     */
    static <T> T await(CompletableFuture<T> future, AtomicBoolean cancel) {
        try {
            while (true) {
                try {
                    return future.get(50, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (cancel.get()) {
                        return null;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the reply", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
