"""Citation validation: markers must point at retrieved passages, and cited sentences must be supported."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from assistant.config import Settings
from assistant.text import query_tokens, sentences, split_sentences, words

Embed = Callable[[Sequence[str]], Any]  # texts -> unit vectors, one row per text

MARKER = re.compile(r"\[(\d{1,3})\]")
# Tuned on the dev split of eval/grounding.jsonl (precision/recall for "unsupported"; report the test split). How
# much a claim must share with its passage, and how close a paraphrase must be, are settings (``Thresholds``).
PART_MIN_STEMS = 4  # a part (before a colon, around a quote) with fewer content stems claims too little to judge
QUOTE_FIDELITY = 0.85  # a quotation must hold this share of its stems in the passage: it claims to be verbatim
SAME_STATEMENT = 0.5  # stem overlap with one passage sentence above which polarity and degree are compared
# Words that frame a claim ("as the article puts it", "zoals de auteur schrijft") and claim nothing themselves; the
# authors' names ("zoals Rensen schrijft") come from the knowledge base (``names`` below).
FRAMING = frozenset("""article author says say said puts put writes wrote write states stated notes argues
    argue according words quote quoted passage text paragraph reminds point points makes make describes
    explains mentions observes calls source piece here way like it's artikel auteur schrijft schreef stelt
    zegt zei volgens zoals woorden tekst passage alinea noemt beschrijft legt uit merkt wijst herinnert
    bron stuk hier manier""".split())
NEGATIONS = frozenset("""not no never none nobody nothing neither nor without cannot can't don't doesn't
    didn't isn't aren't wasn't weren't won't shouldn't hardly niet geen nooit niemand niets zonder nergens
    allerminst""".split())
ABSOLUTES = frozenset("""always never all every everyone everybody everything entirely completely totally
    guarantee guarantees guaranteed prove proves proven proved certainly only sole solely doubles double
    triples instantly immediately automatically overnight impossible any altijd nooit alle iedereen alles
    volledig helemaal garandeert gegarandeerd garantie bewijst bewezen verdubbelt zeker alleen enige direct
    onmiddellijk automatisch onmogelijk elke ieder""".split())
# A number (a count, a year, a percentage) or a name (a capitalised word after a lower-case one, so not the
# start of a sentence) that the passage does not hold is a claim of its own: "in 2012", "twelve weeks" of 30
# minutes, a study credited to the wrong author. Quotations are left to the fidelity check.
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# Capitalised words that are not names of a source: the author's first name, days, months, languages and
# nationalities (English capitalises them mid-sentence; the composer writes "In English: …").
NOT_NAMES = frozenset("""i monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december english dutch german french european american
    british belgian engels nederlands nederlandse nederlander nederlanders duits duitse frans franse belgische
    europese amerikaanse""".split())
NAME = re.compile(r"(?<=[a-zà-ÿ0-9,;] )([A-Z][a-zà-ÿ]+(?:['’]s)?)\b")


@dataclass
class Grounding:
    """Grounding figures of one answer."""

    markers: int = 0
    invalid_markers_removed: int = 0
    sentences: int = 0
    sentences_with_citation: int = 0
    unsupported_sentences: int = 0
    uncited_sentences: list[str] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)

    @property
    def unsupported_rate(self) -> float:
        """Share of cited sentences whose passage does not support them."""
        return self.unsupported_sentences / self.sentences_with_citation if self.sentences_with_citation else 0.0

    @property
    def citation_rate(self) -> float:
        """Share of advice sentences that carry a marker."""
        return self.sentences_with_citation / self.sentences if self.sentences else 0.0

    def as_dict(self) -> dict[str, Any]:
        """A JSON-friendly view including the rates."""
        d = asdict(self)
        d.update(unsupported_rate=round(self.unsupported_rate, 4), citation_rate=round(self.citation_rate, 4))
        return d


@dataclass
class Support:
    """How well one sentence is supported by its cited passage(s), and why not."""

    score: float
    reason: str = ""

    @property
    def supported(self) -> bool:
        """Whether the sentence passes the check."""
        return not self.reason


@lru_cache(maxsize=1)
def _framing_stems() -> frozenset[str]:
    return frozenset(query_tokens(" ".join(FRAMING)))


def _stems(text: str, names: frozenset[str] = frozenset()) -> set[str]:
    """Content stems of ``text`` in both languages, framing words and the authors' ``names`` left out."""
    return set(query_tokens(text)) - _framing_stems() - names


