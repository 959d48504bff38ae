"""Who a question is asked for: a leader's situation told by a partner, relative or friend.

"My sister just became head nurse and her old colleagues ignore her; what can she do?" is answered for the sister:
the situation line names her and the headings say what *she* could try, so the writer can pass it on. The steps
stay as the card writes them (to the leader), which reads naturally as advice to hand over.

Only a family member or friend counts, named early as the one who leads (``my husband runs``, ``mijn zus is
teamleider geworden``, ``my husband's team``), with the question asked about them ("what can she do", "hoe kan
hij"); never when the writer speaks of a team of their own ("my team", "reports to me", "my boss") or the relative
has an opinion of the writer ("my wife says I never delegate"). A colleague or a coachee is left alone: a peer's
situation is often the writer's own, and coaches have their own wording (``question_type == "coach"``).
"""

from __future__ import annotations

import re

# The relation as written in English and in Dutch, and how the answer names it in each language.
_FAMILY: dict[str, tuple[str, str]] = {
    "husband": ("your husband", "je man"), "wife": ("your wife", "je vrouw"),
    "partner": ("your partner", "je partner"), "sister": ("your sister", "je zus"),
    "brother": ("your brother", "je broer"), "son": ("your son", "je zoon"),
    "daughter": ("your daughter", "je dochter"), "friend": ("your friend", "je vriend(in)"),
    "mother": ("your mother", "je moeder"), "mum": ("your mother", "je moeder"), "mom": ("your mother", "je moeder"),
    "father": ("your father", "je vader"), "dad": ("your father", "je vader"),
    "boyfriend": ("your partner", "je partner"), "girlfriend": ("your partner", "je partner"),
    "fiance": ("your partner", "je partner"), "fiancé": ("your partner", "je partner"),
    "fiancée": ("your partner", "je partner"),
    "sister-in-law": ("your sister-in-law", "je schoonzus"), "sister in law": ("your sister-in-law", "je schoonzus"),
    "brother-in-law": ("your brother-in-law", "je zwager"), "brother in law": ("your brother-in-law", "je zwager"),
}
_FAMILIE: dict[str, tuple[str, str]] = {
    "man": ("your husband", "je man"), "vrouw": ("your wife", "je vrouw"), "partner": ("your partner", "je partner"),
    "zus": ("your sister", "je zus"), "zusje": ("your sister", "je zus"), "broer": ("your brother", "je broer"),
    "zoon": ("your son", "je zoon"), "dochter": ("your daughter", "je dochter"),
    "vriend": ("your friend", "je vriend"), "vriendin": ("your friend", "je vriendin"),
    "moeder": ("your mother", "je moeder"), "vader": ("your father", "je vader"),
    "echtgenoot": ("your husband", "je man"), "echtgenote": ("your wife", "je vrouw"),
    "schoonzus": ("your sister-in-law", "je schoonzus"), "zwager": ("your brother-in-law", "je zwager"),
}


def _alternatives(words: dict[str, tuple[str, str]]) -> str:
    """A regex alternation of ``words``, longest first (so "brother in law" wins over "brother")."""
    return "|".join(sorted(words, key=len, reverse=True))


_NAMED = re.compile(rf"\bmy (?:best )?({_alternatives(_FAMILY)})\b"
                    rf"|\b(?:mijn|m'n) (?:beste )?({_alternatives(_FAMILIE)})\b", re.IGNORECASE)
# ... and named as the one who leads: "my husband runs the crew", "my sister just became head nurse", "my
# husband's team", "mijn zus is teamleider geworden". A relative who is ill, got laid off or has an opinion of the
# writer is not the leader of the situation.
_ROLE = (r"(manager|lead|leader|head|director|supervisor|boss|chef|foreman|team ?lead|ceo|owner|principal|coordinator"
         r"|founder|captain|superintendent|teamleider|leidinggevende|directeur|hoofd|baas|voorman|co[öo]rdinator"
         r"|afdelingshoofd|ploegleider|bedrijfsleider|eigenaar|filiaalmanager|hoofdverpleegkundige|leider)")
_LEADS = re.compile(
    r"('s|s) (team|staff|crew|people|department|employees|reports)\b"
    r"|\s+(\w+\s+){0,2}?(leads|manages|runs|heads|supervises|took over|got promoted|was promoted|has been promoted"
    r"|leidt|managet|runt|geeft leiding|stuurt)\b"
    r"|\s+(\w+\s+){0,2}?(is|was|became|has become|has been|starts|started|is starting|got a job as|werd|wordt)\b"
    r"[^.?!]{0,40}?\b" + _ROLE
    + r"\w*\b", re.IGNORECASE)
# The question is about what they can do or how to help them.
_ASKED_FOR = re.compile(
    r"\b(how|what) (can|could|should|does|do|would|might|must)\s+(he|she)\b|\b(help|advise|support)\s+(him|her)\b"
    r"|\b(he|she) (can|could|should|might) (do|say|try|handle|approach|tackle)\b"
    r"|\b(hoe|wat) (kan|kon|moet|zou|mag)\s+(hij|zij|ze)\b|\b(hem|haar) (helpen|adviseren|aanraden)\b"
    # a yes/no question about them: "Should she ...?", "Moet hij ...?"
    r"|(^|[.?!:]\s+)(should|can|could|would|must|kan|moet|zou|mag)\s+(he|she|hij|zij|ze)\b",
    re.IGNORECASE)
# The relative's opinion of the writer: the writer's own situation ("my wife says I never delegate")
_ABOUT_THE_WRITER = re.compile(r"\b(says|said|thinks|thought|tells me|told me|feels|vindt|zegt|zei|denkt|vond)"
                               r"( that| dat)? (i|ik|me|mij)\b", re.IGNORECASE)
# The writer's own team: the writer is the leader, whoever else is mentioned.
_OWN_TEAM = re.compile(
    r"\b(my|our) (team|teams|staff|crew|reports|direct reports|department|employees|people|unit)\b"
    r"|\bI (manage|lead|run|supervise|head)\b|\b(mijn|ons|onze|m'n) (team|teams|afdeling|medewerkers|mensen)\b"
    r"|\bik (leid|manage|geef leiding)\b|\breports? to me\b|\bmy (deputy|boss|manager|director)\b"
    r"|\b(mijn|m'n) (baas|leidinggevende|directeur|manager)\b|\baan mij (rapporteert|rapporteren)\b",
    re.IGNORECASE)
NAMED_WITHIN = 200  # characters: the person is introduced at the start, not in passing later on


def asking_for(question: str, language: str) -> str:
    """Whom the question is asked for, as the answer names them ("your sister", "je zus"), or "" for the writer."""
    named = _NAMED.search(question[:NAMED_WITHIN])
    if named is None or not _LEADS.match(question, named.end()) or not _ASKED_FOR.search(question) \
            or _OWN_TEAM.search(question) or _ABOUT_THE_WRITER.search(question):
        return ""
    english, dutch = named.groups()
    table, relation = (_FAMILY, english) if english else (_FAMILIE, dutch)
    en, nl = table.get(relation.lower(), ("the person you are asking for", "degene voor wie je het vraagt"))
    return nl if language == "nl" else en


def for_the_model(who: str, language: str) -> str:
    """The same person named for an LLM, in the third person ("your sister" -> "the writer's sister")."""
    if language == "nl":
        return f"de {who.removeprefix('je ')} van de schrijver" if who.startswith("je ") else "degene voor wie de " \
            "schrijver het vraagt"
    return f"the writer's {who.removeprefix('your ')}" if who.startswith("your ") else "the person the writer asks for"
