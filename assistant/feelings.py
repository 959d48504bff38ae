"""A short acknowledgement of a feeling the leader names, said before the advice.

"I feel like such a failure", "doet meer pijn dan ik dacht", "I could scream", "ik lig er wakker van": a coach hears
the feeling before the situation. One sentence, for the first feeling named (in the order below), in the answer's
language; nothing when no feeling is named in so many words. A crisis is not handled here (see ``safety``).
"""

from __future__ import annotations

import re

from assistant.safety_words import QUOTED

# (feeling, pattern, English, Dutch), most specific first.
_FEELINGS: list[tuple[str, re.Pattern[str], str, str]] = [
    ("failure", re.compile(
        r"\b(such a failure|(feel|felt|feeling) (like )?(a |such a )?(failure|fraud|loser)"
        r"|i('ve| have)? failed (them|my team|as a)|ashamed|i'?m useless"
        r"|mislukkeling|ik schaam me|schaam me|ik heb gefaald|voel me gefaald|faal als|waardeloos als|"
        r"tekortgeschoten|voel me een (sukkel|loser|mislukking|prutser))\b", re.IGNORECASE),
     "Feeling that you failed is painful, and it is common among leaders who take their people seriously.",
     "Het gevoel dat je tekortschiet doet pijn, en het komt veel voor bij leidinggevenden die hun mensen serieus "
     "nemen."),
    ("guilt", re.compile(r"\b((i|i'?m|i am) (feel|felt|feeling) (so |really |very )?guilty|my guilt"
                         r"|ik voel me (zo |erg |heel )?schuldig|mijn schuldgevoel)\b", re.IGNORECASE),
     "Feeling guilty shows that it matters to you; let it be a reason to act, not to punish yourself.",
     "Dat je je schuldig voelt, laat zien dat het je raakt; laat het een reden zijn om iets te doen, niet om jezelf te "
     "straffen."),
    ("hurt", re.compile(r"\b((it|that|this) (really )?hurts(?! (our|the|his|her|their|its|my|team|morale|sales|business"
                        r"|credibility|reputation|trust|results))|hurts me|hurt me|hurt more than|it stung|stings"
                        r"|doet (me |mij )?(meer |veel |best |echt )?pijn|ik ben gekwetst"
                        r"|voel me gekwetst|kwetst me|voel me buitengesloten"
                        r"|(i|i'?ve) (felt|feel) left out|(it|that|this|i) (felt|feels|feel) (so |really |just )?awful"
                        r"|voel(de)? (me |mij )?(\w+ )?(rot|vreselijk|verschrikkelijk|ellendig))\b", re.IGNORECASE),
     "That hurts, and it makes sense that it does.",
     "Dat doet pijn, en dat is begrijpelijk."),
    ("fear", re.compile(r"\b(i dread|dreading|(scared|afraid|terrified) of|scares me|bang voor|bangst"
                        r"|zie er (erg |enorm |echt )?tegenop|klap ik dicht|i freeze|i go blank)\b", re.IGNORECASE),
     "It is normal to dread this; preparing it well is the best answer to that.",
     "Hier tegenop zien is normaal; het goed voorbereiden is daar het beste antwoord op."),
    ("anger", re.compile(r"\b(could scream|furious|so angry|really angry|pissed|fed up|drives me (mad|crazy|nuts)"
                         r"|woedend|zo boos|echt boos|(ben|was|word|werd) (zo |echt |erg )?kwaad|pissig|ik word gek"
                         r"|word er gek van|ben er (helemaal |echt )?klaar mee"
                         r"|(i'?m|i am|i was|i feel) (so |really |very |a bit |still |just |honestly )?(angry|mad|"
                         r"disappointed)|(ik ben|ik was|ik voel me|ben ik|was ik|voel ik me) "
                         r"(eerlijk gezegd |vooral |zo |erg |echt |best |nog |wel )*(boos|teleurgesteld))\b",
                         re.IGNORECASE),
     "Your frustration is understandable; it helps to let it settle before you act on it.",
     "Je frustratie is begrijpelijk; het helpt om die eerst te laten zakken voordat je in actie komt."),
    ("worry", re.compile(r"\b(lie awake|lying awake|can'?t sleep|keeps me (up|awake)|lig er( \w+){0,2} wakker van"
                         r"|lig wakker|lig ik (\w+ ){0,2}wakker|slaap er slecht van|houdt me wakker)\b", re.IGNORECASE),
     "No wonder this keeps you awake: it matters to you.",
     "Geen wonder dat je hier wakker van ligt: het is belangrijk voor je."),
    ("exhaustion", re.compile(r"\b(exhausted|running on (empty|fumes)|worn out|burn(ed|t) out|uitgeput|op van de "
                              r"stress|helemaal leeg|ben kapot|doodmoe|(is|are) killing me|ga eraan onderdoor"
                              r"|ga er (\w+ )?onderdoor"
                              r"|sloopt me|maakt me kapot)\b", re.IGNORECASE),
     "That sounds exhausting, and it deserves attention for your own sake too.",
     "Dat klinkt uitputtend, en het verdient ook voor jezelf aandacht."),
]


