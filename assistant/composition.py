"""What the extractive composer works with: the routed cards, one question's inputs, and the composed parts."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.authors import ArticleInfo
from assistant.citations import Citation
from assistant.embeddings import unit_rows
from assistant.evidence import EvidenceIndex
from assistant.perspective import asker_sides
from assistant.playbook import bullets
from assistant.poison import is_poisoned
from assistant.retrieval import Passage
from assistant.text import sentences

FOLLOW_UP_OWN_WEIGHT = 0.7  # a follow-up's steps: this much its own words, the rest the conversation's question
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")  # a list item's marker, as ``playbook.bullets`` reads it


@dataclass
class AdviceItem:
    """One step of advice, the markers it cites, and the evidence sentence paired with it (if aligned)."""

    step: str
    citations: list[int]
    evidence: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON view."""
        return {"step": self.step, "citations": self.citations, "evidence": self.evidence}


@dataclass
class Composition:
    """An answer body, its sources list, the citations it uses and its advice steps."""

    body: str
    sources: str
    citations: list[Citation] = field(default_factory=list)
    advice: list[AdviceItem] = field(default_factory=list)


@dataclass
class Card:
    """A routed situation card or concept note in the answer language: its sections by role."""

    id: str
    label: str
    kind: str  # playbook | concept
    roles: dict[str, list[Passage]]
    confidence: float = 0.0

    def items(self, role: str) -> list[tuple[str, Passage]]:
        """The bullets of a section (or its sentences, for prose), each with its passage."""
        out: list[tuple[str, Passage]] = []
        listed = False  # whether the previous chunk of this section was a list
        for p in self.roles.get(role, []):
            lines = p.text.strip().splitlines()
            head = list(itertools.takewhile(lambda line: not _BULLET.match(line), lines))
            if listed and head and out:
                # The chunk begins inside the previous chunk's last bullet: the rest of that bullet
                text, first = out[-1]
                out[-1] = (text.rstrip() + " " + " ".join(x.strip() for x in head), first)
                lines = lines[len(head):]
            listed = any(_BULLET.match(line) for line in p.text.splitlines())
            body = "\n".join(lines)
            found = bullets(body) or [s for s in sentences(body) if s.strip()]
            out += [(b, p) for b in found if not is_poisoned(b)]
        return out


@dataclass
class ComposeInput:
    """What the composer needs about one question."""

    question: str  # what the person asked this turn
    standalone: str  # the question with the conversation's context
    language: str
    decision: str  # confident | blend | none
    question_type: str
    cards: list[Card]
    ranked: list[Passage]
    embed_query: Callable[[str], Sequence[float]]
    embed_texts: Callable[[list[str]], np.ndarray]
    evidence: EvidenceIndex | None
    article_passages: list[Passage] = field(default_factory=list)  # for concept notes, in reading order
    previous: str = ""  # the previous answers of this conversation
    questions_from: list[Card] = field(default_factory=list)  # the closest situations' cards, when none was chosen:
    # their reflective questions closest to the question are asked
    pushback: bool = False  # the question is about resistance, defensiveness, a no, or nothing changing
    drafting: str = ""  # the text asked for ("agenda", "mail") when the question asks to draft one (assistant.drafting)
    asking_for: str = ""  # whom the question is asked for ("your sister"), or "" when for the writer
    author_of: list[ArticleInfo] = field(default_factory=list)  # articles whose writer the question asks about
    author_paragraphs: list[Passage] = field(default_factory=list)  # those articles' paragraphs, in reading order
    # A summary of the whole article was asked for when set: ``cards`` are every note, in reading order, and this
    # holds the article paragraphs each explains.
    explained: dict[str, list[Passage]] = field(default_factory=dict)
    _qvec: np.ndarray | None = None
    _own: np.ndarray | None = None  # a follow-up's own words as a query, computed once
    _sides: frozenset[str] | None = None

    def sides(self) -> set[str]:
        """The side the question is asked from on a two-sided card (``perspective.asker_sides``), computed once."""
        if self._sides is None:
            self._sides = frozenset(asker_sides(self.standalone))
        return set(self._sides)

    def question_vector(self) -> np.ndarray:
        """The question's embedding (as a query), computed once."""
        if self._qvec is None:
            self._qvec = unit(self.embed_query(self.standalone))
        return self._qvec

    def rank(self, texts: list[str]) -> np.ndarray:
        """Similarity of the question to each text (question as query, texts as passages).

        A follow-up is ranked mostly on what it adds ("and if one of them can't cope?"), less on what it follows:
        ranked on both together, the earlier question's words chose the steps the first answer passed over.
        """
        if not texts:
            return np.zeros(0)
        rows = unit_rows(self.embed_texts(texts))
        sims = np.asarray(rows @ self.question_vector())
        if self.question_type == "follow_up" and self.question.strip() and self.question != self.standalone:
            if self._own is None:
                self._own = unit(self.embed_query(self.question))
            own = self._own
            sims = FOLLOW_UP_OWN_WEIGHT * np.asarray(rows @ own) + (1 - FOLLOW_UP_OWN_WEIGHT) * sims
        return sims


def unit(v: Any) -> np.ndarray:
    """``v`` as a float32 vector of length one (a zero vector stays zero)."""
    a = np.asarray(v, dtype=np.float32)
    n = float(np.linalg.norm(a))
    return a / n if n else a


def already_said(text: str, previous: str) -> bool:
    """Whether an earlier answer of this conversation already gave ``text``."""
    return bool(previous) and text[:60] in previous


def passage_for(chunk: Any, translations: dict[str, str]) -> Passage:
    """A passage for a chunk the answer quotes without having retrieved it, with its translation."""
    return Passage(chunk, 0.0, 0, None, 0.0, translations.get(chunk.id, ""))
