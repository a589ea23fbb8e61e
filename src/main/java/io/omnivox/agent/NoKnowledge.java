package io.omnivox.agent;

import java.util.List;

/**
 * The knowledge search when retrieval is not configured: nobody has documents, so the agent never offers
 * {@code search_knowledge}. A null object, so the agent needs no special case.
 */
public final class NoKnowledge implements KnowledgeSearch {

    @Override
    public List<Passage> search(String owner, List<String> knowledgeBases, String query, int limit) {
        return List.of();
    }

    @Override
    public boolean hasKnowledge(String owner, List<String> knowledgeBases) {
        return false;
    }
}
