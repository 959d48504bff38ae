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

# Words that place a question in the world of leading people. A question with none of them needs
# a much higher retrieval relevance to count as covered (see Coach._prepare).
_DOMAIN_WORDS = """
team teams lead leader leaders leadership leading manage manager managers management managing boss
director supervisor staff employee employees people colleague colleagues coworker coworkers
report reports direct coachee coach coaching trust distrust mistrust control controlling check
checking micromanage micromanagement delegate delegating delegation feedback motivation motivated
engagement engaged change changes resistance resist resists vision mission culture innovation
innovate experiment experimenting safety mistake mistakes conflict cooperate cooperation collaborate
collaboration autonomy responsibility ownership initiative urgency organisation organization
department workplace work job promise integrity apology meeting meetings performance remote
leidinggevende leidinggevenden leider leiders leiderschap leiden manager directeur baas
medewerker medewerkers mensen collega collega's team teams coachee coach vertrouwen vertrouw
wantrouwen controle controleren controleer micromanagement delegeren feedback motivatie gemotiveerd
betrokkenheid verandering veranderen weerstand verzet visie missie cultuur innovatie innoveren
experimenteren veiligheid fout fouten conflict samenwerken samenwerking autonomie
verantwoordelijkheid eigenaarschap initiatief urgentie organisatie afdeling werk baan belofte
integriteit excuus overleg prestaties thuiswerken afstand task tasks taak taken loslaten
hire hiring onboarding sollicitatie personeel
"""


def _domain_stems() -> frozenset[str]:
    from assistant.text import query_tokens

    return frozenset(query_tokens(_DOMAIN_WORDS))


_DOMAIN: frozenset[str] | None = None


def mentions_leadership(text: str) -> bool:
    """Whether a question uses any word from the world of leading people (either language)."""
    global _DOMAIN
    from assistant.text import query_tokens

    if _DOMAIN is None:
        _DOMAIN = _domain_stems()
    tokens = set(query_tokens(text))
    # Dutch glues words together (urgentiebesef, teamleider): a domain stem may open a longer word.
    return bool(tokens & _DOMAIN) or any(
        t.startswith(d) for t in tokens for d in _DOMAIN if len(d) >= 5 and len(t) > len(d)
    )
