"""A request to draft something a leader writes at work: a mail to the team, an agenda, an announcement, a warning.

Such a request is a leadership question ("write an agenda for my first team meeting", "kun je een mail opstellen
waarin ik mijn team vertel dat de reorganisatie doorgaat?"): the safety check must not take it for an off-topic
writing job or an instruction to the assistant, and the extractive answer says what it can do instead of drafting
the text word for word (what the text should do, from the advice for the situation).
"""

from __future__ import annotations

import re

# Asking the assistant to write: an imperative at the start of a sentence ("write", "schrijf", "maak een opzet"), or
# "can you …", "help me …" before the verb; Dutch puts the verb after the text ("een mail opstellen").
_START = r"(^|[.?!:;]\s+|,\s*)\W*(please |pls |graag |even |just )?"
_COURTESY = (r"\b((can|could|would|will) you( please)?( help me)?|help me( to)?|i need you to|i'd like you to)\s+")
_VERB_EN = r"(write|draft|compose|prepare|formulate|word|phrase|put together|come up with|make|create)\b"
_VERB_NL = r"(schrijf|stel|formuleer|maak|bedenk|zet)\b"
_AFTER_NL = r"(opstellen|schrijven|maken|formuleren|verwoorden|bedenken|opzetten|op papier zetten)\b"
_ASK_NL = r"\b((kun|kan|wil|zou) je( me| mij)?( even| helpen( met)?| helpen)?|help (me|mij)( met)?)\b"
# What a leader writes at work. English and Dutch; the noun as the answer names it is the match itself.
_DOCUMENT = (r"\b(e-?mail|mail(tje)?|message|slack message|announcement|agenda|speech|memo|letter"
             r"|note|update|invitation|script|talking points|opening( words)?|post|newsletter|warning( letter)?"
             r"|written warning|text|bericht(je)?|aankondiging|toespraak(je)?|speech|brief(je)?|notitie"
             r"|uitnodiging|tekst|opzet|waarschuwing(sbrief)?|schriftelijke waarschuwing|nieuwsbrief|praatje"
             r"|openingswoord|gespreksopzet|gespreksleidraad)\b")
# Someone at work it is for or about, or a meeting of the team: the text is part of leading them.
_WORKPLACE = (r"\b(team|teams|employees?|staff|colleagues?|co-?workers?|boss|manager|director|board|reports?"
              r"|department|crew|people|workers?|meeting|kick-?off|offsite|one-on-one|1:1|reorgani[sz]ation"
              r"|medewerkers?|collega'?s?|leidinggevende|directeur|directie|afdeling|personeel|teamleden|teamlid"
              r"|mensen|overleg|teamoverleg|vergadering|werkoverleg|heidag|gesprek|reorganisatie|herindeling|organisatie)\b")
_REQUEST = re.compile(
    r"(" + _START + r"(" + _COURTESY + r")?" + _VERB_EN + r"|" + _START + _VERB_NL + r"|" + _COURTESY + _VERB_EN
    + r")[^.?!]{0,80}?" + _DOCUMENT + r"|" + _ASK_NL + r"[^.?!]{0,60}?" + _DOCUMENT + r"[^.?!]{0,60}?" + _AFTER_NL
    + r"|\bhelpen met\b[^.?!]{0,30}?" + _DOCUMENT,
    re.IGNORECASE)
_DOCUMENT_RE = re.compile(_DOCUMENT, re.IGNORECASE)
_FOR_WORK = re.compile(_WORKPLACE, re.IGNORECASE)


def draft_request(text: str) -> str:
    """The kind of text asked for ("agenda", "mail") when the message asks to draft a text for work; else ""."""
    m = _REQUEST.search(text)
    if m is None or not _FOR_WORK.search(text):
        return ""
    return [d.group(0) for d in _DOCUMENT_RE.finditer(m.group(0))][-1].lower()