@lru_cache(maxsize=4096)
def _passage(text: str) -> tuple[frozenset[str], frozenset[str], tuple[tuple[str, frozenset[str]], ...]]:
    """A passage's stems, words and sentences with their stems, worked out once per text (cached)."""
    return (frozenset(query_tokens(text)), frozenset(words(text)),
            tuple((s, frozenset(query_tokens(s))) for s in sentences(text)))


def _share(claim: set[str] | frozenset[str], evidence: set[str] | frozenset[str]) -> float:
    return len(claim & evidence) / len(claim) if claim else 1.0


ATTRIBUTION = "↳"  # the extractive composer's "↳ <document title>: <quote>" line


def _strip_label(body: str, labels: tuple[str, ...], evidence: set[str]) -> str:
    """Remove a label the answer step itself wrote ("What often plays a part: ", "↳ <title>: ")."""
    for label in labels:
        if label == ATTRIBUTION and body.startswith(ATTRIBUTION):
            # the title may hold a colon itself: the label ends at the colon after which the most is backed
            rests = [body[m.end():] for m in re.finditer(r": ", body[:200])]
            best = max(rests, key=lambda r: _share(_stems(r), evidence), default="")
            if best and _share(_stems(best), evidence) >= QUOTE_FIDELITY:
                return best
        elif label and body.startswith(label):
            return body[len(label):].lstrip()
    return body


@dataclass(frozen=True)
class Thresholds:
    """How much support a claim needs (``Settings.grounding_support`` and ``grounding_semantic_min``)."""

    support: float = Settings.grounding_support  # share of each part's content stems its passage(s) must hold
    semantic_min: float = Settings.grounding_semantic_min  # e5 similarity that backs a paraphrase sharing few stems

    @classmethod
    def of(cls, settings: Settings) -> Thresholds:
        """The thresholds a configuration sets."""
        return cls(settings.grounding_support, settings.grounding_semantic_min)


def check_support(sentence: str, passage_texts: list[str], embed: Embed | None = None,
                  labels: tuple[str, ...] = (), given: str = "", names: frozenset[str] = frozenset(),
                  thresholds: Thresholds = Thresholds()) -> Support:
    """Check the whole claim of a cited sentence against its passage(s).

    Every part of the sentence (a quotation, the words around it, what stands before and after a colon) must
    be backed on its own, so a harmful claim cannot ride on a faithful quote; a quotation must be (nearly)
    verbatim. Then the sentence is compared with the passage sentence it restates: a negation the passage does
    not have (or drops one it has), or an absolute ("always", "guarantees", "alle") it does not use, makes it
    unsupported. ``embed`` (texts to unit vectors) lets a paraphrase or a rendering in the other language pass
    when few stems are shared. ``labels`` are openings the answer step writes itself, which claim nothing.
    ``given`` is what the person wrote (question and history): a number or name from it ("your team of 12",
    "talk to Pieter") is theirs, not a claim about the passage. ``names`` are the knowledge base's authors in lower
    case ("rensen"): naming them frames a claim ("Rensen writes …") and claims nothing.
    """
    profiles = [_passage(t) for t in passage_texts]
    evidence: set[str] = set().union(*(stems for stems, _, _ in profiles))
    body = _strip_label(MARKER.sub("", sentence).strip(), labels, evidence)
    quotes = re.findall(r"[“\"„]([^”\"“]{12,})(?:[”\"]|$)", body)
    rest = re.sub(r"[“\"„][^”\"“]{12,}(?:[”\"]|$)", " … ", body)
    parts = [p for chunk in rest.split(":") for p in chunk.split(" … ")]
    whole = _stems(body, names)
    score = _share(whole, evidence)
    for quote in quotes:
        fidelity = _share(_stems(quote, names), evidence)
        if fidelity < QUOTE_FIDELITY:
            return Support(min(score, fidelity), "the quotation is not in the passage")
    weak = [p for p, stems in ((p, _stems(p, names)) for p in parts)
            if len(stems) >= PART_MIN_STEMS and _share(stems, evidence) < thresholds.support]
    if weak or score < thresholds.support:
        if not quotes and embed is not None and _semantic(body, passage_texts, embed) >= thresholds.semantic_min:
            score = max(score, thresholds.support)
        else:
            return Support(score, "words the passage does not back: " + (weak[0].strip(" ,;") if weak else body))
    # the passage sentence sharing the most content stems with the claim: the statement it restates
    best = max(((len(whole & stems), s, stems) for _, _, sents in profiles for s, stems in sents),
               key=lambda x: x[0], default=(0, "", frozenset()))
    if best[0] and _share(whole, best[2]) >= SAME_STATEMENT and \
            bool(set(words(body)) & NEGATIONS) != bool(set(words(best[1])) & NEGATIONS):
        return Support(score, "negates or drops the negation of what the passage says")
    passage_words: set[str] = set().union(*(w for _, w, _ in profiles))
    claim_words = set(words(re.sub(r"\b(not only|niet alleen|rather than only)\b", " ", body, flags=re.I)))
    added = (claim_words & ABSOLUTES) - passage_words - {w for q in quotes for w in words(q)}
    if added:
        return Support(score, "overstates the passage: " + ", ".join(sorted(added)))
    unquoted = re.sub(r"[“\"„][^”\"“]{12,}(?:[”\"]|$)", " ", body)
    passage_text = " ".join(passage_texts)
    numbers = set(NUMBER.findall(unquoted)) - set(NUMBER.findall(passage_text)) - set(NUMBER.findall(given))
    if numbers:
        return Support(score, "a number the passage does not give: " + ", ".join(sorted(numbers)))
    named = {n.lower().removesuffix("'s").removesuffix("’s") for n in NAME.findall(unquoted)}
    named = {n for n in named - passage_words - _framing_stems() - FRAMING - names - NOT_NAMES - set(words(given))
             if not (n.endswith("s") and n[:-1] in passage_words)}  # Dutch genitive: "Googles" for Google
    if named:
        return Support(score, "a name the passage does not mention: " + ", ".join(sorted(named)))
    return Support(score)


