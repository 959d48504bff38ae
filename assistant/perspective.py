"""Whose side a question is asked from, where a card speaks to more than one side.

A card can address two parties in one relationship: the board card has lines "As executive, …" and "As chair, …".
A CEO asking how to win back the board's confidence should not be told what the chair could do, and a chair should
not get the CEO's homework. A line marked for one side is left out when the question is asked from the other side
only; a question that says nothing about its side (or names both) keeps every line. A reflective question borrowed
from a card that was not chosen must not point at someone the leader never mentioned (``presumes_unsaid``).
"""

from __future__ import annotations

import re

from assistant.text import stem_tokens

# How a card's line says whose it is (English and Dutch cards).
LINE_SIDE = {
    "executive": re.compile(
        r"\b(as (the )?executive|if i am the executive|als (de )?bestuurder|als ik de bestuurder ben)\b",
        re.IGNORECASE),
    "board": re.compile(
        r"\b(as (a )?(board member|chair)|as chair or board member|if i am the board member|as a board member or chair"
        r"|als (lid of )?voorzitter|als voorzitter of lid van de raad|als ik in de raad zit)\b", re.IGNORECASE),
}

# The grief card's lines for one kind of loss: a colleague who died (or was badly hurt), or the leader's own loss. A
# leader whose employee lost a parent gets neither: no funeral to arrange with "the family", no "your own loss".
LINE_SIDE.update({
    "colleague_loss": re.compile(r"^(if a colleague has died|if the colleague died|is een collega overleden"
                                 r"|overleed de collega)\b", re.IGNORECASE),
    "own_loss": re.compile(r"^(if the loss is your own|gaat het om je eigen verlies)\b", re.IGNORECASE),
})

# How a question says which side the leader (or the coachee) is on.
_ME = r"(i'?m|i am|im|ik ben|mijn coachee is|my coachee is)"
ASKER_SIDE = {
    "executive": re.compile(
        r"\b" + _ME + r"( \w+){0,3} (ceo|cfo|coo|director|managing director|executive|founder|bestuurder|directeur"
        r"|directeur-bestuurder|algemeen directeur)\b|\b(ceo|directeur|bestuurder) (here|hier)\b"
        r"|\b(as|als) (ceo|director|managing director|executive|founder|directeur|bestuurder)\b"
        r"|\b(board|raad|rvt|rvc|trustees|commissarissen|toezichthouders)\b.{0,60}\b(in me|me anymore|trust me|mij"
        r"|me niet)\b", re.IGNORECASE),
    "board": re.compile(
        r"\b(i chair|i sit on|i'?m on the|i am on the|i joined the|i'?m the chair|i am the chair"
        r"|ik zit in (de|het) (raad|rvt|rvc|bestuur|toezicht\w*|commissie)|ik ben (de )?voorzitter"
        r"|ik ben lid van (de|het) (raad|rvt|rvc|bestuur)"
        # ("my father chairs the board", "the founders chair the board": someone else's seat; "i chair" is above)
        r"|als voorzitter|as chair|ik ben (lid van de raad|toezichthouder"
        r"|commissaris)|i'?m a (trustee|board member|non-exec\w*|supervisory board member)|as a (trustee|board member))"
        r"|\b(our|onze) (director|ceo|executive|bestuurder|directeur|directeur-bestuurder)\b", re.IGNORECASE),
}


_RELATIVE = (r"(father|mother|dad|mum|mom|husband|wife|partner|son|daughter|child|baby|brother|sister|grandmother"
             r"|grandfather|grandma|grandpa|vader|moeder|man|vrouw|zoon|dochter|kind|kindje|broer|zus|oma|opa"
             r"|echtgenoot|echtgenote)")
_DIED = (r"(died|has died|passed away|has passed|is dying|was killed|were killed|lost (his|her|their) life|overleden"
         r"|overleed|gestorven|stierf|omgekomen|verongelukt)")
_TEAM = (r"(colleague|co-?worker|team ?member|teammate|employee|report|nurse|driver|operator|engineer|agent|teacher"
         r"|collega|medewerker|teamlid|werknemer|verpleegkundige|chauffeur|monteur|docent)")
ASKER_SIDE.update({
    "own_loss": re.compile(r"\b(my|mijn) (own |eigen )?" + _RELATIVE + r"\b[^.?!]{0,40}\b" + _DIED + r"\b"
                           r"|\b(i|ik)( have| heb)? (just |recently |onlangs )?(lost|verloren|verloor) my " + _RELATIVE
                           + r"\b|\bik (ben|heb) (mijn|m'n) " + _RELATIVE + r" (verloren|kwijtgeraakt)\b",
                           re.IGNORECASE),
    "colleague_loss": re.compile(r"\b" + _TEAM + r"s?\b(?!['’])(?! (his|her|their|zijn|haar|hun|van) )[^.?!]{0,40}?\b("
                                 + _DIED + r"|took (his|her|their) own life|badly (hurt|injured)|zwaar gewond)\b",
                                 re.IGNORECASE),
    "relative_loss": re.compile(r"\b(his|her|their|zijn|haar|hun)( \w+)? " + _RELATIVE + r"\b[^.?!]{0,40}\b" + _DIED
                                + r"\b|\b(lost|verloor|verloren) (his|her|their|zijn|haar|hun) " + _RELATIVE + r"\b"
                                r"|\b" + _TEAM + r"s?['’]s? " + _RELATIVE + r"\b[^.?!]{0,40}\b" + _DIED + r"\b"
                                r"|\b(moeder|vader|man|vrouw|partner|zoon|dochter|kind|broer|zus) van (een van )?"
                                r"(mijn|een|onze) " + _TEAM + r"s?\b[^.?!]{0,30}\b" + _DIED + r"\b", re.IGNORECASE),
})


