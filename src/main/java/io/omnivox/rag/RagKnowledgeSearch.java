package io.omnivox.rag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;

import io.omnivox.agent.KnowledgeSearch;
import io.omnivox.agent.Passage;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The agent's {@code search_knowledge} over the owner's knowledge bases: the requested ones the owner owns (all of
 * them when none are requested; ids of other users' bases, or no ids at all, are ignored), each searched and the hits
 * merged by score. Only documents that are ready in the database are returned, so a document being deleted or
 * re-indexed never leaks stale passages.
 */
@ApplicationScoped
public class RagKnowledgeSearch implements KnowledgeSearch {

    private final KnowledgeBaseRepository bases;
    private final KnowledgeDocumentRepository documents;
    /** Looked up on the first search, so an agent turn without knowledge never loads the embedding model. */
    private final Provider<KnowledgeService> knowledge;

    public RagKnowledgeSearch(KnowledgeBaseRepository bases, KnowledgeDocumentRepository documents,
            Provider<KnowledgeService> knowledge) {
        this.bases = bases;
        this.documents = documents;
        this.knowledge = knowledge;
    }

    @Override
    public List<Passage> search(String owner, List<String> knowledgeBases, String query, int limit) {
        if (query == null || query.isBlank() || limit < 1) {
            return List.of();
        }
        Map<UUID, Set<String>> ready = readyDocuments(owner, knowledgeBases);
        List<SearchHit> hits = new ArrayList<>();
        // Ask each base for a few more than needed: hits of documents not ready (being deleted) are dropped below.
        int candidates = limit + Math.min(limit, 10);
        ready.forEach((kb, ids) -> knowledge.get().search(kb.toString(), query, candidates).stream()
                .filter(hit -> ids.contains(hit.documentId())).forEach(hits::add));
        // Scores of one search mode are on the same scale in every knowledge base, so merging by score is fair.
        return hits.stream().sorted(Comparator.comparingDouble(SearchHit::score).reversed()).limit(limit)
                .map(h -> new Passage(h.documentId(), h.title(), h.page(), h.section(), h.text(), h.score()))
                .toList();
    }

    @Override
    public boolean hasKnowledge(String owner, List<String> knowledgeBases) {
        // asked before every answer (voice replies wait for it): one count, not the document lists a search needs
        Optional<UUID> ownerId = uuid(owner);
        if (ownerId.isEmpty()) {
            return false;
        }
        Set<UUID> requested = new HashSet<>();
        if (knowledgeBases != null) {
            knowledgeBases.forEach(id -> uuid(id).ifPresent(requested::add));
            if (requested.isEmpty() && !knowledgeBases.isEmpty()) {
                return false;
            }
        }
        return QuarkusTransaction.joiningExisting().call(() -> documents.anyReady(ownerId.get(), requested));
    }

    /** Knowledge base id → ids of its ready documents, for the owner's searchable bases that have any. */
    private Map<UUID, Set<String>> readyDocuments(String owner, List<String> knowledgeBases) {
        Optional<UUID> ownerId = uuid(owner);
        if (ownerId.isEmpty()) {
            return Map.of();
        }
        Set<UUID> requested = new HashSet<>();
        if (knowledgeBases != null) {
            knowledgeBases.forEach(id -> uuid(id).ifPresent(requested::add));
            if (requested.isEmpty() && !knowledgeBases.isEmpty()) {
                return Map.of(); // only unreadable ids were asked for: nothing of the owner's matches them
            }
        }
        return QuarkusTransaction.joiningExisting().call(() -> {
            Set<UUID> searched = new HashSet<>();
            for (KnowledgeBase kb : bases.listByOwner(ownerId.get())) {
                if (requested.isEmpty() || requested.contains(kb.id())) {
                    searched.add(kb.id());
                }
            }
            Map<UUID, Set<String>> ready = new HashMap<>();
            for (KnowledgeDocument document : documents.listReady(ownerId.get(), searched)) {
                ready.computeIfAbsent(document.knowledgeBaseId(), k -> new HashSet<>()).add(document.id().toString());
            }
            return ready;
        });
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(UUID.fromString(text.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
