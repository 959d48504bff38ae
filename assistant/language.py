"""Which language a text is in: Dutch, English, or another one we do not answer in."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from assistant.text import words

SUPPORTED = ("en", "nl")
LANGUAGE_NAMES = {
    "en": {"en": "English", "nl": "Engels"},
    "nl": {"en": "Dutch", "nl": "Nederlands"},
    "de": {"en": "German", "nl": "Duits"},
    "fr": {"en": "French", "nl": "Frans"},
    "es": {"en": "Spanish", "nl": "Spaans"},
    "it": {"en": "Italian", "nl": "Italiaans"},
    "pt": {"en": "Portuguese", "nl": "Portugees"},
    "pl": {"en": "Polish", "nl": "Pools"},
    "tr": {"en": "Turkish", "nl": "Turks"},
}
# Function words are the surest signal on the short texts leaders type.
_MARKERS = {
    "en": set("""the a an and is are my i we our you your they them what how why when do does
        don't can't won't team to of with not it this that should me he she his her who whose which where
        wrote""".split()),
    "nl": set("""de het een en is zijn mijn ik wij we ons onze jij je jouw u hun hoe wat waarom
        wanneer doe doet niet kan wil moet met van dat dit die er naar op mij hij zij ze hem haar
        mee geen ook maar wie welke welk waar schreef""".split()),
}
SURE = 0.99  # the statistical model's probability for a third language that few function words cannot outvote
# langid confuses short Dutch with Frisian/Afrikaans and short English with pidgins: treat as ours.
_CLOSE = {"af": "nl", "fy": "nl", "li": "nl", "lb": "nl", "pcm": "en", "sco": "en", "ext": "en"}


@dataclass(frozen=True)
class Detection:
    """The answer language for a text, and what was actually detected."""

    code: str  # "en" or "nl": the language to answer in
    detected: str  # the raw detected language code, which may be a third language
    confidence: float

    @property
    def is_supported(self) -> bool:
        """Whether the text itself is in Dutch or English."""
        return self.detected in SUPPORTED


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, default: str = "en") -> Detection:
    """Detect whether ``text`` is Dutch or English; a third language is reported, answered in English."""
    tokens = words(text)
    if not tokens:
        return Detection(default, default, 0.0)
    counts = {lang: sum(t in marks for t in tokens) for lang, marks in _MARKERS.items()}
    ranking = _identifier().rank(text)
    top, prob = ranking[0]
    top = _CLOSE.get(top, top)
    few_markers = max(counts.values()) <= max(1, len(tokens) // 6)
    # ("de" and "en" are French words too: when the model is all but certain, a few more markers do not outvote it)
    if top not in SUPPORTED and (
        (prob >= 0.8 and few_markers) or (prob >= 0.35 and max(counts.values()) == 0)
        or (prob >= SURE and max(counts.values()) <= len(tokens) // 4)
    ):
        return Detection("en" if default not in SUPPORTED else default, top, float(prob))
    probs = {lang: 0.0 for lang in SUPPORTED}
    for lang, p in ranking:
        lang = _CLOSE.get(lang, lang)
        if lang in probs:
            probs[lang] += float(p)
    # Combine function-word evidence with the statistical model; words dominate on short text.
    scores = {lang: counts[lang] + 2.0 * probs[lang] for lang in SUPPORTED}
    best = max(SUPPORTED, key=lambda lang: (scores[lang], lang == default))
    total = sum(scores.values()) or 1.0
    return Detection(best, best, scores[best] / total)


def language_name(code: str, in_language: str = "en") -> str:
    """Human name of a language code, in English or Dutch."""
    return LANGUAGE_NAMES.get(code, {}).get(in_language, code)
