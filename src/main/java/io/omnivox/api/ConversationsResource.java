package io.omnivox.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.omnivox.account.CurrentUser;
import io.omnivox.agent.AgentReply;
import io.omnivox.agent.AgentService;
import io.omnivox.agent.Conversation;
import io.omnivox.agent.ConversationService;
import io.omnivox.agent.Message;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code /api/conversations}: the caller's stored conversations with the agent, and a simple way to talk in one
 * ({@code POST /api/conversations/{id}/messages}); streaming goes through {@code /v1/chat/completions} with
 * {@code conversation_id}. Another user's conversation is answered 404, exactly like one that does not exist.
 */
@Path("/api/conversations")
@Tag(name = "Thinking")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationsResource {

    /** A conversation as listed. */
    public record ConversationView(UUID id, String title, @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("updated_at") Instant updatedAt) {
        static ConversationView of(Conversation c) {
            return new ConversationView(c.id(), c.title(), c.createdAt(), c.updatedAt());
        }
    }

    /** A conversation with its transcript. */
    public record ConversationDetail(UUID id, String title, @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("updated_at") Instant updatedAt, List<MessageView> messages) {
    }

    public record MessageView(String role, String content, @JsonProperty("created_at") Instant createdAt) {
        static MessageView of(Message m) {
            return new MessageView(m.role().name().toLowerCase(java.util.Locale.ROOT), m.content(), m.createdAt());
        }
    }

    public record NewConversation(String title) {
    }

    /** A message to the agent; {@code knowledge_bases} limits its search (all of the caller's when absent). */
    public record Ask(String content, @JsonProperty("knowledge_bases") List<String> knowledgeBases) {
    }

    /** The agent's reply with its sources and the voice style it chose. */
    public record Reply(String content, List<OpenAiChat.Source> citations,
            @JsonProperty("voice_style") OpenAiChat.Style voiceStyle, @JsonProperty("tool_calls") List<String> toolCalls,
            @JsonProperty("finish_reason") String finishReason) {
    }

    /** Longest title accepted. */
    static final int MAX_TITLE = 200;
    /** Longest message accepted, in characters (the model's context is the real limit; this stops abuse early). */
    static final int MAX_CONTENT = 100_000;

    private final ConversationService conversations;
    private final AgentService agent;
    private final CurrentUser user;

    public ConversationsResource(ConversationService conversations, AgentService agent, CurrentUser user) {
        this.conversations = conversations;
        this.agent = agent;
        this.user = user;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a conversation")
    public Response create(NewConversation body) {
        String title = body == null ? null : body.title();
        if (title != null && title.length() > MAX_TITLE) {
            throw new InvalidRequestException("title", "title is longer than " + MAX_TITLE + " characters");
        }
        Conversation created = conversations.create(user.id(), title);
        return Response.status(201).entity(ConversationView.of(created)).build();
    }

    @GET
    @Operation(summary = "List your conversations, most recent first")
    public List<ConversationView> list() {
        return conversations.list(user.id()).stream().map(ConversationView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A conversation with its messages")
    public ConversationDetail get(@PathParam("id") UUID id) {
        Conversation c = conversations.get(user.id(), id);
        return new ConversationDetail(c.id(), c.title(), c.createdAt(), c.updatedAt(),
                conversations.messages(user.id(), id).stream().map(MessageView::of).toList());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a conversation and its messages")
    public Response delete(@PathParam("id") UUID id) {
        conversations.delete(user.id(), id);
        return Response.noContent().build();
    }

    @POST
    @Blocking
    @ModelWork(Work.CHAT)
    @Path("/{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Say something in a conversation; the agent answers")
    public Reply say(@PathParam("id") UUID id, Ask body) {
        if (body == null || body.content() == null || body.content().isBlank()) {
            throw new InvalidRequestException("content", "content is required");
        }
        if (body.content().length() > MAX_CONTENT) {
            throw new InvalidRequestException(413, "content-too-long", "content",
                    "content is longer than " + MAX_CONTENT + " characters");
        }
        UUID owner = user.id();
        Conversation conversation = conversations.get(owner, id);
        AgentReply reply = agent.answer(new AgentService.Ask(owner.toString(), conversation.id().toString(), List.of(),
                body.content(), List.of(), body.knowledgeBases() == null ? List.of() : body.knowledgeBases()));
        conversations.record(owner, id, body.content(), reply.textWithPictures());
        return new Reply(reply.textWithPictures(), ChatCompletionsResource.sources(reply.citations()),
                new OpenAiChat.Style(reply.voiceStyle().emotion(), reply.voiceStyle().speed()), reply.toolCalls(),
                ChatCompletionsResource.finish(reply.finish()));
    }
}
