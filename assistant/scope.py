"""What the assistant will not answer from the material: crises, medical and legal matters, injections."""

from __future__ import annotations

import re

_PATTERNS: dict[str, list[str]] = {
    "crisis": [
        r"\b(end(ing)? (my|it all|my life)|kill(ing)? myself|suicid\w*|want to die|self[- ]harm)\b",
        r"\b(zelfmoord|zelfdoding|een einde aan (mijn leven|het) maken|dood willen|niet meer leven|"
        r"mezelf (iets )?aandoen)\b",
    ],
    "medical": [
        r"\b(medication|medicine|pills?|antidepressants?|diagnos\w*|chest pains?|symptoms?|"
        r"prescri\w*|dosage)\b",
        r"\b(medicijn\w*|medicatie|pillen|antidepressiva|diagnose|pijn op de borst|symptomen|"
        r"voorschrijven|dosering|burn-?out\b.*\b(medicijn\w*|pillen|medicatie))\b",
    ],
    "legal": [
        r"\b(su(e|ing|ed) (me|us|the company)|lawsuit|lawyer|legal (options|action|steps|advice)|"
        r"unfair dismissal|tribunal|court case|severance|employment contract dispute)\b",
        r"\b(rechtszaak|advocaat|juridisch\w*|kantonrechter|ontslagvergoeding|transitievergoeding|"
        r"arbeidsrecht\w*|rechter|dagvaard\w*|ontslagprocedure)\b",
    ],
    "injection": [
        r"\b(ignore|disregard|forget) (all |any |the |your )?(previous |prior |above |earlier )?"
        r"(instructions|rules|prompts?|guidelines|role)\b",
        r"\b(system ?prompt|developer mode|jailbreak|you are now|act as|pretend (to be|you are)|"
        r"reveal your (instructions|rules|prompt))\b",
        r"\b(negeer|vergeet) (alle |je |jouw |de )?(eerdere |vorige )?(instructies|regels|rol|opdrachten)\b",
        r"\b(systeemprompt|je bent nu|doe alsof je|speel de rol van)\b",
    ],
}
_COMPILED = {k: [re.compile(p, re.IGNORECASE) for p in v] for k, v in _PATTERNS.items()}
# A crisis outranks everything; an injection attempt outranks ordinary topics.
_ORDER = ("crisis", "injection", "medical", "legal")


def classify_scope(text: str) -> str | None:
    """Return 'crisis', 'injection', 'medical' or 'legal' when a question needs special handling."""
    for label in _ORDER:
        if any(p.search(text) for p in _COMPILED[label]):
            return label
    return None


def looks_like_instruction(text: str) -> bool:
    """Whether a passage sentence tries to instruct the assistant (a poisoned document)."""
    return any(p.search(text) for p in _COMPILED["injection"])
