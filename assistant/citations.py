"""Citation markers: numbered in order of first use, one per paragraph, and the sources list they make."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.authors import surname
from assistant.language import language_name
from assistant.prompts import ARTICLE_INTROS, ARTICLE_INTROS_ANONYMOUS, TEXT
from assistant.retrieval import Passage
from assistant.text import sentences

if TYPE_CHECKING:
    from assistant.evidence import Evidence


@dataclass
class Citation:
    """A numbered reference from the answer to a passage, with the sentence that supports the claim."""

    marker: int
    passage: Passage
    sentence: str = ""
    parts: list[Passage] = field(default_factory=list)  # further chunks of the same paragraph, cited as one

    @property
    def text(self) -> str:
        """The cited paragraph: the passage and any further chunks of it the answer quotes."""
        return "\n".join([self.passage.text, *(p.text for p in self.parts)])

    @property
    def translation(self) -> str:
        """The paragraph's rendering in the other language, where there is one."""
        return "\n".join(t for t in [self.passage.translation, *(p.translation for p in self.parts)] if t)

    def as_dict(self) -> dict[str, Any]:
        """JSON view: marker, id, text, title, section, paragraph, source, supporting sentence."""
        m = self.passage.meta
        return {
            "marker": self.marker, "id": self.passage.id, "text": self.text, "title": m["title"],
            "section": m["section"], "paragraph": m["paragraph"], "source": m["source"],
            "kind": m["kind"], "language": m["language"], "sentence": self.sentence,
            "translation": self.translation, "part_ids": [p.id for p in self.parts],
        }


def source_line(c: Citation, language: str) -> str:
    """`[n] Title — Section ¶p` for the sources list."""
    m = c.passage.meta
    section = m["section"] or TEXT[language]["intro"]
    return f"- [{c.marker}] {m['title']} — {section} ¶{m['paragraph']}"


def sources_list(citations: list[Citation], language: str) -> str:
    """The answer's sources: a bold heading, then one `source_line` per citation (nothing when nothing is cited)."""
    if not citations:
        return ""
    return "\n".join([f"**{TEXT[language]['sources_heading']}**"] + [source_line(c, language) for c in citations])


class Citations:
    """Hands out marker numbers in order of first use."""

    def __init__(self) -> None:
        self.items: list[Citation] = []

    def mark(self, passage: Passage, sentence: str = "") -> str:
        """The marker for ``passage``, creating it on first use."""
        return f"[{self.number(passage, sentence)}]"

    def number(self, passage: Passage, sentence: str = "") -> int:
        """The marker number for ``passage``."""
        for c in self.items:
            # Parts of one paragraph (a long section split into chunks) share one marker and one source line.
            if c.passage.id == passage.id or c.passage.meta.get("anchor") == passage.meta.get("anchor"):
                if c.passage.id != passage.id and all(p.id != passage.id for p in c.parts):
                    c.parts.append(passage)
                if sentence and not c.sentence:
                    c.sentence = sentence
                return c.marker
        self.items.append(Citation(len(self.items) + 1, passage, sentence))
        return len(self.items)


def quote_line(e: Evidence, language: str, cites: Citations, passage: Passage, n: int) -> str:
    """An evidence sentence quoted with its source (the article in one of its intros), ending in its marker."""
    t = TEXT[language]
    kind = e.chunk.metadata.get("kind")
    if kind == "article":
        author = surname(str(e.chunk.metadata.get("author") or ""))
        intros = (ARTICLE_INTROS if author else ARTICLE_INTROS_ANONYMOUS)[language]
        original = language_name(str(e.chunk.metadata.get("language") or ""), language)
        line = intros[n % len(intros)].format(quote=e.text, author=author, original=original)
        if language == "en" and e.translation:
            line += " " + t["article_translation"].format(translation=e.translation)
    else:
        line = t["related_intro"].format(title=e.chunk.metadata["title"], sentence=e.text)
    return f"{line} {cites.mark(passage, e.text)}"


def block_quote(passage: Passage, picked: list[int], language: str, cites: Citations) -> str:
    """Sentences ``picked`` of a passage as a Markdown quote ending in its marker.

    In an English answer the English rendering stands below it (when the rendering has the same sentences).
    """
    sents = sentences(passage.text)
    rendering = sentences(passage.translation) if passage.translation else []
    quote = join_quoted(sents, picked)
    line = f"> “{quote}” {cites.mark(passage, quote)}"
    if language == "en" and len(rendering) == len(sents):
        line += f"\n>\n> {TEXT[language]['english_rendering']}: “{join_quoted(rendering, picked)}”"
    return line


def join_quoted(sents: list[str], picked: list[int]) -> str:
    """Sentences of one paragraph in reading order, with an ellipsis where sentences were left out."""
    out = ""
    for n, i in enumerate(picked):
        out += sents[i] if n == 0 else (" " if i == picked[n - 1] + 1 else " … ") + sents[i]
    return out
