"""The extractive answer: composed from retrieved passages in the leader's language, grounded by construction."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.chunking import Chunk
from assistant.playbook import sections
from assistant.poison import is_poisoned as looks_like_instruction
from assistant.prompts import TEXT
from assistant.retrieval import Passage
from assistant.text import query_tokens, sentences


@dataclass
class Citation:
    """A numbered reference from the answer to a passage, with the sentence that supports the claim."""

    marker: int
    passage: Passage
    sentence: str = ""

    def as_dict(self) -> dict[str, Any]:
        """JSON view: marker, id, text, title, section, paragraph, source, supporting sentence."""
        m = self.passage.meta
        return {
            "marker": self.marker, "id": self.passage.id, "text": self.passage.text, "title": m["title"],
            "section": m["section"], "paragraph": m["paragraph"], "source": m["source"],
            "kind": m["kind"], "language": m["language"], "sentence": self.sentence,
            "translation": self.passage.translation,
        }


@dataclass
class Composition:
    """An answer body, its sources list and the citations it uses."""

    body: str
    sources: str
    citations: list[Citation] = field(default_factory=list)


def source_line(c: Citation, language: str) -> str:
    """`[n] Title — Section ¶p` for the sources list."""
    m = c.passage.meta
    section = m["section"] or TEXT[language]["intro"]
    return f"- [{c.marker}] {m['title']} — {section} ¶{m['paragraph']}"


class Citations:
    """Hands out marker numbers in order of first use."""

    def __init__(self) -> None:
        self.items: list[Citation] = []

    def mark(self, passage: Passage, sentence: str = "") -> str:
        """The marker for ``passage``, creating it on first use."""
        for c in self.items:
            if c.passage.id == passage.id:
                if sentence and not c.sentence:
                    c.sentence = sentence
                return f"[{c.marker}]"
        self.items.append(Citation(len(self.items) + 1, passage, sentence))
        return f"[{len(self.items)}]"


def _score(sentence: str, query: set[str]) -> int:
    return len(set(query_tokens(sentence)) & query)


def best_sentences(text: str, query: set[str], n: int = 1, translation: str = "") -> list[int]:
    """Indices of the ``n`` sentences that best match ``query`` (ties: earliest), in text order."""
    sents = sentences(text)
    trans = sentences(translation) if translation else []
    aligned = len(trans) == len(sents)
    scored = []
    for i, s in enumerate(sents):
        if looks_like_instruction(s):
            continue
        score = _score(s, query) + (_score(trans[i], query) if aligned else 0)
        scored.append((-score, i))
    return sorted(i for _, i in sorted(scored)[:n])


def _quote(passage: Passage, query: set[str]) -> tuple[str, str]:
    """The best sentence of a passage (two when the first is short), and its aligned translation."""
    sents = sentences(passage.text)
    if not sents:
        return passage.text, ""
    i = best_sentences(passage.text, query, 1, passage.translation)[0]
    chosen = [i]
    if len(sents[i].split()) < 10 and i + 1 < len(sents):
        chosen.append(i + 1)
    quote = " ".join(sents[j] for j in chosen)
    trans = sentences(passage.translation) if passage.translation else []
    translation = " ".join(trans[j] for j in chosen) if len(trans) == len(sents) else ""
    return quote, translation


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def compose_answer(question: str, language: str, ranked: list[Passage], card: dict[str, Passage],
                   extra_related: list[Passage]) -> Composition:
    """Compose the coaching answer from passages: reflection, 2-4 cited advice items, questions, sources.

    ``card`` holds the chosen playbook card's sections in the answer language (may be empty);
    ``extra_related`` are related passages already in the answer language.
    """
    t = TEXT[language]
    query = set(query_tokens(question))
    cites = Citations()
    lines: list[str] = []
    advice: list[str] = []
    safe = [p for p in ranked if not looks_like_instruction(p.text)]

    situation = card.get("situation")
    if situation is not None:
        first = sentences(situation.text)[0]
        lines.append(t["reflect_card"].format(situation=_lower_first(first)) + " " + cites.mark(situation, first))
    else:
        lines.append(t["reflect_topic"].format(topic=f"“{question.rstrip('?').strip()}”"))

    articles = [p for p in safe if p.meta["kind"] == "article"]
    related = [p for p in extra_related if not looks_like_instruction(p.text)]
    users = [p for p in safe if p.meta["kind"] == "user"]

    def cited_quote(p: Passage) -> str:
        quote, translation = _quote(p, query)
        if p.meta["kind"] == "article":
            text = t["article_intro"].format(quote=quote)
            if translation and p.meta["language"] != language and t["article_translation"]:
                text += t["article_translation"].format(translation=translation)
        else:
            text = t["related_intro"].format(title=p.meta["title"], sentence=quote)
        return f"{text} {cites.mark(p, quote)}"

    tried = card.get("try")
    steps: list[str] = []
    if tried is not None:
        lines_ = [s.lstrip("- ").strip() for s in tried.text.splitlines() if s.strip()]
        lines_ = [s for s in lines_ if not looks_like_instruction(s)]
        best = sorted(range(len(lines_)), key=lambda i: (-_score(lines_[i], query), i))[:2]
        steps = [lines_[i] for i in sorted(best)]
    queue = list(articles[:3])
    # With a card, each practical step is paired with the article passage that backs it up.
    for step in steps:
        item = f"{step} {cites.mark(tried, step)}"  # type: ignore[arg-type]
        if queue:
            item += " " + cited_quote(queue.pop(0))
        advice.append(item)
    # Uploaded documents are the user's data: quoted as theirs below, never turned into advice steps.
    extras = related[:1]
    if not steps and queue:
        advice.append(cited_quote(queue.pop(0)))
    for p in extras + queue:
        if len(advice) >= 4:
            break
        advice.append(cited_quote(p))

    lines.append("")
    lines.append(f"**{t['advice_heading']}**")
    lines += [f"{n}. {a}" for n, a in enumerate(advice, start=1)]
    if users:
        lines.append("")
        lines.append(f"**{t['user_docs_heading']}**")
        for p in users[:2]:
            quote, _ = _quote(p, query)
            lines.append(f"- {t['user_doc_intro'].format(title=p.meta['title'], quote=quote)} {cites.mark(p, quote)}")
    lines.append("")
    lines.append(f"**{t['questions_heading']}**")
    questions = card.get("questions")
    if questions is not None:
        qs = [s.lstrip("- ").strip() for s in questions.text.splitlines() if s.strip()]
        qs = [q for q in qs if not looks_like_instruction(q)]
        pick = sorted(sorted(range(len(qs)), key=lambda i: (-_score(qs[i], query), i))[:2])
        lines += [f"- {qs[i]} {cites.mark(questions, qs[i])}" for i in pick]
    else:
        lines.append(f"- {t['generic_question']}")
    sources = "\n".join([f"**{t['sources_heading']}**"] + [source_line(c, language) for c in cites.items])
    return Composition("\n".join(lines), sources, cites.items)


def card_sections(chunks: list[Chunk]) -> dict[str, Chunk]:
    """A card document's first chunk per role (situation, going_on, try, when_hard, questions, for_coaches)."""
    return {role: found[0] for role, found in sections(chunks).items()}
