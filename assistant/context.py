"""What an answer is built from, per version of the index: the router, the evidence pool, card views."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.authors import ArticleInfo, SourceInfo, articles_of, authors_of, sources_of, surnames_of
from assistant.composition import Card
from assistant.evidence import EvidenceIndex, evidence_pool
from assistant.grounding import Thresholds
from assistant.playbook import bullets, resolve, role_of, sections
from assistant.retrieval import Passage
from assistant.router import Router, RouteThresholds, shared_router

if TYPE_CHECKING:
    from assistant.index import IndexViews, KnowledgeIndex


class KnowledgeContext:
    """The router, the evidence index and the cards of one index snapshot, built once on first use."""

    def __init__(self, index: KnowledgeIndex) -> None:
        self.index = index
        self._lock = threading.Lock()
        self._views: IndexViews | None = None
        self._router: Router | None = None
        self._evidence: EvidenceIndex | None = None
        self._authors: tuple[IndexViews, frozenset[str], frozenset[str]] | None = None

    def _current(self) -> IndexViews:
        views = self.index.views()
        with self._lock:
            if views is not self._views:
                self._views, self._router, self._evidence = views, None, None
        return views

    def _embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.index.embeddings.embed_documents(texts), dtype=np.float32)

    def route_thresholds(self) -> RouteThresholds:
        """When the router is confident, blends, asks or offers no card, as the settings say."""
        return RouteThresholds.of(self.index.settings)

    def support_thresholds(self) -> Thresholds:
        """How much support a cited claim needs from its passage, as the settings say."""
        return Thresholds.of(self.index.settings)

    def router(self) -> Router:
        """The router over the current cards and concept notes."""
        from assistant.safety_bank import embed_query

        views = self._current()
        with self._lock:
            if self._router is None:
                self._router = shared_router(
                    views.by_doc, lambda t: np.asarray(self.index.query_embeddings.embed_documents(t)), embed_query,
                    self.index.embedding_model)
            return self._router

    def evidence(self) -> EvidenceIndex:
        """Sentences of the article and related material that can back a step, with their embeddings."""
        views = self._current()
        with self._lock:
            if self._evidence is None:
                steps = [(b, str(c.metadata.get("card", "")), str(c.metadata.get("language", "")))
                         for c in views.chunks.values()
                         if c.metadata.get("kind") == "playbook" and role_of(c) in ("try", "when_hard")
                         for b in bullets(c.text)]
                self._evidence = EvidenceIndex(evidence_pool(views.chunks, views.translations), self._embed_passages,
                                               [b for b, _, _ in steps], [card for _, card, _ in steps],
                                               self.index.settings.evidence_min_similarity,
                                               [lang for _, _, lang in steps])
            return self._evidence

    def card(self, sid: str, language: str, confidence: float = 0.0) -> Card | None:
        """A card or concept note in ``language`` (its other language when that one is missing)."""
        views = self._current()
        situation = self.router().situations.get(sid)
        if situation is None:
            return None
        doc = situation.docs.get(language) or next(iter(situation.docs.values()), "")
        chunks = views.by_doc.get(doc, [])
        if not chunks:
            return None
        label = str(chunks[0].metadata.get("label") or chunks[0].metadata.get("title") or sid)
        roles = {role: [Passage(c, confidence, 0, None, 0.0, views.translations.get(c.id, "")) for c in found]
                 for role, found in sections(chunks).items()}
        return Card(sid, label, situation.kind, roles, confidence)

    def paragraphs(self, doc_id: str) -> list[Passage]:
        """The paragraphs of one document (with their English rendering), in reading order."""
        views = self._current()
        out = [Passage(c, 1.0, 0, None, 0.0, views.translations.get(c.id, "")) for c in views.by_doc.get(doc_id, [])]
        return sorted(out, key=lambda p: (p.meta.get("section_no", 0), p.meta.get("paragraph", 0)))

    def explained(self, card: Card) -> list[Passage]:
        """The article paragraphs a concept note explains (with their English rendering), in reading order."""
        views = self._current()
        first = next((p for ps in card.roles.values() for p in ps), None)
        if first is None:
            return []
        out: list[Passage] = []
        for _, chunk in resolve(views, first.chunk, "explains"):
            if chunk is not None and all(p.id != chunk.id for p in out):
                out.append(Passage(chunk, 1.0, 0, None, 0.0, views.translations.get(chunk.id, "")))
        out.sort(key=lambda p: (p.meta["section_no"], p.meta["paragraph"]))
        return out

    def authors(self) -> frozenset[str]:
        """The names of the authors of the knowledge base's articles, word by word in lower case and as stems.

        "René Rensen (English rendering by …)" gives rené, rensen and their stems: naming the author frames a claim.
        """
        return self._names()[0]

    def articles(self) -> list[ArticleInfo]:
        """The knowledge base's articles (title, author, language, renderings), from their front matter."""
        return articles_of(self._current().by_doc)

    def sources(self) -> list[SourceInfo]:
        """The related notes with the references they draw on (their ``source:``), by title."""
        return sources_of(self._current().by_doc)

    def surnames(self) -> frozenset[str]:
        """The surnames of the knowledge base's article authors in lower case (see ``surnames_of``)."""
        return self._names()[1]

    def _names(self) -> tuple[frozenset[str], frozenset[str]]:
        views = self._current()
        with self._lock:
            if self._authors is None or self._authors[0] is not views:
                chunks = list(views.chunks.values())
                self._authors = (views, authors_of(chunks), surnames_of(chunks))
            return self._authors[1], self._authors[2]

    def translations(self) -> dict[str, str]:
        """English renderings of original paragraphs, by original chunk id."""
        return self._current().translations

    def label(self, sid: str, language: str) -> str:
        """A situation's short description in ``language``, for framing and clarifying questions."""
        card = self.card(sid, language)
        return card.label if card else sid


def describe(route_scores: list[tuple[str, float]], n: int = 3) -> list[dict[str, Any]]:
    """The best ``n`` situations as JSON rows."""
    return [{"id": sid, "confidence": round(p, 4)} for sid, p in route_scores[:n]]
