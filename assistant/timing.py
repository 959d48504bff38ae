"""A short word on timing, said before the advice when the leader asks when to start.

"When do I start with this? We're in the middle of the year-end close", "is nu wel het goede moment?": a coach answers
the question of the moment before the steps, because "later" is where good intentions go. One sentence pair in the
answer's language, for questions that ask when to begin or whether now is the time; nothing otherwise.
"""

from __future__ import annotations

import re

# Asking when to begin, whether now is the time, or whether to wait until a busy period is over.
TIMING = re.compile(
    r"\b(when (should|do|can|would|shall|must) (i|we) (start|begin|pick (this|it) up|get started)"
    r"|when('?s| is) the (right|best|ideal) (time|moment)"
    r"|(is|isn'?t) (now|this|it) (really )?(the|a) (right|good|bad|wrong|sensible) (time|moment)"
    r"|(right|good|bad|wrong) (time|moment) (to|for) (start|begin|do|this|that|it)"
    r"|(should|do|can|shall) (i|we) (wait|hold off) (until|till|for|with)|better to wait|wait until (after|the)"
    r"|wanneer (moet|kan|zal|ga) (ik|we) ((hier|daar|er)mee )?(beginnen|starten|aan de slag)"
    r"|wanneer begin ik|(is|lijkt) (dit|nu|het) (wel |niet |echt )?(het|een) (juiste|goede|verkeerde|slechte|"
    r"handig|geschikte|gunstig) moment|(juiste|goede|geschikte) moment (om|voor)"
    r"|(moet|kan|zal) (ik|we) (niet )?(beter )?wachten (tot|met|op)|beter (nog )?(even )?wachten|wachten tot na)\b",
    re.IGNORECASE)

_LINES = {
    "en": "On timing: a quiet period rarely comes, so waiting for one usually means waiting too long. Start now with "
          "whichever step below takes the least time; if the larger conversation really has to "
          "wait until after the busy weeks, say so now to the people involved and name the date, so that waiting "
          "does not look like looking away.",
    "nl": "Over het moment: een rustige periode komt zelden, dus wie erop wacht, wacht meestal te lang. Begin nu met "
          "de stap hieronder die de minste tijd kost; moet het grotere gesprek echt wachten tot na de "
          "drukke weken, zeg dat dan nu tegen de betrokkenen en noem de datum, zodat wachten niet op wegkijken lijkt.",
}


def asks_when(question: str) -> bool:
    """Whether the question asks when to begin, or whether now is the moment."""
    return bool(TIMING.search(question))


def timing_line(question: str, language: str) -> str:
    """The word on timing for a question that asks when to begin, in ``language`` (en or nl); "" for other questions."""
    if not asks_when(question):
        return ""
    return _LINES.get(language, _LINES["en"])