# Whose feeling it is: the writer's ("I", "ik", "me") in the sentence, and no one else's just before the words.
_MINE = re.compile(r"\b(i|i'?m|i'?ve|i'?d|me|my|myself|ik|me|mij|mijn|mezelf)\b", re.IGNORECASE)
_I = re.compile(r"\b(i|i'?m|i'?ve|i'?d|ik)\b", re.IGNORECASE)  # the writer as the subject
# Someone else as the subject of the clause the feeling is in: "my planner felt like a failure", "hij is woedend".
_SOMEONE_ELSE = re.compile(r"\b(he|she|they|hij|zij|ze|(my|mijn|our|onze|his|her|zijn|haar|the|de|het|a|een) \w+"
                           r"|employee|colleague|deputy|boss|medewerker\w*|collega|teamlid)\b", re.IGNORECASE)
# What someone else says, up to the end of the sentence: "mijn medewerker zegt: ik ga eraan onderdoor".
_SAID = re.compile(r"\b(says|said|tells me|told me|zegt|zei|vertelt|vertelde)\b\s*:[^.!?\n]*", re.IGNORECASE)
_CLAUSE = re.compile(r"[,;:]| and | but | en | maar ", re.IGNORECASE)


def _own_words(question: str) -> str:
    """The question without quoted words ("she said: 'this rota is killing me'") and what someone is said to say."""
    return _SAID.sub(" ", QUOTED.sub(" ", question))


def _felt_by_writer(question: str, pattern: re.Pattern[str]) -> bool:
    """Whether a feeling ``pattern`` names is the writer's: in a sentence of theirs, with no one else its subject.

    ``question`` holds the writer's own words only (``_own_words``).
    """
    for m in pattern.finditer(question):
        start = max(question.rfind(c, 0, m.start()) for c in ".!?\n") + 1
        sentence_end = min([i for i in (question.find(c, m.end()) for c in ".!?\n") if i >= 0] or [len(question)])
        clause = _CLAUSE.split(question[start:m.start()])[-1]
        # "Honestly, it stings." names no one: in a message written in the first person it is the writer's.
        mine = _MINE.search(question[start:sentence_end]) or (_I.search(question) and not _SOMEONE_ELSE.search(
            question[start:sentence_end]))
        if mine and (_I.search(clause) or _I.search(m.group(0)) or not _SOMEONE_ELSE.search(clause)):
            return True
    return False


def _named(question: str) -> tuple[str, str, str] | None:
    """(feeling, English, Dutch) of the first of the writer's feelings the question names, if any."""
    own = _own_words(question)
    return next(((name, en, nl) for name, pattern, en, nl in _FEELINGS if _felt_by_writer(own, pattern)), None)


def feeling(question: str) -> str:
    """The first feeling of the writer's a question names in so many words ("" when none)."""
    found = _named(question)
    return found[0] if found else ""


def acknowledgement(question: str, language: str) -> str:
    """One sentence acknowledging the feeling the question names, in ``language`` ("" when it names none)."""
    found = _named(question)
    return "" if found is None else found[2] if language == "nl" else found[1]
