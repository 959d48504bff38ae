"""Citation validation: markers must point at retrieved passages, and cited sentences must be supported."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.text import query_tokens, split_sentences

MARKER = re.compile(r"\[(\d{1,3})\]")
# Calibrated on eval/questions.jsonl with the extractive answers (support 1.0) and paraphrases
# written for the tests: a sentence needs at least this share of its content stems in its passage.
SUPPORT_THRESHOLD = 0.5


@dataclass
class Grounding:
    """Grounding figures of one answer."""

    markers: int = 0
    invalid_markers_removed: int = 0
    sentences: int = 0
    sentences_with_citation: int = 0
    unsupported_sentences: int = 0
    uncited_sentences: list[str] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)

    @property
    def unsupported_rate(self) -> float:
        """Share of cited sentences whose passage does not support them."""
        return self.unsupported_sentences / self.sentences_with_citation if self.sentences_with_citation else 0.0

    @property
    def citation_rate(self) -> float:
        """Share of advice sentences that carry a marker."""
        return self.sentences_with_citation / self.sentences if self.sentences else 0.0

    def as_dict(self) -> dict[str, Any]:
        """A JSON-friendly view including the rates."""
        d = asdict(self)
        d.update(unsupported_rate=round(self.unsupported_rate, 4), citation_rate=round(self.citation_rate, 4))
        return d


def support_score(sentence: str, passage_texts: list[str]) -> float:
    """Share of the sentence's content stems found in the cited passage(s) (both languages' stemmers)."""
    # A quotation claims exactly what it quotes, and a framing before a colon ("the article puts it like
    # this:", "what you describe is familiar:") claims nothing itself: check the quoted or introduced part.
    body = MARKER.sub("", sentence)
    quoted = re.findall(r"[“\"]([^”\"]{12,})(?:[”\"]|$)", body)
    after_colon = body.split(": ", 1)[1] if ": " in body else ""
    claim_text = " ".join(quoted) if quoted else (after_colon if len(after_colon) >= 12 else body)
    claim = set(query_tokens(claim_text))
    if not claim:
        return 1.0
    evidence: set[str] = set()
    for text in passage_texts:
        evidence.update(query_tokens(text))
    return len(claim & evidence) / len(claim)


def _advice_units(text: str, exempt: tuple[str, ...] = ()) -> list[tuple[str, list[int]]]:
    """Claim sentences with the markers that cover them.

    Headings, questions and the sources list make no claims. Markers at the end of a line cover
    every sentence of that line that has none of its own (a list item is one piece of advice).
    """
    body = re.split(r"\n\*\*(Sources|Bronnen)\*\*", text)[0]
    units: list[tuple[str, list[int]]] = []
    for line in body.splitlines():
        line = line.strip()
        if not line or line.startswith(("**", "#")) or (exempt and line.lstrip("-* ").startswith(exempt)):
            continue
        parts = [line[s:e].strip() for s, e in split_sentences(line)]
        # A marker standing alone after the final full stop belongs to the sentence before it.
        merged: list[str] = []
        for part in parts:
            if merged and MARKER.sub("", part).strip() == "":
                merged[-1] += " " + part
            else:
                merged.append(part)
        inherited: list[int] = []
        for part in reversed(merged):
            own = [int(n) for n in MARKER.findall(part)]
            inherited = own or inherited
            plain = MARKER.sub("", part).strip("-*0123456789. ")
            if not plain or plain.endswith("?") or len(plain.split()) < 4:
                continue
            units.append((part, inherited))
    return units


def validate(text: str, passages: dict[int, list[str]], *, exempt: tuple[str, ...] = ()) -> tuple[str, Grounding]:
    """Remove markers that point at no passage, then check every advice sentence.

    ``passages`` maps marker number to the texts that count as that passage (original and
    translation). Sentences starting with an ``exempt`` prefix (framing lines) need no marker.
    """
    g = Grounding()

    def keep(m: re.Match[str]) -> str:
        g.markers += 1
        if int(m.group(1)) in passages:
            return m.group(0)
        g.invalid_markers_removed += 1
        return ""

    cleaned = MARKER.sub(keep, text)
    cleaned = re.sub(r"[ \t]+([.,;:!?])", r"\1", re.sub(r"[ \t]{2,}", " ", cleaned))
    for sentence, markers in _advice_units(cleaned, exempt):
        g.sentences += 1
        if not markers:
            g.uncited_sentences.append(sentence)
            continue
        g.sentences_with_citation += 1
        texts = [t for n in markers for t in passages.get(n, [])]
        if support_score(sentence, texts) < SUPPORT_THRESHOLD:
            g.unsupported_sentences += 1
            g.unsupported.append(sentence)
    return cleaned, g
