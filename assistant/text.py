"""Small text utilities shared by chunking, retrieval and grounding: sentences, tokens, stems."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

_ABBREVIATIONS = {
    "e.g", "i.e", "etc", "vs", "dr", "mr", "mrs", "ms", "prof", "bijv", "o.a", "d.w.z", "m.a.w",
    "z.g.a.n", "enz", "blz", "nr", "ca", "jr", "sr", "st", "al", "p", "pp", "ed", "eds", "vol",
}
# A sentence ends at . ! ? … (with closing quotes/brackets and any citation markers that follow),
# before whitespace and a capital, digit or opening quote.
_BOUNDARY = re.compile(r"([.!?…]+[\"'”’)\]]*(?:[ \t]*\[\d{1,3}\])*)(\s+)(?=[\"'“‘(\[]?[A-ZÀ-ÖØ-Þ0-9])")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)

STOPWORDS = frozenset(
    """a an and are as at be been but by can do does did for from had has have how i if in into is
    it its me my of on or our so that the their them then there these they this to was we were what
    when where which who why will with would you your yours am about also just very much more most
    de het een en van in is dat die op te zijn voor met als er aan om maar ook niet naar dan
    bij of ze zij hij wij we ik je jij u mijn mij me hun hen hoe wat wie waar waarom wanneer dit
    deze worden wordt werd kan kunnen zal zou heb hebt heeft hebben ben bent was waren nog al wel
    geen meer zo uit door over tot tegen onder nu toch zich mijn jouw jullie onze ons haar hem
    zelf""".split()
)


def normalise_quotes(text: str) -> str:
    """Unify typographic quotes and apostrophes, collapse whitespace and casefold."""
    text = unicodedata.normalize("NFC", text)
    table = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"',
                           "„": '"', "‟": '"', "«": '"', "»": '"', "\u00a0": " "})
    return " ".join(text.translate(table).split()).casefold()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences in ``text``; list lines count as sentences."""
    spans: list[tuple[int, int]] = []
    for line_match in re.finditer(r"[^\n]+", text):
        base = line_match.start()
        line = line_match.group(0)
        start = 0
        for m in _BOUNDARY.finditer(line):
            before = line[start : m.start(1)]
            last_word = before.rsplit(None, 1)[-1].lower().strip("(\"'") if before.strip() else ""
            if last_word in _ABBREVIATIONS or re.fullmatch(r"[a-z]", last_word or "-"):
                continue
            end = m.end(1)
            spans.append((base + start, base + end))
            start = m.end(2)
        if line[start:].strip():
            spans.append((base + start, base + len(line.rstrip())))
    out = []
    for s, e in spans:
        seg = text[s:e]
        lead = len(seg) - len(seg.lstrip())
        if seg.strip():
            out.append((s + lead, e))
    return out


def sentences(text: str) -> list[str]:
    """Return the sentences of ``text`` as strings."""
    return [text[s:e] for s, e in split_sentences(text)]


def words(text: str) -> list[str]:
    """Return the lower-cased words of ``text``."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


@lru_cache(maxsize=2)
def _stemmer(language: str) -> Any:
    import Stemmer  # PyStemmer, imported lazily so that importing this module stays cheap

    return Stemmer.Stemmer({"nl": "dutch_porter", "en": "english"}[language])


def stem_tokens(text: str, language: str) -> list[str]:
    """Content words of ``text`` stemmed for ``language`` (``en`` or ``nl``), stopwords removed."""
    toks = [w for w in words(text) if w not in STOPWORDS and len(w) > 1]
    return list(_stemmer(language).stemWords(toks))


def query_tokens(text: str) -> list[str]:
    """Stems of ``text`` under both the Dutch and the English stemmer, without repeats."""
    seen: dict[str, None] = {}
    for lang in ("nl", "en"):
        for t in stem_tokens(text, lang):
            seen.setdefault(t, None)
    return list(seen)
