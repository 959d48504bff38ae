"""The knowledge base's articles, their authors and the references of its notes, as its front matter names them.

Naming the author frames a claim ("as Rensen writes …", for the grounding check) and asks about the article
("what does Rensen mean …", for the scope check); the About page lists the articles. All of it comes from the
documents, so a second knowledge base with another author works without code edits.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.text import STOPWORDS, query_tokens

if TYPE_CHECKING:
    from assistant.chunking import Chunk


def authors_of(chunks: Iterable[Chunk]) -> frozenset[str]:
    """The names of the authors of the articles (and their renderings) among ``chunks``, lower case and as stems.

    "René Rensen (English rendering by …)" gives rené, rensen and their stems.
    """
    return frozenset(t for name in _article_authors(chunks) for w in name.split()
                     for t in {w.lower(), *query_tokens(w)})


def surnames_of(chunks: Iterable[Chunk]) -> frozenset[str]:
    """The surnames of the articles' authors as a question would name them (see ``safety_words.about_the_article``).

    A surname that is no ordinary word of the knowledge base's text counts in any case and is given in lower case
    ("René Rensen" gives "rensen"); one that also occurs as an ordinary, lower-case word there or is a stopword ("Jan
    Doe" in a base whose Dutch text says "doe", "Will") counts only as a name, capitalised, and is given as written
    ("Doe"). A word of a language the knowledge base is not written in is not known to be ordinary.
    """
    chunks = list(chunks)
    names = {surname(name) for name in _article_authors(chunks)} - {""}
    if not names:
        return frozenset()
    words = {w for c in chunks for w in WORD.findall(c.text) if w.islower()} | STOPWORDS
    return frozenset(n if n.lower() in words else n.lower() for n in names)


WORD = re.compile(r"[\w'’-]+")  # a word, a hyphenated or apostrophed name included ("Smith-Jones", "O'Brien")


def _article_authors(chunks: Iterable[Chunk]) -> set[str]:
    """The authors' names of the articles and their renderings."""
    return {author_name(str(c.metadata.get("author") or "")) for c in chunks
            if c.metadata.get("kind") in ("article", "translation")}


def author_name(author: str) -> str:
    """An author as front matter names them, without what follows in brackets.

    "René Rensen (English rendering by …)" gives "René Rensen".
    """
    return author.split("(")[0].strip()


def surname(author: str) -> str:
    """The surname an intro names: "René Rensen (English rendering by …)" → "Rensen"; "" for no author."""
    name = author_name(author)
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
        out.append(ArticleInfo(doc_id, str(meta.get("title", "")), author_name(str(meta.get("author") or "")),
                               str(meta.get("language", "")), tuple(renderings)))
    return sorted(out, key=lambda a: a.title)


@dataclass(frozen=True)
class SourceInfo:
    """A document of the built-in knowledge base that draws on published work, with its reference (``source:``)."""

    doc_id: str
    kind: str
    title: str
    language: str
    source: str
    topic: str  # its ``topic:`` (the same for a note's languages), or its id


def sources_of(by_doc: Mapping[str, Sequence[Chunk]], kinds: tuple[str, ...] = ("related",)) -> list[SourceInfo]:
    """The documents of ``kinds`` among ``by_doc`` that name a source, by title (uploads are of kind "user")."""
    out = []
    for doc_id, chunks in by_doc.items():
        meta = chunks[0].metadata if chunks else {}
        source = str(meta.get("source") or "").strip()
        # Without a ``source:`` the loader names the file: that is no reference.
        if meta.get("kind") in kinds and source and source != Path(str(meta.get("path", ""))).name:
            out.append(SourceInfo(doc_id, str(meta["kind"]), str(meta.get("title", "")), str(meta.get("language", "")),
                                  source, str(meta.get("topic") or doc_id)))
    return sorted(out, key=lambda x: x.title)


# Who wrote the article, asked by role ("who is the author", "wie schreef dit artikel") or by name ("wie is Rensen?").
_ASKS_AUTHOR = re.compile(
    r"\bwho (\w+ )?(wrote|has written|is behind) (the|this|that) article\b"
    r"|\bwho (is|was|'s) (the|this) (author|writer)\b|\bwho is the author of\b"
    r"|\bwho (the|its) (author|writer) (is|was)\b(?! of\b)"
    r"|\bthe (author|writer)'?s? (background|bio\w*|credentials|expertise|name)\b"
    r"|\b(background|bio\w*|credentials|name) of (the|this) (author|writer)\b|\babout the (author|writer)\b"
    r"|\bwho (\w+ )?(wrote|has written|is behind) (the|this|that) (piece|text|paper)\b|\bwhose (article|piece)\b"
    r"|\bwie (heeft|schreef) (eigenlijk |nou )?(het|dit|dat|de) (artikel|stuk|tekst)\b"
    r"|\bvan wie is (het|dit|dat|de) (artikel|stuk|tekst)\b"
    r"|\bwie (is|was) (de|die) (auteur|schrijver|schrijfster)\b"
    r"|\bwie de (auteur|schrijver|schrijfster) (is|was)\b(?! van\b)"
    r"|\b(achtergrond|naam|cv|biografie) van (de|die) (auteur|schrijver|schrijfster)\b"
    r"|\bover de (auteur|schrijver|schrijfster)\b"
    r"|\bwer (hat|ist) (den artikel|der autor|die autorin)\b|\bqui (a écrit l['’]article|est l['’]auteur)\b",
    re.IGNORECASE)
# "who is / who's / wie is [dr.] [René] Rensen": the two words after it, a title skipped
_WHO_IS = re.compile(r"\b(who|wie|wer|qui)(\s+(is|was|ist|est)|['’]s)\s+((dr|prof|mr|mrs|ms|de heer|mevrouw|meneer)"
                     r"\.?\s+)?([\w'’-]+)(\s+([\w'’-]+))?", re.IGNORECASE)


def _names_word(word: str, names: Collection[str]) -> bool:
    """Whether ``word`` is one of ``names`` as ``surnames_of`` gives them: lower case in any case, else as written."""
    return any(word.lower() == n if n.islower() else word == n for n in names)


def asks_about_author(text: str, names: Collection[str] = ()) -> bool:
    """Whether ``text`` asks who wrote the article or who its author is (by role or by the author's surname).

    ``names``: the articles' authors' surnames (``authors.surnames_of``).
    """
    if _ASKS_AUTHOR.search(text):
        return True
    return any(_names_word(w, names) for m in _WHO_IS.finditer(text) for w in (m.group(6), m.group(8)) if w)


_GIST = re.compile(
    r"\b(kern|core|gist|main (point|message|idea|argument)s?|summar\w*|samenvat\w*|strekking|conclu\w*|takeaways?|"
    r"bottom line|hoofdboodschap|kernboodschap|boodschap|key (message|point)s?|what (is it|is the article|is that "
    r"article|does it) (about|say|argue)|waar gaat (het|dit|dat)( artikel)? over|wat (zegt|betoogt|beweert) "
    r"(het|hij|zij)|what does (he|she) (say|argue|claim))\b", re.IGNORECASE)


def asks_for_gist(text: str) -> bool:
    """Whether ``text`` asks what the article argues as a whole: its core, main point, summary or conclusion."""
    return bool(_GIST.search(text))


def articles_asked(text: str, articles: Sequence[ArticleInfo]) -> list[ArticleInfo]:
    """The articles whose author the question names, or all of them when it names none."""
    words = {w.lower() for w in WORD.findall(text)}
    named = [a for a in articles if a.author and surname(a.author).lower() in words]
    return named or list(articles)
