"""The answer to a concept question: the note's sentences closest to it, then the article sentences it explains."""

from __future__ import annotations

import numpy as np

from assistant.article_link import article_sims
from assistant.citations import Citations, sources_list
from assistant.composition import ComposeInput, Composition, passage_for
from assistant.prompts import TEXT
from assistant.retrieval import Passage
from assistant.text import sentences

CONCEPT_EXTRA_MIN = 0.86  # question-to-sentence similarity for quoting one more article paragraph
CONCEPT_QUOTE_SENTENCES = 1  # article sentences quoted per paragraph under a concept note


def concept_answer(inp: ComposeInput, translations: dict[str, str]) -> Composition:
    """An explanation: the note's sentences closest to the question, then the article sentences it explains."""
    t = TEXT[inp.language]
    cites = Citations()
    note = inp.cards[0]
    plain = [(x, p) for x, p in note.items("plain") if len(x.split()) >= 4]
    lines: list[str] = []
    if plain:
        sims = inp.rank([x for x, _ in plain])
        chosen = sorted(int(i) for i in np.argsort(-sims)[:3])  # in reading order
        lines.append(" ".join(f"{plain[i][0]} {cites.mark(plain[i][1], plain[i][0])}" for i in chosen))
    passages = list(inp.article_passages)
    extra = _closest_article_paragraph(inp, passages, translations)
    if extra is not None:
        passages = sorted(passages + [extra], key=lambda p: (p.meta["section_no"], p.meta["paragraph"]))
    if passages:
        lines += ["", f"**{t['in_the_article']}**"]
        for p in passages:
            sents = sentences(p.text)
            rendering = sentences(p.translation) if p.translation else []
            usable = [i for i, x in enumerate(sents) if not x.endswith("?")] or list(range(len(sents)))
            sims = inp.rank([sents[i] for i in usable])
            picked = sorted(usable[int(i)] for i in np.argsort(-sims)[:CONCEPT_QUOTE_SENTENCES])
            quote = _join_quoted(sents, picked)
            line = f"> “{quote}” {cites.mark(p, quote)}"
            if inp.language == "en" and len(rendering) == len(sents):
                line += f"\n>\n> {t['english_rendering']}: “{_join_quoted(rendering, picked)}”"
            lines.append(line)
    monday = note.items("monday")
    if monday:
        lines += ["", f"**{t['monday_heading']}**"]
        sims = inp.rank([m for m, _ in monday])
        for i in sorted(np.argsort(-sims)[:2]):
            m, p = monday[int(i)]
            lines.append(f"- {m} {cites.mark(p, m)}")
    return Composition("\n".join(lines), sources_list(cites.items, inp.language), cites.items, [])


def _closest_article_paragraph(inp: ComposeInput, have: list[Passage], translations: dict[str, str]
                               ) -> Passage | None:
    """The article paragraph, besides the note's own, that speaks most directly to the question (if one does)."""
    if inp.evidence is None:
        return None
    ids = {p.id for p in have}
    pool = [e for e in inp.evidence.pool if e.chunk.metadata.get("kind") == "article" and e.chunk.id not in ids]
    if not pool:
        return None
    sims = article_sims(inp, pool)
    best = int(np.argmax(sims))
    if float(sims[best]) < CONCEPT_EXTRA_MIN:
        return None
    return passage_for(pool[best].chunk, translations)


def _join_quoted(sents: list[str], picked: list[int]) -> str:
    """Sentences of one paragraph in reading order, with an ellipsis where sentences were left out."""
    out = ""
    for n, i in enumerate(picked):
        out += sents[i] if n == 0 else (" " if i == picked[n - 1] + 1 else " … ") + sents[i]
    return out