def _semantic(claim: str, passage_texts: list[str], embed: Embed) -> float:
    """Cosine similarity of the claim to its closest passage sentence (unit vectors from ``embed``)."""
    import numpy as np

    candidates = [s for t in passage_texts for s in sentences(t) if len(s.split()) >= 4] or passage_texts
    if not candidates:
        return 0.0
    vecs = np.asarray(embed([claim, *candidates]), dtype=np.float32)
    return float((vecs[1:] @ vecs[0]).max())


def _advice_units(text: str, exempt: tuple[str, ...] = ()) -> list[tuple[str, list[int]]]:
    """Claim sentences with the markers that cover them.

    Headings, questions and the sources list make no claims. Markers at the end of a line cover
    every sentence of that line that has none of its own (a list item is one piece of advice).
    """
    body = re.split(r"\n\*\*(Sources|Bronnen)\*\*", text)[0]
    units: list[tuple[str, list[int]]] = []
    for line in body.splitlines():
        line = line.strip()
        if not line or line.startswith(("**", "#")) or (exempt and line.lstrip("-* ").startswith(exempt)):
            continue
        parts = [line[s:e].strip() for s, e in split_sentences(line)]
        # A marker standing alone after the final full stop belongs to the sentence before it.
        merged: list[str] = []
        for part in parts:
            if merged and MARKER.sub("", part).strip() == "":
                merged[-1] += " " + part
            else:
                merged.append(part)
        inherited: list[int] = []
        for part in reversed(merged):
            own = [int(n) for n in MARKER.findall(part)]
            inherited = own or inherited
            plain = MARKER.sub("", part).strip("-*0123456789. ")
            if not plain or plain.endswith("?") or len(plain.split()) < 4:
                continue
            units.append((part, inherited))
    return units


def validate(text: str, passages: dict[int, list[str]], *, exempt: tuple[str, ...] = (),
             labels: tuple[str, ...] = (), embed: Embed | None = None, given: str = "",
             names: frozenset[str] = frozenset(), thresholds: Thresholds = Thresholds()) -> tuple[str, Grounding]:
    """Remove markers that point at no passage, then check every advice sentence.

    ``passages`` maps marker number to the texts that count as that passage (original and
    translation). Sentences starting with an ``exempt`` prefix (framing lines) need no marker; ``labels`` are
    openings the answer step writes before a cited sentence, ``given`` what the person wrote and ``names`` the
    knowledge base's authors and ``thresholds`` the support needed (see ``check_support``).
    """
    g = Grounding()

    def keep(m: re.Match[str]) -> str:
        g.markers += 1
        if int(m.group(1)) in passages:
            return m.group(0)
        g.invalid_markers_removed += 1
        return ""

    cleaned = MARKER.sub(keep, text)
    cleaned = re.sub(r"[ \t]+([.,;:!?])", r"\1", re.sub(r"[ \t]{2,}", " ", cleaned))
    for sentence, markers in _advice_units(cleaned, exempt):
        g.sentences += 1
        if not markers:
            g.uncited_sentences.append(sentence)
            continue
        g.sentences_with_citation += 1
        texts = [t for n in markers for t in passages.get(n, [])]
        if not check_support(sentence, [t for t in texts if t], embed, labels, given, names, thresholds).supported:
            g.unsupported_sentences += 1
            g.unsupported.append(sentence)
    return cleaned, g
