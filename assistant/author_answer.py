"""The answer to "who wrote this?": the article's author as its front matter names them, and the writer's own voice.

The knowledge base holds the article, not a biography: the answer says so, names the author and title from the
article's front matter, and quotes the sentences in which the writer speaks in the first person (why they write,
what trust means to them), in reading order and with the English rendering in English answers. It points to the
conclusion for what the article argues. Nothing about the person is made up.
"""

from __future__ import annotations

import re

from assistant.citations import Citations, block_quote, sources_list
from assistant.composition import ComposeInput, Composition
from assistant.prompts import TEXT
from assistant.text import sentences

FIRST_PERSON_QUOTES = 3  # sentences of the writer's own voice quoted

_POINTS_BACK = re.compile(r"\b(deze|die|dit|this|that|these|the) (eerste|tweede|laatste|andere|first|second|last|"
                          r"latter|former|other) (vorm|form|soort|kind|way|manier)\b", re.IGNORECASE)
_FIRST_PERSON = {
    "nl": re.compile(r"\b(ik|mij|mijn|voor mij)\b", re.IGNORECASE),
    "en": re.compile(r"\b(I|[Mm]e|[Mm]y)\b"),
}


def author_lines(inp: ComposeInput) -> list[str]:
    """One line per article asked about: its title and its author, as its front matter names them."""
    t = TEXT[inp.language]
    return [t["author_line"].format(title=a.title, author=a.author or t["author_unknown"]) for a in inp.author_of]


def author_answer(inp: ComposeInput, translations: dict[str, str]) -> Composition:
    """Who wrote the article(s) asked about, that no biography is at hand, and the writer's own words."""
    t = TEXT[inp.language]
    cites = Citations()
    lines = author_lines(inp)
    lines.append("")
    # Only in a language whose first person we know: elsewhere nothing is said about the writer's voice.
    known = [p for p in inp.author_paragraphs if str(p.meta.get("language", "")) in _FIRST_PERSON]
    own_voice = [(p, i) for p in known for i, s in enumerate(sentences(p.text))
                 if _speaks_for_self(s, str(p.meta.get("language", "")))]
    lines.append(t["author_no_bio"] if own_voice else t["author_no_bio_only"])
    for p, i in own_voice[:FIRST_PERSON_QUOTES]:
        lines += [block_quote(p, [i], inp.language, cites), ""]
    if not own_voice:
        lines.append("")
    lines.append(t["author_more"])
    return Composition("\n".join(lines), sources_list(cites.items, inp.language), cites.items, [])


def _speaks_for_self(sentence: str, language: str) -> bool:
    """Whether the writer speaks in the first person in ``sentence``, in a sentence that stands on its own.

    Not a question, and not one that points back at an earlier one ("ik geef aan deze tweede vorm de voorkeur").
    """
    voice = _FIRST_PERSON.get(language)
    return voice is not None and bool(voice.search(sentence)) and len(sentence.split()) >= 6 \
        and not sentence.rstrip().endswith("?") and not _POINTS_BACK.search(sentence)
