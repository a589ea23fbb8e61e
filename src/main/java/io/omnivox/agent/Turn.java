package io.omnivox.agent;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import dev.langchain4j.invocation.InvocationParameters;

/**
 * One user message being answered, and what the agent's tools may use and record while answering it. The set of
 * tools is fixed here, by the code, from the request: nothing the model reads (a document, a tool result) can widen it.
 */
public final class Turn {

    /** Key of the turn in LangChain4j's invocation parameters, which reach the tools. */
    static final String KEY = "omnivox.turn";

    private final String owner;
    private final String conversationId;
    private final String text;
    private final List<String> knowledgeBases;
    private final List<BufferedImage> images;
    private final Set<String> allowedTools;
    private final List<Citation> citations = Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.atomic.AtomicInteger toolRuns = new java.util.concurrent.atomic.AtomicInteger();
    private volatile VoiceStyle voiceStyle = VoiceStyle.NEUTRAL;
    private final List<ImageDrawing.Picture> pictures = Collections.synchronizedList(new ArrayList<>());

    public Turn(String owner, String conversationId, String text, List<String> knowledgeBases,
            List<BufferedImage> images, Set<String> allowedTools) {
        this.owner = owner;
        this.conversationId = conversationId;
        this.text = text;
        this.knowledgeBases = List.copyOf(knowledgeBases);
        this.images = List.copyOf(images);
        this.allowedTools = Set.copyOf(allowedTools);
    }

    static Turn of(InvocationParameters parameters) {
        Turn turn = parameters == null ? null : parameters.get(KEY);
        if (turn == null) {
            throw new IllegalStateException("Agent tool called outside an agent turn");
        }
        return turn;
    }

    InvocationParameters parameters() {
        return InvocationParameters.from(KEY, this);
    }

    public String owner() {
        return owner;
    }

    public String conversationId() {
        return conversationId;
    }

    public String text() {
        return text;
    }

    public List<String> knowledgeBases() {
        return knowledgeBases;
    }

    public List<BufferedImage> images() {
        return images;
    }

    public Set<String> allowedTools() {
        return allowedTools;
    }

    /** Numbers new sources from 1 in the order the model first saw them; a passage seen twice keeps its number. */
    synchronized Citation cite(Passage passage) {
        for (Citation c : citations) {
            if (c.passage().documentId().equals(passage.documentId()) && c.passage().page() == passage.page()
                    && c.passage().text().equals(passage.text())) {
                return c;
            }
        }
        Citation citation = new Citation(citations.size() + 1, passage);
        citations.add(citation);
        return citation;
    }

    public List<Citation> citations() {
        synchronized (citations) {
            return List.copyOf(citations);
        }
    }

    /** Counts one tool run of this turn. */
    void countToolRun() {
        toolRuns.incrementAndGet();
    }

    /** Tools run so far while answering this message. */
    public int toolRuns() {
        return toolRuns.get();
    }

    /** Pictures drawn for this answer, in order. */
    public List<ImageDrawing.Picture> pictures() {
        synchronized (pictures) {
            return List.copyOf(pictures);
        }
    }

    /** Keeps a picture drawn for this answer; its number, from 1. */
    int drew(ImageDrawing.Picture picture) {
        synchronized (pictures) {
            pictures.add(picture);
            return pictures.size();
        }
    }

    public VoiceStyle voiceStyle() {
        return voiceStyle;
    }

    void voiceStyle(VoiceStyle style) {
        this.voiceStyle = style;
    }
}