def asker_sides(question: str) -> set[str]:
    """The sides a question is asked from (empty when it does not say).

    For a loss: the leader's own, a colleague who died, or a relative of someone in the team (which is no colleague's
    death: "her mother died" beside "my employee" does not make the employee the one who died).
    """
    sides = {side for side, pattern in ASKER_SIDE.items() if pattern.search(question)}
    if "relative_loss" in sides or "own_loss" in sides:
        sides.discard("colleague_loss")
    return sides


# Sides that exclude each other: the two parties of the board card, the three kinds of loss of the grief card.
SIDE_GROUPS = (frozenset({"executive", "board"}), frozenset({"colleague_loss", "own_loss", "relative_loss"}))


def fits_asker(line: str, sides: set[str] | frozenset[str]) -> bool:
    """Whether a card's line is for the asker: unmarked lines are for everyone, marked ones for their own side.

    ``sides`` from ``asker_sides``: a question from exactly one side of a group (``SIDE_GROUPS``) drops the lines of
    that group's other sides; a question from none or several of them keeps them all.
    """
    marked = {side for side, pattern in LINE_SIDE.items() if pattern.search(line)}
    for group in SIDE_GROUPS:
        mine, theirs = set(sides) & group, marked & group
        if len(mine) == 1 and theirs and not theirs & mine:
            return False
    return True


# The marker as it stands in a line, to leave out when the line is shown to its own side ("As executive, ask the
# chair …" → "Ask the chair …"; "Vraag als bestuurder de voorzitter …" → "Vraag de voorzitter …").
_LEAD = re.compile(r"^(as (the )?executive|as (a )?board member or chair|as chair or board member|as (a )?board member"
                   r"|as chair|if i am the executive|if i am the board member|als ik de bestuurder ben"
                   r"|als ik in de raad zit)[,:]\s+(\w)", re.IGNORECASE)
_INNER = re.compile(r" als (voorzitter of lid van de raad|lid of voorzitter van de raad|bestuurder|voorzitter)\b(?=\s)",
                    re.IGNORECASE)


_CHAIR_ONLY = re.compile(r"^(as chair,|als voorzitter)|\bals voorzitter (de|het|een)\b", re.IGNORECASE)
_ASKS_AS_CHAIR = re.compile(r"\b(chair|chairs|chairing|voorzitter)\b", re.IGNORECASE)


def for_asker(line: str, sides: set[str], question: str = "") -> str:
    """A line as its own side reads it: the marker saying whose line it is left out (other lines as they are).

    A line for the chair alone ("As chair, …") keeps its marker unless the question says the asker chairs: a
    trustee reads it as the chair's step, not as their own.
    """
    sides = set(sides) & SIDE_GROUPS[0]  # only the board card's markers are left out
    if len(sides) != 1 or not any(LINE_SIDE[s].search(line) for s in sides):
        return line
    if _CHAIR_ONLY.search(line) and not _ASKS_AS_CHAIR.search(question):
        return line
    shown = _LEAD.sub(lambda m: m.group(m.lastindex or 0).upper(), line, count=1)
    return _INNER.sub("", shown, count=1) if shown == line else shown


# The people, roles and events a card's reflective question may point at ("my friend", "this newcomer", "the merger"):
# borrowed from a card that was not chosen, such a question fits only when the leader spoke of them too.
_PRESUMED = frozenset(
    "friend newcomer newcomers director board chair executive executives boss ceo manager merger loss grief cuts "
    "layoffs crisis survey person colleague colleagues employee coachee predecessor successor deputy customer client "
    "incident accident complaint conflict reorganisation reorganization change rules protocol "
    "vriend vriendin nieuwkomer nieuwkomers directeur raad voorzitter bestuurder leidinggevende baas fusie verlies "
    "rouw ontslagen bezuinigingen crisis onderzoek persoon collega collega's medewerker coachee voorganger opvolger "
    "klant incident ongeval klacht conflict reorganisatie verandering regels protocol".split())
_REFERENT = re.compile(r"\b(this|that|these|those|my|the|deze|die|dit|dat|mijn|de|het)\s+(\w+(?:'s)?)", re.IGNORECASE)


def presumes_unsaid(question: str, said: str, language: str) -> bool:
    """Whether a card's reflective question points at someone or something the leader never mentioned.

    Borrowed from a card that was not chosen, "What do I give my friend …?" or "… the way I treat this newcomer"
    asks about a friend or a newcomer the leader did not speak of; "What does my team need from me?" fits anyone.
    """
    told = set(stem_tokens(said, language)) | set(stem_tokens(said, "en"))
    for m in _REFERENT.finditer(question):
        word = m.group(2).casefold()
        if word not in _PRESUMED:
            continue
        stems = set(stem_tokens(word, language)) | set(stem_tokens(word, "en"))
        if stems and not stems & told:
            return True
    return False
