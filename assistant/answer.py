"""What one answer is (``Answer``), and everything prepared about its question before answering it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.citations import Citation
from assistant.composition import Card
from assistant.grounding import Grounding
from assistant.retrieval import Passage, RetrievalResult
from assistant.router import Route


@dataclass
class Answer:
    """Everything about one answer: text, language, citations, refusal, backend, passages, figures."""

    text: str
    language: str
    citations: list[Citation] = field(default_factory=list)
    refused: bool = False
    refusal_reason: str = ""
    backend: str = "extractive"
    passages: list[Passage] = field(default_factory=list)
    grounding: Grounding = field(default_factory=Grounding)
    timings: dict[str, float] = field(default_factory=dict)
    question: str = ""
    standalone_question: str = ""
    detected_language: str = ""
    notes: list[str] = field(default_factory=list)
    relevance: float = 0.0
    safety: dict[str, Any] = field(default_factory=dict)
    situations: list[dict[str, Any]] = field(default_factory=list)
    question_type: str = ""
    clarify: dict[str, Any] | None = None
    advice: list[dict[str, Any]] = field(default_factory=list)
    context_ids: list[str] = field(default_factory=list)  # passages handed to the answer step before composing
    cards: list[str] = field(default_factory=list)  # situations and concepts the answer is built from (0, 1 or 2)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape used by the CLI, the API and evaluation results."""
        return {
            "answer": self.text, "language": self.language, "refused": self.refused,
            "refusal_reason": self.refusal_reason, "backend": self.backend,
            "citations": [c.as_dict() for c in self.citations],
            "retrieved": [p.as_dict() for p in self.passages],
            "grounding": self.grounding.as_dict(), "latency_ms": round(self.timings.get("total_ms", 0.0), 2),
            "timings": {k: round(v, 2) for k, v in self.timings.items()},
            "question": self.question, "standalone_question": self.standalone_question,
            "language_detected": self.detected_language, "notes": self.notes,
            "relevance": round(self.relevance, 4), "safety": self.safety,
            "situations": self.situations, "question_type": self.question_type, "clarify": self.clarify,
            "advice": self.advice, "context_ids": self.context_ids, "cards": self.cards,
        }


@dataclass
class PreparedQuestion:
    """Everything the answer step needs about one question, prepared once: screened, rewritten, retrieved, routed."""

    q: str
    turns: list[dict[str, str]]
    language: str
    detected: str
    notes: list[str]
    standalone: str
    result: RetrievalResult
    route: Route
    cards: list[Card]
    t0: float
    timings: dict[str, float]
    safety: dict[str, Any]
    closing: list[str] = field(default_factory=list)  # notes said after the answer (a faint check-in)

    @property
    def concept(self) -> Card | None:
        """The concept note the question is about, when the router chose one first."""
        return self.cards[0] if self.cards and self.cards[0].kind == "concept" else None

    def context_passages(self, citations: list[Citation]) -> list[Passage]:
        """Ranked passages first, then the card sections and the passages the answer drew in."""
        out = list(self.result.passages)
        seen = {p.id for p in out}
        extra = [p for c in self.cards for ps in c.roles.values() for p in ps] + [c.passage for c in citations]
        for p in extra:
            if p.id not in seen:
                out.append(p)
                seen.add(p.id)
        return out

    def framed(self, body: str, sources: str) -> str:
        """The answer's text: the notes, the body, the closing notes, then the sources."""
        note = "\n".join(self.notes)
        after = "\n".join(self.closing)
        return (note + "\n\n" if note else "") + body + ("\n\n" + after if after else "") \
            + ("\n\n" + sources if sources else "")

    def answer(self, text: str, **fields: Any) -> Answer:
        """An answer to this question: ``text`` and ``fields``, with what was prepared (question, notes, route…)."""
        return Answer(text=text, language=self.language, question=self.q, standalone_question=self.standalone,
                      detected_language=self.detected, notes=[*self.notes, *self.closing],
                      relevance=self.result.relevance,
                      safety=self.safety, situations=self.route.as_list(), question_type=self.route.question_type,
                      cards=[c.id for c in self.cards], **fields)
