"""Situation cards and concept notes: their sections by role, their bullets, and their validation."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from assistant.chunking import Chunk

CARD_ROLES = ("situation", "going_on", "try", "when_hard", "questions", "for_coaches")
CONCEPT_ROLES = ("plain", "article", "monday")
# Section headings of the built-in cards and notes, per language. A card may name its own headings in
# front matter (``sections: {situation: "...", ...}``), so another knowledge base needs no code change.
HEADINGS: dict[str, str] = {
    "situation": "situation", "situatie": "situation",
    "what is often going on": "going_on", "wat er vaak speelt": "going_on",
    "what to try": "try", "wat je kunt proberen": "try",
    "when it gets hard": "when_hard", "als het lastig wordt": "when_hard",
    "reflective questions": "questions", "reflectievragen": "questions",
    "for coaches": "for_coaches", "voor coaches": "for_coaches",
    "in plain words": "plain", "in gewone woorden": "plain",
    "in the article": "article", "in het artikel": "article",
    "what it means on monday morning": "monday", "wat het maandagochtend betekent": "monday",
}
MIN_SIGNALS = 10
# A card that presumes an event (a death, layoffs, a merger) names it in this share of its signals at least: they
# are how leaders describe its situation, so words that miss them would keep it out where it belongs.
MIN_NAMING_SIGNALS = 0.85


def role_of(chunk: Chunk) -> str:
    """The role of a card or note section ('' when the heading is not one of the known ones)."""
    custom = chunk.metadata.get("sections")
    heading = str(chunk.metadata.get("section", "")).strip()
    if custom:
        try:
            mapping = json.loads(custom) if isinstance(custom, str) else custom
            for role, name in mapping.items():
                if str(name).strip().casefold() == heading.casefold():
                    return str(role)
        except (TypeError, ValueError, AttributeError):
            pass
    return HEADINGS.get(heading.casefold(), "")


def sections(chunks: Iterable[Chunk]) -> dict[str, list[Chunk]]:
    """A card's or note's chunks grouped by role, in document order."""
    out: dict[str, list[Chunk]] = {}
    for c in chunks:
        role = role_of(c)
        if role:
            out.setdefault(role, []).append(c)
    return out


def bullets(text: str) -> list[str]:
    """The items of a bullet or numbered list ("- x", "1. x"), or the sentences of plain prose."""
    items = [re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", line).strip() for line in text.splitlines()
             if re.match(r"^\s*(?:[-*•]|\d+[.)])\s+", line)]
    return [i for i in items if i]


def _front_matter_list(chunk: Chunk, key: str) -> list[str]:
    """A list of strings a card or note names in its front matter (stored as JSON in the chunk's metadata)."""
    raw = chunk.metadata.get(key)
    if not raw:
        return []
    try:
        value = json.loads(raw) if isinstance(raw, str) else raw
    except (TypeError, ValueError):
        return []
    return [str(v) for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []


def signals_of(chunk: Chunk) -> list[str]:
    """The routing signals a card or note names in its front matter."""
    return _front_matter_list(chunk, "signals")


def presumes_of(chunk: Chunk) -> list[str]:
    """The words of the event a card presumes (front matter ``presumes``): a death, layoffs, a merger.

    Each is a word or phrase matched whole, or a word start when it ends in ``*`` ("overl*" for overleden,
    overlijden). A card with none presumes nothing.
    """
    return _front_matter_list(chunk, "presumes")


@functools.lru_cache(maxsize=256)
def _presumption(words: tuple[str, ...]) -> re.Pattern[str] | None:
    parts = [re.escape(w.strip().casefold().removesuffix("*")) + ("" if w.strip().endswith("*") else r"\b")
             for w in words if w.strip().removesuffix("*")]
    return re.compile(r"\b(?:" + "|".join(parts) + ")") if parts else None


@dataclass
class Situation:
    """One situation card or concept note with its language versions."""

    id: str
    kind: str  # "playbook" | "concept"
    titles: dict[str, str] = field(default_factory=dict)  # language -> title
    docs: dict[str, str] = field(default_factory=dict)  # language -> doc_id
    signals: dict[str, list[str]] = field(default_factory=dict)  # language -> signals
    presumes: dict[str, list[str]] = field(default_factory=dict)  # language -> words of the presumed event

    def names_its_event(self, text: str) -> bool:
        """Whether ``text`` names the event this card presumes (a death, layoffs, a merger).

        In any of the card's languages; always true for a card that presumes none. The router ranks such a card low
        when its event is not named: a divorce is no bereavement.
        """
        pattern = _presumption(tuple(w for lang in sorted(self.presumes) for w in self.presumes[lang]))
        return pattern is None or bool(pattern.search(text.casefold().replace("’", "'")))


def situations(by_doc: dict[str, list[Chunk]]) -> dict[str, Situation]:
    """Every card and concept note in the index, by its id (front matter ``card`` or ``concept``)."""
    out: dict[str, Situation] = {}
    for doc_id, chunks in by_doc.items():
        if not chunks:
            continue
        m = chunks[0].metadata
        kind = m.get("kind")
        sid = str(m.get("card") or m.get("concept") or "")
        if kind not in ("playbook", "concept") or not sid:
            continue
        s = out.setdefault(sid, Situation(sid, str(kind)))
        lang = str(m.get("language", ""))
        s.titles[lang] = str(m.get("title", sid))
        s.docs[lang] = doc_id
        s.signals[lang] = signals_of(chunks[0])
        s.presumes[lang] = presumes_of(chunks[0])
    return out


def validate_playbook(by_doc: dict[str, list[Chunk]], required: Iterable[str] = (),
                      languages: tuple[str, ...] = ("en", "nl")) -> list[str]:
    """Problems with the built-in cards and notes: missing ids, languages, sections, signals or supports."""
    problems: list[str] = []
    found = situations(by_doc)
    for sid in required:
        if sid not in found:
            problems.append(f"situation {sid!r} has no card or concept note")
    for sid, s in sorted(found.items()):
        for lang in languages:
            if lang not in s.docs:
                problems.append(f"{sid}: no {lang} version")
                continue
            chunks = by_doc[s.docs[lang]]
            roles = set(sections(chunks))
            need = CARD_ROLES if s.kind == "playbook" else CONCEPT_ROLES
            missing = [r for r in need if r not in roles]
            if missing:
                problems.append(f"{sid} ({lang}): missing section(s) {', '.join(missing)}")
            if len(s.signals.get(lang, [])) < MIN_SIGNALS:
                problems.append(f"{sid} ({lang}): {len(s.signals.get(lang, []))} signals, at least {MIN_SIGNALS}")
            signals = s.signals.get(lang, [])
            unnamed = [sig for sig in signals if not s.names_its_event(sig)]
            if len(unnamed) > (1 - MIN_NAMING_SIGNALS) * len(signals):
                problems.append(f"{sid} ({lang}): {len(unnamed)} of {len(signals)} signals do not name the event the "
                                f"card presumes (front matter presumes), e.g. {unnamed[0][:80]!r}")
    return problems


def required_ids(knowledge_dir: Any) -> tuple[list[str], list[str]]:
    """The situation and concept ids a knowledge base promises to cover (its ``situations.yaml``)."""
    from pathlib import Path

    import yaml

    path = Path(knowledge_dir) / "situations.yaml"
    if not path.is_file():
        return [], []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return list((data.get("situations") or {}).keys()), list((data.get("concepts") or {}).keys())


def resolve(views: Any, chunk: Chunk, key: str = "supports") -> list[tuple[dict[str, Any], Chunk | None]]:
    """Each paragraph reference of a card (``supports``) or note (``explains``) with the chunk it names."""
    from assistant.chunking import anchor

    out: list[tuple[dict[str, Any], Chunk | None]] = []
    for ref in refs(chunk, key):
        doc = str(ref["doc"])
        section = str(ref.get("section", "") or "")
        section_no = views.sections.get((doc, section), 0 if not section else -1)
        try:
            hit = views.by_anchor.get(anchor(doc, section_no, int(ref.get("paragraph", 1))))
        except (TypeError, ValueError):
            hit = None
        out.append((ref, hit))
    return out


class LinkViews(Protocol):
    """The lookup tables that card links resolve against (``assistant.index.IndexViews`` is one)."""

    @property
    def sections(self) -> dict[tuple[str, str], int]:
        """Section numbers by (document id, section heading)."""

    @property
    def by_anchor(self) -> dict[str, Chunk]:
        """The first chunk of every paragraph, by its anchor."""

    @property
    def support(self) -> dict[str, tuple[Chunk, ...]]:
        """Resolved supports by card chunk id, filled by ``resolve_support``."""


class ViewSource(Protocol):
    """Anything that hands out the lookup tables of its current version (``assistant.index.KnowledgeIndex``)."""

    def views(self) -> LinkViews:
        """The lookup tables of the current version."""


def resolve_support(index: ViewSource, chunk: Chunk) -> list[Chunk]:
    """The paragraphs a playbook card (or concept note) names as its support, cached per index version."""
    if chunk.metadata.get("kind") not in ("playbook", "concept"):
        return []
    views = index.views()
    cached = views.support.get(chunk.id)
    if cached is None:
        cached = tuple(hit for _, hit in resolve(views, chunk) if hit is not None)
        views.support[chunk.id] = cached
    return list(cached)


def validate_knowledge(views: Any, situation_ids: list[str], concept_ids: list[str]) -> list[str]:
    """Problems with the cards and notes of an index: missing ids, languages, sections, signals, links."""
    problems = validate_playbook(views.by_doc, situation_ids + concept_ids)
    known = set(situation_ids + concept_ids)
    for sid, s in sorted(situations(views.by_doc).items()):
        if known and sid not in known:
            problems.append(f"{sid}: not an id of situations.yaml")
        for lang, doc in s.docs.items():
            first = views.by_doc[doc][0]
            for key in ("supports", "explains"):
                for ref, hit in resolve(views, first, key):
                    if hit is None:
                        problems.append(f"{sid} ({lang}): {key} {ref.get('doc')} / {ref.get('section', '')!r} "
                                        f"¶{ref.get('paragraph')} names no paragraph")
    return problems


def refs(chunk: Chunk, key: str = "supports") -> list[dict[str, Any]]:
    """The paragraph references a card (``supports``) or note (``explains``) names."""
    raw = chunk.metadata.get(key)
    if not raw:
        return []
    try:
        value = json.loads(raw) if isinstance(raw, str) else raw
    except (TypeError, ValueError):
        return []
    return [r for r in value if isinstance(r, dict) and r.get("doc")] if isinstance(value, list) else []
