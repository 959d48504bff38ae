"""The answer to a concept question: the note's sentences closest to it, then the article sentences it explains.

A question the router could give no note with confidence, about a theme in so many words ("is trust a choice
according to the article?", "does it say anything about vulnerability?"), is answered with the article sentences
that use that word instead, and when only the related material uses it, with that material's sentence: embeddings
place such a sentence among many that merely speak of trust.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import numpy as np

from assistant.article_link import article_sims
from assistant.citations import Citations, block_quote, quote_line, sources_list
from assistant.composition import ComposeInput, Composition, passage_for
from assistant.evidence import Evidence, content_stems
from assistant.prompts import TEXT
from assistant.retrieval import Passage
from assistant.text import sentences

CONCEPT_EXTRA_MIN = 0.86  # question-to-sentence similarity for quoting one more article paragraph
CONCEPT_QUOTE_SENTENCES = 1  # article sentences quoted per paragraph under a concept note
NOTE_MIN_CONFIDENCE = 0.35  # below this the question's theme words are looked up, and where they are found, the note
# is left out (chosen by hand: the lowest note share on the dev split of eval/situations.jsonl is 0.46)
THEME_MAX_SENTENCES = 3  # a question word in at most this many sentences of the article names a theme of it
# Words that ask about the text rather than name a theme of it ("what does the author say about …").
_ASKING_WORDS = {
    "en": "article articles text texts author writer rensen say says said mean means meaning according claim claims "
          "write writes wrote call calls called anything something does really actually like should would could right "
          "true correct",
    "nl": "artikel artikelen tekst teksten auteur schrijver zegt zeggen zei bedoelt bedoeling volgens beweert schrijft "
          "schreef iets eigenlijk echt klopt waar onderbouwd onderbouwing",
}


@cache
def _asking() -> frozenset[str]:
    """The stems of ``_ASKING_WORDS`` (stemmed on first use, not at import)."""
    return frozenset().union(*(content_stems(words, lang) for lang, words in _ASKING_WORDS.items()))


_LEANS_BACK = re.compile(r"^(dat|dit|die|deze|ze|zij|hij|daarmee|daarom|this|that|these|those|it|he|she|they|"
                         r"so|thus)\b", re.IGNORECASE)


def concept_answer(inp: ComposeInput, translations: dict[str, str]) -> Composition:
    """An explanation: the note's sentences closest to the question, then the article sentences it explains."""
    t = TEXT[inp.language]
    cites = Citations()
    note = inp.cards[0]
    # A note the router was unsure of, beside sentences that use the question's own words: those sentences answer.
    in_article, in_related = themed_sentences(inp, translations) if note.confidence < NOTE_MIN_CONFIDENCE else ([], [])
    weak = bool(in_article or in_related)
    plain = [] if weak else [(x, p) for x, p in note.items("plain") if len(x.split()) >= 4]
    lines: list[str] = []
    if plain:
        sims = inp.rank([x for x, _ in plain])
        # The note's first sentence (what the article says, in one line), then the two closest to the question; a
        # sentence that leans on the one before it ("Dat zegt hij …", "This is …") only with that one.
        chosen = [0]
        for i in (int(i) for i in np.argsort(-sims)):
            if len(chosen) >= 3:
                break
            if i not in chosen and (not _LEANS_BACK.match(plain[i][0]) or i - 1 in chosen):
                chosen.append(i)
        chosen.sort()  # in reading order
        lines.append(" ".join(f"{plain[i][0]} {cites.mark(plain[i][1], plain[i][0])}" for i in chosen))
    passages = [] if weak else list(inp.article_passages)
    extra = None if weak and in_article else _closest_article_paragraph(inp, passages, translations)
    for e in in_article:
        if all(p.id != e.chunk.id for p in passages):
            passages.append(passage_for(e.chunk, translations))
    if extra is not None and all(p.id != extra.id for p in passages):
        passages.append(extra)
    passages.sort(key=lambda p: (p.meta["section_no"], p.meta["paragraph"]))
    themed = {e.text for e in in_article}
    if passages:
        lines += ["", f"**{t['in_the_article']}**"]
        for p in passages:
            sents = sentences(p.text)
            usable = [i for i, x in enumerate(sents) if not x.endswith("?")] or list(range(len(sents)))
            sims = inp.rank([sents[i] for i in usable]) + np.asarray([sents[i] in themed for i in usable])
            picked = sorted(usable[int(i)] for i in np.argsort(-sims)[:CONCEPT_QUOTE_SENTENCES])
            if weak and picked and sents[picked[0]] in themed and picked[0] - 1 in usable:
                picked.insert(0, picked[0] - 1)  # the sentence it follows on from, for its context
            lines += [block_quote(p, picked, inp.language, cites), ""]
        lines.pop()
    if in_related:
        words = " / ".join(f"“{w}”" for w in _words_using(inp, in_related[0]))
        lines += ["", f"**{t['theme_related_heading'].format(words=words)}**"]
        for n, e in enumerate(in_related):
            lines.append("- " + quote_line(e, inp.language, cites, passage_for(e.chunk, translations), n))
    monday = [] if weak else note.items("monday")
    if monday:
        lines += ["", f"**{t['monday_heading']}**"]
        sims = inp.rank([m for m, _ in monday])
        for i in sorted(np.argsort(-sims)[:2]):
            m, p = monday[int(i)]
            lines.append(f"- {m} {cites.mark(p, m)}")
    return Composition("\n".join(lines).strip("\n"), sources_list(cites.items, inp.language), cites.items, [])


