package io.omnivox.agent;

import java.util.List;

/** What the agent's {@code search_knowledge} tool searches: the knowledge bases a user may read. */
public interface KnowledgeSearch {

    /**
     * The best passages for {@code query}.
     *
     * @param owner          the user asking; only their knowledge bases are searched
     * @param knowledgeBases the knowledge bases chosen for the conversation; empty means all of the owner's
     * @param query          what to look for
     * @param limit          most passages returned
     */
    List<Passage> search(String owner, List<String> knowledgeBases, String query, int limit);

    /** Whether the user has anything to search (the tool is only offered then). */
    boolean hasKnowledge(String owner, List<String> knowledgeBases);
}
