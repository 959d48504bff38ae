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
# "make", "create" and "prepare" only with the text close by ("help me prepare for the meeting where …" is no request)
_VERB_EN = (r"((write|draft|compose|formulate|word|phrase|put together|come up with)\b[^.?!]{0,80}?"
            r"|(make|create|prepare)\b(?! sense)( \w+){0,3}? )")
# a Dutch verb first is an imperative, unless a subject follows (a question: "Schrijf ik hem een brief?") or it is
# "stel dat" (suppose)
_VERB_NL = (r"(schrijf|stel(?!\s*(dat\b|,|je voor))|formuleer|maak|bedenk|zet)\b"
            r"(?!\s+(ik|je|jij|we|wij|u|hij|ze|zij)\b)[^.?!]{0,80}?")
_AFTER_NL = r"(opstellen|schrijven|maken|formuleren|verwoorden|bedenken|opzetten|op papier zetten)\b"
_ASK_NL = r"\b((kun|kan|wil|zou) je( me| mij)?( even| helpen( met)?| helpen)?|help (me|mij)( met)?)\b"
# What a leader writes at work. English and Dutch; the noun as the answer names it is the match itself.
_DOCUMENT = (r"\b(e-?mail|mail(tje)?|message|slack message|announcement|agenda|memo|letter"
             r"|note|update|invitation|script|talking points|opening( words)?|post|newsletter|warning( letter)?"
             r"|written warning|text|bericht(je)?|aankondiging|toespraak(je)?|speech|brief(je)?|notitie"
             r"|uitnodiging|tekst|opzet|waarschuwing(sbrief)?|schriftelijke waarschuwing|nieuwsbrief|praatje"
             r"|openingswoord|gespreksopzet|gespreksleidraad)\b")
# Someone at work it is for or about, or a meeting of the team: the text is part of leading them.
_WORKPLACE = (r"\b(team|teams|employees?|staff|colleagues?|co-?workers?|boss|manager|director|board|reports?"
              r"|department|crew|people|workers?|devs?|developers?|engineers?|juniors?|seniors?|guys|nurses?"
              r"|officers?|teachers?|drivers?|planners?|technicians?|interns?|new hire|direct reports?|meeting"
              r"|kick-?off|offsite|one-on-one|1:1|reorgani[sz]ation|medewerkers?|collega'?s?|verpleegkundigen?"
              r"|agenten?|docenten?|monteurs?|stagiair\w*|leidinggevende|directeur|directie|afdeling|personeel"
              r"|teamleden|teamlid|mensen|overleg|teamoverleg|vergadering|werkoverleg|heidag|gesprek|reorganisatie"
              r"|herindeling|organisatie|warning letter|written warning|schriftelijke waarschuwing"
              r"|waarschuwingsbrief)\b")
_REQUEST = re.compile(
    r"(" + _START + r"(" + _COURTESY + r")?" + _VERB_EN + r"|" + _START + _VERB_NL + r"|" + _COURTESY + _VERB_EN
    + r")" + _DOCUMENT + r"|" + _ASK_NL + r"[^.?!]{0,60}?" + _DOCUMENT + r"[^.?!]{0,60}?" + _AFTER_NL
    + r"|\bhelpen met\b[^.?!]{0,30}?" + _DOCUMENT,
    re.IGNORECASE)
# "I have to send him a written warning; could you help with the wording?": the text in one clause, the request
# for help in another.
_WRITE_THE_TEXT = re.compile(r"\b(write|draft|send)\b[^.?!]{0,40}?" + _DOCUMENT + "|" + _DOCUMENT
                             + r"[^.?!]{0,40}?\b(schrijven|opstellen|sturen)\b", re.IGNORECASE)
_HELP_WITH_IT = re.compile(r"\b((can|could|would) you help|help me with (the )?(wording|phrasing|text|it)"
                           r"|help me (word|phrase) it"
                           r"|(kun|kan|wil) je (me |mij )?(daarbij |hierbij |met de formulering )?helpen"
                           r"|help (me|mij) (met de formulering|ermee))\b", re.IGNORECASE)
_DOCUMENT_RE = re.compile(_DOCUMENT, re.IGNORECASE)
_FOR_WORK = re.compile(_WORKPLACE, re.IGNORECASE)


def draft_request(text: str) -> str:
    """The kind of text asked for ("agenda", "mail") when the message asks to draft a text for work; else ""."""
    m = _REQUEST.search(text) or (_WRITE_THE_TEXT.search(text) if _HELP_WITH_IT.search(text) else None)
    if m is None or not _FOR_WORK.search(text):
        return ""
    return [d.group(0) for d in _DOCUMENT_RE.finditer(m.group(0))][-1].lower()