def themed_sentences(inp: ComposeInput, translations: dict[str, str]) -> tuple[list[Evidence], list[Evidence]]:
    """Sentences that use a theme word of the question: of the article, else of the related material.

    A theme word is a content word of the question (not one that asks about the text) that only a few sentences of
    the article use, or, when the article does not use it, only a few of the related material in the answer's
    language. At most one sentence per word, the one closest to the question.
    """
    if inp.evidence is None:
        return [], []
    asked = content_stems(inp.standalone, inp.language) - _asking()
    if not asked:
        return [], []
    article = [e for e in inp.evidence.pool if e.chunk.metadata.get("kind") == "article"]
    related = [e for e in inp.evidence.pool if e.chunk.metadata.get("kind") == "related"
               and e.chunk.metadata.get("language") == inp.language]
    in_article = _using(article, asked, lambda e: content_stems(e.text, "nl") | content_stems(e.translation, "en"))
    used = {w for w, _ in in_article}
    in_related = _using(related, asked - used - _stems_of(article, translations),
                        lambda e: content_stems(e.text, inp.language))
    return _closest(inp, in_article), _closest(inp, in_related)[:1]


def _words_using(inp: ComposeInput, e: Evidence) -> list[str]:
    """The question's words (as typed) that ``e`` uses too, among its theme words."""
    theirs = content_stems(e.text, inp.language) - _asking()
    return list(dict.fromkeys(w for w in re.findall(r"[\w'’-]+", inp.standalone)
                              if content_stems(w, inp.language) & theirs))


def _stems_of(sentences_: list[Evidence], translations: dict[str, str]) -> frozenset[str]:
    """Every content word (stem) of the whole paragraphs ``sentences_`` come from, original and English rendering."""
    chunks = {e.chunk.id: e.chunk for e in sentences_}
    return frozenset(w for c in chunks.values()
                     for w in content_stems(c.text, "nl") | content_stems(translations.get(c.id, ""), "en"))


def _using(sentences_: list[Evidence], words: frozenset[str], stems: Callable[[Evidence], frozenset[str]]
           ) -> list[tuple[str, list[Evidence]]]:
    """For each word that at most THEME_MAX_SENTENCES of ``sentences_`` use, those sentences."""
    of = [stems(e) for e in sentences_]
    out = []
    for w in sorted(words):
        found = [e for e, st in zip(sentences_, of, strict=True) if w in st]
        if 0 < len(found) <= THEME_MAX_SENTENCES:
            out.append((w, found))
    return out


def _closest(inp: ComposeInput, by_word: list[tuple[str, list[Evidence]]]) -> list[Evidence]:
    """Per word, the sentence closest to the question; each sentence once."""
    out: list[Evidence] = []
    for _, found in by_word:
        best = found[int(np.argmax(article_sims(inp, found)))] if len(found) > 1 else found[0]
        if all(best.text != e.text for e in out):
            out.append(best)
    return out


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
