"""The knowledge base's articles and their authors, as its front matter names them.

Naming the author frames a claim ("as Rensen writes …", for the grounding check) and asks about the article
("what does Rensen mean …", for the scope check); the About page lists the articles. All of it comes from the
documents, so a second knowledge base with another author works without code edits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.text import query_tokens

if TYPE_CHECKING:
    from assistant.chunking import Chunk


def authors_of(chunks: Iterable[Chunk]) -> frozenset[str]:
    """The names of the authors of the articles (and their renderings) among ``chunks``, lower case and as stems.

    "René Rensen (English rendering by …)" gives rené, rensen and their stems.
    """
    return frozenset(t for name in _article_authors(chunks) for w in name.split()
                     for t in {w.lower(), *query_tokens(w)})


def surnames_of(chunks: Iterable[Chunk]) -> frozenset[str]:
    """The surnames of the authors of the articles among ``chunks``, lower case: "René Rensen (…)" gives rensen.

    A question that names one asks about the article ("what does Rensen mean by …"), as the scope check reads it.
    """
    return frozenset(surname(name).lower() for name in _article_authors(chunks) if name)


def _article_authors(chunks: Iterable[Chunk]) -> set[str]:
    """The authors' names of the articles and their renderings, without what follows them in brackets."""
    return {str(c.metadata.get("author") or "").split("(")[0].strip() for c in chunks
            if c.metadata.get("kind") in ("article", "translation")}


def surname(author: str) -> str:
    """The surname an intro names: "René Rensen (English rendering by …)" → "Rensen"; "" for no author."""
    name = author.split("(")[0].strip()
    return name.split()[-1] if name else ""


@dataclass(frozen=True)
class ArticleInfo:
    """An article of the knowledge base: its id, title, author and language, and the languages of its renderings."""

    doc_id: str
    title: str
    author: str
    language: str
    renderings: tuple[str, ...] = ()


def articles_of(by_doc: Mapping[str, Sequence[Chunk]]) -> list[ArticleInfo]:
    """The articles among the documents ``by_doc`` (doc id → chunks), by title, with their renderings' languages."""
    out = []
    for doc_id, chunks in by_doc.items():
        meta = chunks[0].metadata if chunks else {}
        if meta.get("kind") != "article":
            continue
        renderings = sorted({str(c[0].metadata.get("language", "")) for c in by_doc.values()
                             if c and c[0].metadata.get("kind") == "translation"
                             and c[0].metadata.get("translation_of") == doc_id})
        out.append(ArticleInfo(doc_id, str(meta.get("title", "")), str(meta.get("author") or "").split("(")[0].strip(),
                               str(meta.get("language", "")), tuple(renderings)))
    return sorted(out, key=lambda a: a.title)
