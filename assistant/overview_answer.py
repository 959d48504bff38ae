"""The answer to "summarise the article": its main points in reading order, then its own closing words.

One concept note explains one theme of the article; a request for a summary, the main points or the gist of the
whole text gets one sentence of every note (the one that states the note's theme, closest to its title), ordered by
where the article makes that point, and the article's conclusion quoted. A question that asks what the article
says about one theme ("summarise what it says about control") is a concept question, not this.
"""

from __future__ import annotations

import re

import numpy as np

from assistant.citations import Citations, block_quote, sources_list
from assistant.composition import Card, ComposeInput, Composition
from assistant.embeddings import unit_rows
from assistant.evidence import stands_alone
from assistant.prompts import TEXT
from assistant.retrieval import Passage
from assistant.text import sentences

OVERVIEW_THEME_MAX = 0.5  # a note (other than the conclusion) the router gives this share asks about one theme
OVERVIEW_LINE_WORDS = 50  # a note's line takes the next sentence too only when both together are this short
CONCLUSION = "conclusion"  # the note on the article's closing paragraph: its paragraph is quoted at the end

_OVERVIEW = re.compile(
    r"\b(summar\w*|samenvat\w*|samengevat|overview|overzicht|main (points|ideas|messages|arguments)|key (points|"
    r"ideas|messages|takeaways)|hoofdpunten|kernpunten|belangrijkste (punten|boodschappen|inzichten)|tl;?dr|"
    r"in a nutshell|in het kort|in (a few|\d+|two|three|four|five|six|seven|twee|drie|vier|vijf|zes|zeven|een paar) "
    r"(points|bullets|sentences|lines|punten|zinnen|regels|bullets)|the gist|what is (the|this|that) (article|"
    r"piece|text) about|waar gaat (het|dit|dat) (artikel|stuk|tekst)( eigenlijk)? over)\b", re.IGNORECASE)
# The article's ending asked for in so many words: the conclusion note answers it.
_ENDING = re.compile(r"\b(conclu\w*|ending|ends|slot\w*|einde|eindigt|last paragraph|laatste alinea|kortom|"
                     r"in short)\b", re.IGNORECASE)


def asks_for_overview(text: str) -> bool:
    """Whether ``text`` asks for a summary, the main points or the gist of a whole text (not of its ending)."""
    return bool(_OVERVIEW.search(text)) and not _ENDING.search(text)


def wants_overview(text: str, about_article: bool, scores: list[tuple[str, float]], concepts: set[str]) -> bool:
    """Whether a question about the article (in so many words, or routed to a note) asks for all its points.

    ``scores``: the router's shares, best first; ``concepts``: the ids of the concept notes.
    """
    if not asks_for_overview(text) or not scores:
        return False
    top, share = scores[0]
    if not about_article and top not in concepts:
        return False  # "the key points of giving feedback" is about the leader's situation
    return not (top in concepts and top != CONCLUSION and share >= OVERVIEW_THEME_MAX)


def reading_order(cards: list[Card], explained: dict[str, list[Passage]]) -> list[Card]:
    """Concept notes ordered by the first article paragraph each explains, one note per paragraph.

    Of two notes that start at the same paragraph, the one explaining fewer paragraphs is about that paragraph
    (what trust is) and the other about a theme it only touches there (the globalising world): that one is left out.
    """
    def first(card: Card) -> tuple[int, int]:
        ps = explained.get(card.id, [])
        return (int(ps[0].meta["section_no"]), int(ps[0].meta["paragraph"])) if ps else (10**6, 0)
    out: list[Card] = []
    for card in sorted(cards, key=lambda c: (first(c), len(explained.get(c.id, [])))):
        if not out or first(card) != first(out[-1]) or first(card)[0] == 10**6:
            out.append(card)
    return out


def overview_answer(inp: ComposeInput, explained: dict[str, list[Passage]]) -> Composition:
    """One sentence of every note in ``inp.cards`` (reading order), then the article's conclusion quoted.

    A note's sentence is the one that renders the article paragraphs it explains most closely (a statement that
    stands alone), with the next one when that renders them second best: what the article says there, not what the
    note adds. The conclusion note gives no line: the closing paragraph itself is quoted.
    """
    t = TEXT[inp.language]
    cites = Citations()
    lines = [f"**{t['overview_heading']}**"]
    for card in inp.cards:
        if card.id == CONCLUSION:
            continue  # its paragraph is quoted whole below
        plain = [(x, p) for x, p in card.items("plain") if stands_alone(x)]
        source = [p.translation if inp.language == "en" and p.translation else p.text
                  for p in explained.get(card.id, [])]
        if not plain or not source:
            continue
        vectors = unit_rows(inp.embed_texts([*source, *[x for x, _ in plain]]))
        sims = (vectors[len(source):] @ vectors[:len(source)].T).max(axis=1)
        top = [int(i) for i in np.argsort(-sims)[:2]]
        picked = [top[0]] + [i for i in top[1:] if i == top[0] + 1 and plain[i][1].id == plain[top[0]][1].id
                             and len(plain[top[0]][0].split()) + len(plain[i][0].split()) <= OVERVIEW_LINE_WORDS]
        text = " ".join(plain[i][0] for i in picked)  # "As a noun, …" with "As a verb, …" when both render it
        lines.append(f"- {text} {cites.mark(plain[top[0]][1], text)}")
    conclusion = explained.get(CONCLUSION, [])
    if conclusion:
        p = conclusion[0]
        n = len(sentences(p.text))
        lines += ["", f"**{t['overview_closing']}**", block_quote(p, list(range(n)), inp.language, cites)]
    return Composition("\n".join(lines), sources_list(cites.items, inp.language), cites.items, [])
