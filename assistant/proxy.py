"""Who a question is asked for: a leader's situation told by a partner, relative or friend.

"My sister just became head nurse and her old colleagues ignore her; what can she do?" is answered for the sister:
the situation line names her and the headings say what *she* could try, so the writer can pass it on. The steps
stay as the card writes them (to the leader), which reads naturally as advice to hand over.

Only a family member or friend counts, named early (``my husband``, ``mijn zus``), with the question asked about
them ("what can she do", "hoe kan hij"), and never when the writer speaks of a team of their own ("my team").
A colleague or a coachee is left alone: a peer's situation is often the writer's own, and coaches have their own
wording (``question_type == "coach"``).
"""

from __future__ import annotations

import re

# The relation as written, and how the answer names it in English and in Dutch.
_RELATIONS: dict[str, tuple[str, str]] = {
    "husband": ("your husband", "je man"), "wife": ("your wife", "je vrouw"),
    "partner": ("your partner", "je partner"), "sister": ("your sister", "je zus"),
    "brother": ("your brother", "je broer"), "son": ("your son", "je zoon"),
    "daughter": ("your daughter", "je dochter"), "friend": ("your friend", "je vriend(in)"),
    "best friend": ("your friend", "je vriend(in)"), "mother": ("your mother", "je moeder"),
    "mum": ("your mother", "je moeder"), "mom": ("your mother", "je moeder"),
    "father": ("your father", "je vader"), "dad": ("your father", "je vader"),
    "boyfriend": ("your partner", "je partner"), "girlfriend": ("your partner", "je partner"),
    "fiance": ("your partner", "je partner"), "fiancé": ("your partner", "je partner"),
    "fiancée": ("your partner", "je partner"),
    "man": ("your husband", "je man"), "vrouw": ("your wife", "je vrouw"), "zus": ("your sister", "je zus"),
    "zusje": ("your sister", "je zus"), "broer": ("your brother", "je broer"), "zoon": ("your son", "je zoon"),
    "dochter": ("your daughter", "je dochter"), "vriend": ("your friend", "je vriend"),
    "vriendin": ("your friend", "je vriendin"), "moeder": ("your mother", "je moeder"),
    "vader": ("your father", "je vader"), "echtgenoot": ("your husband", "je man"),
    "echtgenote": ("your wife", "je vrouw"), "schoonzus": ("your sister-in-law", "je schoonzus"),
    "zwager": ("your brother-in-law", "je zwager"), "sister-in-law": ("your sister-in-law", "je schoonzus"),
    "brother-in-law": ("your brother-in-law", "je zwager"), "sister in law": ("your sister-in-law", "je schoonzus"),
    "brother in law": ("your brother-in-law", "je zwager"),
}
_DUTCH = ("man", "vrouw", "zus", "zusje", "broer", "zoon", "dochter", "vriend", "vriendin", "moeder", "vader",
          "echtgenoot", "echtgenote", "schoonzus", "zwager")
_EN = "|".join(sorted((k for k in _RELATIONS if k not in _DUTCH), key=len, reverse=True))
_NL = "|".join(sorted((*_DUTCH, "partner"), key=len, reverse=True))
_NAMED = re.compile(rf"\bmy ({_EN})\b|\bmijn ({_NL})\b|\bm'n ({_NL})\b", re.IGNORECASE)
# The question is about what they can do or how to help them.
_ASKED_FOR = re.compile(
    r"\b(can|could|should|does|do|would|will|might|must)\s+(he|she|they)\b|\b(help|advise|tell|support)\s+(him|her)\b"
    r"|\b(he|she) (can|could|should|might) (do|say|try|handle|approach|tackle)\b|\bfor (him|her)\b"
    r"|\b(kan|kon|moet|zou|mag)\s+(hij|zij|ze)\b|\b(hem|haar) (helpen|adviseren|aanraden|zeggen)\b|\bvoor (hem|haar)\b",
    re.IGNORECASE)
# The writer's own team: the writer is the leader, whoever else is mentioned.
_OWN_TEAM = re.compile(
    r"\b(my|our) (team|teams|staff|crew|reports|direct reports|department|employees|people|unit)\b"
    r"|\bI (manage|lead|run|supervise|head)\b|\b(mijn|ons|onze|m'n) (team|teams|afdeling|medewerkers|mensen)\b"
    r"|\bik (leid|manage|geef leiding)\b", re.IGNORECASE)
NAMED_WITHIN = 200  # characters: the person is introduced at the start, not in passing later on


def asking_for(question: str, language: str) -> str:
    """Whom the question is asked for, as the answer names them ("your sister", "je zus"), or "" for the writer."""
    named = _NAMED.search(question[:NAMED_WITHIN])
    if named is None or not _ASKED_FOR.search(question) or _OWN_TEAM.search(question):
        return ""
    relation = next(g for g in named.groups() if g).lower()
    en, nl = _RELATIONS.get(relation, ("the person you are asking for", "degene voor wie je het vraagt"))
    return nl if language == "nl" else en
