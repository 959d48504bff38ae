"""Hybrid retrieval: dense (Chroma) plus BM25, fused by reciprocal rank, linked, diversified."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.chunking import Chunk, original_anchor
from assistant.errors import StoreUnavailableError, UnknownNameError
from assistant.index import KnowledgeIndex
from assistant.playbook import resolve_support
from assistant.text import query_tokens

RETRIEVERS = ["hybrid", "dense", "bm25"]
_RRF_K = 60
# Cosine similarities of multilingual-e5 sit in a narrow band; these end points map it to 0..1.
# Calibrated on eval/questions.jsonl (see eval/README.md): relevant >= ~0.80, off-topic <= ~0.78.
SIM_FLOOR, SIM_CEIL = 0.74, 0.88


@dataclass
class Passage:
    """A retrieved chunk with its scores; ``translation`` holds an English rendering when we have one."""

    chunk: Chunk
    score: float
    rank: int = 0
    similarity: float | None = None
    lexical: float = 0.0
    translation: str = ""
    linked_from: str = ""

    @property
    def id(self) -> str:
        """The chunk id."""
        return self.chunk.id

    @property
    def text(self) -> str:
        """The passage text as indexed."""
        return self.chunk.text

    @property
    def meta(self) -> dict[str, Any]:
        """The chunk metadata."""
        return self.chunk.metadata

    def as_dict(self) -> dict[str, Any]:
        """A JSON-friendly view for the CLI, the API and evaluation results."""
        m = self.meta
        return {
            "id": self.id, "text": self.text, "title": m["title"], "section": m["section"],
            "paragraph": m["paragraph"], "source": m["source"], "kind": m["kind"],
            "language": m["language"], "doc_id": m["doc_id"], "score": round(self.score, 4),
            "similarity": None if self.similarity is None else round(self.similarity, 4),
            "translation": self.translation,
        }


@dataclass
class RetrievalResult:
    """Passages in rank order, the calibrated relevance of the best one, and timing."""

    passages: list[Passage]
    relevance: float
    ms: float
    query: str
    debug: dict[str, Any] = field(default_factory=dict)


def calibrate(similarity: float) -> float:
    """Map a cosine similarity onto 0..1, where about 0.35 and up means 'on topic'."""
    return float(np.clip((similarity - SIM_FLOOR) / (SIM_CEIL - SIM_FLOOR), 0.0, 1.0))


class Retriever:
    """Finds passages for a question; the mode is ``hybrid``, ``dense`` or ``bm25``."""

    def __init__(self, index: KnowledgeIndex, mode: str = "hybrid", per_doc: int = 2,
                 candidates: int | None = None, vote_weight: float | None = None, lead_ratio: float | None = None,
                 vote_cards: int | None = None) -> None:
        """A retriever over ``index``.

        Weights not given come from the index's settings: ``retrieval_candidates`` (passages each mode proposes),
        ``card_vote_weight`` (what a matching playbook card lends its article passages), ``article_lead_ratio``
        (how close the article must score to lead the list), ``card_voters`` (cards that vote; 0: no card links).
        """
        if mode not in RETRIEVERS:
            raise UnknownNameError("retriever", mode, RETRIEVERS)
        s = index.settings
        self.index = index
        self.mode = mode
        self.per_doc = per_doc
        self.candidates = s.retrieval_candidates if candidates is None else candidates
        self.vote_weight = s.card_vote_weight if vote_weight is None else vote_weight
        self.lead_ratio = s.article_lead_ratio if lead_ratio is None else lead_ratio
        self.vote_cards = s.card_voters if vote_cards is None else vote_cards
        self.vote_power = 1.0  # >0 shrinks the votes of cards that match less well than the best chunk

    def _original_of(self, chunk: Chunk) -> Chunk | None:
        """For a translated chunk, the original paragraph it renders; otherwise the chunk itself."""
        source = original_anchor(chunk)
        return chunk if source is None else self.index.chunk_by_anchor().get(source)

    def translations(self) -> dict[str, str]:
        """English renderings of original paragraphs, keyed by the original chunk id."""
        return self.index.views().translations

    def _vote_for_sources(self, fused: dict[str, float], filters: dict[str, Any]) -> dict[str, str]:
        """Playbook cards name the article paragraphs that support them: the best cards vote for them.

        Cards are written in the words leaders use, so they match situational questions well; their
        first-named support counts most.
        """
        chunks = self.index.chunks()
        cards: dict[str, float] = {}
        for cid in sorted(fused, key=fused.__getitem__, reverse=True)[:8]:
            doc = chunks[cid].metadata["doc_id"]
            if chunks[cid].metadata.get("supports") and doc not in cards:
                cards[doc] = fused[cid]
        linked: dict[str, str] = {}
        top = max(fused.values(), default=0.0)
        for n, (doc, score) in enumerate(list(cards.items())[: self.vote_cards]):
            first = self.index.document_chunks(doc)[0]
            for i, target in enumerate(resolve_support(self.index, first)):
                if self._matches(target, filters):
                    vote = self.vote_weight * score / (1 + 0.6 * i) / (1 + n) * (score / top) ** self.vote_power
                    fused[target.id] = fused.get(target.id, 0.0) + vote
                    linked.setdefault(target.id, doc)
        return linked

    def _select(self, fused: dict[str, float], k: int, linked: dict[str, str],
                sims: dict[str, float], lex: dict[str, float]) -> list[Passage]:
        """Top ``k`` with diversity; the article, our primary source, leads when it is competitive."""
        chunks = self.index.chunks()
        order = sorted(fused, key=lambda c: (-fused[c], c))
        primary = [c for c in order if chunks[c].metadata["kind"] == "article"]
        others = [c for c in order if chunks[c].metadata["kind"] != "article"]
        best_other = fused[others[0]] if others else 0.0
        slots = (k * 3 + 4) // 5  # three of five places
        lead = [c for c in primary[:slots] if fused[c] >= self.lead_ratio * best_other]
        rest = sorted([c for c in order if c not in lead], key=lambda c: (-fused[c], c))
        passages: list[Passage] = []
        per_doc: dict[str, int] = {}
        per_section: dict[tuple[str, int], int] = {}
        for cid in lead + rest:
            chunk = chunks[cid]
            doc = chunk.metadata["doc_id"]
            section = (doc, chunk.metadata["section_no"])
            # Diversity: at most two passages of one section, and (the article aside, which is the
            # primary source) at most ``per_doc`` of one document.
            if per_section.get(section, 0) >= 2 or (
                chunk.metadata["kind"] != "article" and per_doc.get(doc, 0) >= self.per_doc
            ):
                continue
            per_doc[doc] = per_doc.get(doc, 0) + 1
            per_section[section] = per_section.get(section, 0) + 1
            passages.append(Passage(chunk, fused[cid], len(passages) + 1,
                                    sims.get(cid), lex.get(cid, 0.0),
                                    self.translations().get(cid, ""), linked.get(cid, "")))
            if len(passages) >= k:
                break
        return passages

    def _matches(self, chunk: Chunk, filters: dict[str, Any]) -> bool:
        return all(chunk.metadata.get(k, "") in v if isinstance(v, list) else chunk.metadata.get(k) == v
                   for k, v in filters.items() if v is not None and v != "")

    def retrieve(self, query: str, k: int = 5, *, kind: str | None = None,
                 language: str | None = None, doc_id: str | None = None,
                 viewer: str | None = None) -> RetrievalResult:
        """Return the ``k`` best passages for ``query``, optionally filtered by kind/language/doc.

        ``viewer`` is the signed-in user whose private uploads may be seen besides the shared knowledge
        ('' = only shared documents); None applies no owner filter (the operator's command line).
        """
        t0 = time.perf_counter()
        views = self.index.views()
        visible = None if viewer is None or not (views.owners - {viewer}) else ["", viewer]
        filters: dict[str, Any] = {"kind": kind, "language": language, "doc_id": doc_id, "owner": visible}
        chunks = views.chunks
        degraded = ""
        ranked: dict[str, list[float]] = {}
        sims: dict[str, float] = {}
        lex: dict[str, float] = {}

        def add(chunk_id: str, rank: int, weight: float) -> None:
            chunk = chunks.get(chunk_id)
            orig = self._original_of(chunk) if chunk else None
            if orig is None or not self._matches(orig, filters):
                return
            ranked.setdefault(orig.id, []).append(weight / (_RRF_K + rank))

        if self.mode in ("hybrid", "dense") and chunks:
            qvec = self.index.embeddings.embed_query(query)
            # Translations share the original's filters only through the original: query unfiltered
            # by language when a language filter is set, and filter after mapping.
            where = {key: v for key, v in (("kind", kind), ("doc_id", doc_id), ("owner", visible))
                     if v and not (key == "kind" and v == "article")}
            try:
                hits = self.index.dense_search(qvec, self.candidates, where or None)
            except StoreUnavailableError as exc:
                if self.mode == "dense":
                    raise
                degraded = str(exc)  # answer from words alone, and say so
                hits = []
            for rank, (cid, sim) in enumerate(hits, start=1):
                c = chunks[cid]
                orig = self._original_of(c)
                if orig is not None:
                    sims[orig.id] = max(sims.get(orig.id, -1.0), sim)
                add(cid, rank, 1.0)
        if self.mode in ("hybrid", "bm25") and chunks:
            lexical = self.index.lexical()
            ids = lexical.ids
            tokens = query_tokens(query)
            if tokens:
                scores = lexical.scores(tokens)
                if visible is not None:
                    scores = np.where(lexical.owner_mask(chunks, visible), scores, 0.0)
                top = min(self.candidates, len(scores))
                part = np.argpartition(-scores, top - 1)[:top]  # O(n), then sort only the candidates
                order = part[np.argsort(-scores[part], kind="stable")]
                for rank, row in enumerate(order, start=1):
                    if scores[row] <= 0:
                        break
                    orig = self._original_of(chunks[ids[row]])
                    if orig is not None:
                        lex[orig.id] = max(lex.get(orig.id, 0.0), float(scores[row]))
                    add(ids[row], rank, 1.0)
        fused = {cid: sum(parts) for cid, parts in ranked.items()}
        linked = self._vote_for_sources(fused, filters)
        passages = self._select(fused, k, linked, sims, lex)
        if self.mode == "bm25" or (degraded and not sims):
            best = max(lex.values(), default=0.0)
            relevance = float(np.clip(best / 8.0, 0.0, 1.0))
        else:
            relevance = calibrate(max(sims.values(), default=0.0))
        return RetrievalResult(passages, relevance, (time.perf_counter() - t0) * 1000, query,
                               {"degraded": degraded} if degraded else {})


def __getattr__(name: str) -> Any:
    """``CoachRetriever`` lives in ``assistant.langchain_retriever`` (LangChain's retriever module costs 0.2 s)."""
    if name == "CoachRetriever":
        from assistant.langchain_retriever import CoachRetriever

        return CoachRetriever
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
