"""The answer to "summarise the article": its main points in reading order, then its own closing words.

One concept note explains one theme of the article; a request for a summary, the main points or the gist of the
whole text gets one sentence of every note (the one closest to the article paragraphs the note explains), ordered
by where the article makes that point, and the article's closing paragraph quoted. A question that asks what the
article says about one theme or situation ("summarise what it says about control") is a concept question, not this.
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

OVERVIEW_THEME_MAX = 0.5  # a note (not the conclusion) or situation the router gives this share is the summary's theme
OVERVIEW_LINE_WORDS = 50  # a note's line takes the next sentence too only when both together are this short
CONCLUSION = "conclusion"  # the note on the article's closing paragraph: its paragraph is quoted at the end

_OVERVIEW = re.compile(
    r"\b(summar\w*|samenvat\w*|samengevat|overview|overzicht|main (points|ideas|messages|arguments)|key (points|"
    r"ideas|messages|takeaways)|hoofdpunten|kernpunten|belangrijkste (punten|boodschappen|inzichten)|tl;?dr|"
    r"in a nutshell|in het kort|in vogelvlucht|in (a few|\d+|two|three|four|five|six|seven|twee|drie|vier|vijf|"
    r"zes|zeven|een paar) (points|bullets|sentences|lines|punten|zinnen|regels)|the gist|what is (the|this|that) "
    r"(article|piece|text) about|waar gaat (het|dit|dat) (artikel|stuk|tekst)( eigenlijk)? over)\b", re.IGNORECASE)
# The article's ending asked for in so many words: the conclusion note answers it ...
_ENDING = re.compile(r"\b(conclu\w*|ending|ends|slot\w*|einde|eindigt|last paragraph|laatste alinea|kortom|"
                     r"in short)\b", re.IGNORECASE)
# ... unless the whole text is asked for as well ("its main points and its conclusion", "van begin tot einde").
_WHOLE = re.compile(r"\b(main points|key points|hoofdpunten|kernpunten|whole|entire|hele|geheel|from (start|beginning) "
                    r"to (finish|end)|van begin tot (eind|einde))\b", re.IGNORECASE)
OVERVIEW_MIN_NOTES = 2  # notes with an article paragraph an overview needs (else the router's answer stands)


def asks_for_overview(text: str) -> bool:
    """Whether ``text`` asks for a summary, the main points or the gist of a whole text (not only of its ending)."""
    return bool(_OVERVIEW.search(text)) and (not _ENDING.search(text) or bool(_WHOLE.search(text)))


def wants_overview(text: str, mixture: list[tuple[str, float]]) -> bool:
    """Whether a question about the article asks for all its points rather than one theme or situation.

    ``mixture``: the router's shares over every situation and note, best first, before a question about the text
    is narrowed to the notes. A note other than the conclusion, or a situation, with ``OVERVIEW_THEME_MAX`` of it
    is what the summary is of ("summarise what it says about control", "… about giving feedback").
    """
    if not asks_for_overview(text) or not mixture:
        return False
    top, share = mixture[0]
    return top == CONCLUSION or share < OVERVIEW_THEME_MAX


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
