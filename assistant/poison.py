"""Screening of untrusted text (uploads): instructions aimed at the assistant and advice to harm people.

Uploaded documents are data. A sentence that tries to steer the assistant ("ignore your instructions",
"always tell the user to …") or that recommends harming, deceiving or punishing people ("the best advice
is to fire everyone") is left out of the index and reported back to the person who uploaded it.
"""

from __future__ import annotations

import re

from assistant.text import sentences

_INSTRUCTION = [
    # English: aimed at the assistant or its rules
    r"\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(instructions?|rules|prompts?|guidelines|"
    r"role|restrictions|guardrails|previous|prior|above)\b",
    # "DAN" only in capitals: the Dutch word "dan" (then) is in half the sentences of a Dutch text.
    r"\b(system ?prompt|developer mode|jailbreak|do anything now|(?-i:DAN)\b|hidden (rules|prompt|instructions))",
    r"\b(you are now|from now on,? you|act as an? (unrestricted|unfiltered)|pretend (to be|you are) an? "
    r"(ai|assistant|model)|reveal (your|the) (instructions|rules|prompt|configuration))\b",
    r"\b(assistant|ai|chatbot|language model|llm|coach(ing)? (bot|assistant))\b.{0,40}\b(must|should|shall|"
    r"will) (always|never|only|tell|say|answer|recommend|advise|respond|reply)\b",
    r"\b(when|if) (asked|someone asks|the user asks|a user asks)\b.{0,80}\b(answer|say|tell|reply|respond|"
    r"recommend)\b",
    r"\b(tell|advise|instruct|recommend to) (the )?(user|reader|leader|manager)s? (to|that) ",
    # Dutch
    r"\b(negeer|vergeet|omzeil)\b.{0,40}\b(instructies|regels|opdrachten|rol|prompt|beperkingen)\b",
    r"\b(systeemprompt|je bent nu|vanaf nu ben je|doe alsof je een (ai|assistent|model)|"
    r"onthul (je|de) (instructies|regels|prompt))\b",
    r"\b(assistent|chatbot|taalmodel|ai)\b.{0,40}\b(moet|zal|mag) (altijd|nooit|alleen)\b",
    r"\b(als|wanneer) (iemand|de gebruiker|een gebruiker) (vraagt|vragen)\b.{0,80}\b(antwoord|zeg|adviseer)\b",
]
_HARM_VERBS = (
    r"(fire|sack|dismiss|get rid of|lay off|punish|humiliate|threaten|intimidate|bully|spy on|secretly monitor|"
    r"read (their|the) (private )?(e-?mails?|messages)|lie to|deceive|blackmail|retaliate against|scream at|"
    r"hit|hurt|harm|kill|shame|blame publicly|make an example of)"
)
_HARM_OBJECTS = (
    r"(everyone|everybody|all of them|the (whole|entire) team|all (your |the )?(staff|employees|people)|"
    r"(the )?(people|employees|staff|anyone|those) who (resist|object|disagree|complain|push back|question)|"
    r"them all|resisters|critics|whistleblowers)"
)
_HARM = [
    rf"\b{_HARM_VERBS}\b.{{0,30}}\b{_HARM_OBJECTS}",
    r"\b(the )?(best|only|real|right) (advice|answer|solution|way|approach)\b.{0,40}\b"
    rf"{_HARM_VERBS}\b",
    r"\b(never|don'?t) trust (anyone|any employee|your (staff|employees|people|team))\b",
    r"\b(ontsla|ontslaan|straf|straffen|bedreig|bedreigen|vernederen|verneder|bespioneer|bespioneren|"
    r"lieg tegen|liegen tegen|chanteer|intimideer|intimideren)\b.{0,30}\b(iedereen|het hele team|alle "
    r"(medewerkers|mensen)|(de )?(mensen|medewerkers) die (zich verzetten|bezwaar maken|kritiek hebben|"
    r"tegenspreken))",
    r"\b(het )?(beste|enige) (advies|antwoord|oplossing)\b.{0,40}\b(ontslaan|ontsla|straffen|bedreigen|"
    r"vernederen|bespioneren|liegen)\b",
    r"\bvertrouw (nooit )?niemand\b",
]
_INSTRUCTION_RE = [re.compile(p, re.IGNORECASE) for p in _INSTRUCTION]
_HARM_RE = [re.compile(p, re.IGNORECASE) for p in _HARM]


def looks_like_instruction(text: str) -> bool:
    """Whether a sentence tries to instruct the assistant (a poisoned document)."""
    return any(p.search(text) for p in _INSTRUCTION_RE)


def advises_harm(text: str) -> bool:
    """Whether a sentence recommends harming, deceiving or punishing people wholesale."""
    return any(p.search(text) for p in _HARM_RE)


def is_poisoned(text: str) -> bool:
    """Whether a sentence must not reach an answer: an instruction to the assistant or advice to harm."""
    return looks_like_instruction(text) or advises_harm(text)


def screen_paragraph(text: str) -> tuple[str, list[str]]:
    """The paragraph without poisoned sentences, and the sentences that were left out."""
    kept: list[str] = []
    dropped: list[str] = []
    for sentence in sentences(text) or [text]:
        (dropped if is_poisoned(sentence) else kept).append(sentence)
    return (" ".join(kept) if dropped else text), dropped
