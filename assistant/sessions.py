"""Session plans for coaches: themes, cited passages, questions, exercises, agenda, follow-up."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.composer import Citations, _quote, source_line
from assistant.language import detect_language
from assistant.poison import is_poisoned as looks_like_instruction
from assistant.text import query_tokens, sentences
from assistant.validation import clean_question

LABELS: dict[str, dict[str, Any]] = {
    "en": dict(title="Session plan", situation="Coachee's situation", goal="Goal", length="Length",
               minutes="minutes", themes="Themes", passages="Key passages", questions="Reflective questions",
               exercises="Exercises", agenda="Agenda", commitments="Commitments to follow up",
               sources="Sources", no_goal="(not given)",
               agenda_items=["Check-in and goal for today", "Explore the situation", "Discuss the key passages",
                             "Exercise", "Commitments and close"],
               exercise_intro="Try this together in the session, then plan it for the coming week:",
               commit=["Which one step will the coachee take before the next session?",
                       "How will the coachee notice that trust has grown?",
                       "When do we look back on this, and what will we look at?"],
               translation="In English"),
    "nl": dict(title="Sessieplan", situation="Situatie van de coachee", goal="Doel", length="Duur",
               minutes="minuten", themes="Thema's", passages="Kernpassages", questions="Reflectievragen",
               exercises="Oefeningen", agenda="Agenda", commitments="Afspraken om op te volgen",
               sources="Bronnen", no_goal="(niet opgegeven)",
               agenda_items=["Check-in en doel van vandaag", "De situatie verkennen", "De kernpassages bespreken",
                             "Oefening", "Afspraken en afsluiting"],
               exercise_intro="Probeer dit samen in de sessie en plan het daarna voor de komende week:",
               commit=["Welke ene stap zet de coachee voor de volgende sessie?",
                       "Waaraan merkt de coachee dat het vertrouwen gegroeid is?",
                       "Wanneer kijken we hierop terug, en waar letten we dan op?"],
               translation="In het Engels"),
}
_AGENDA_SHARES = (0.1, 0.25, 0.2, 0.3, 0.15)


@dataclass
class SessionPlan:
    """A plan for one coaching session, with the citations it rests on."""

    markdown: str
    language: str
    citations: list[Any] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """JSON view for the API."""
        return {"markdown": self.markdown, "language": self.language, "themes": self.themes,
                "citations": [c.as_dict() for c in self.citations]}


def agenda(minutes: int, items: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, item) rows that add up to ``minutes``."""
    rows, start = [], 0
    for n, (share, item) in enumerate(zip(_AGENDA_SHARES, items, strict=True)):
        length = minutes - start if n == len(items) - 1 else max(1, round(minutes * share))
        rows.append((start, start + length, item))
        start += length
    return rows


def prepare_session(assistant: Any, situation: Any, goal: Any = "", minutes: Any = 60,
                    language: str | None = None, viewer: str | None = None) -> SessionPlan:
    """Compose a session plan grounded in retrieved passages; needs no LLM.

    A situation that discloses a risk to someone's life gets the crisis guidance instead of a plan, and
    an attempt to instruct the assistant is refused.
    """
    from assistant.errors import InvalidInputError
    from assistant.prompts import REFERRALS, TEXT
    from assistant.safety import check_message
    from assistant.validation import parse_minutes

    text = clean_question(situation, assistant.settings.max_question_chars)
    if not isinstance(goal, str):
        raise InvalidInputError(f"The goal must be text, not {type(goal).__name__}.")
    goal = clean_question(goal, assistant.settings.max_question_chars) if goal.strip() else ""
    minutes = parse_minutes(minutes)
    lang = language if language in ("en", "nl") else detect_language(text).code
    verdict = check_message(f"{text} {goal}".strip())
    if verdict.category == "crisis":
        return SessionPlan(REFERRALS["crisis_other"][lang] + "\n", lang)
    if verdict.category == "injection":
        return SessionPlan(TEXT[lang]["injection"] + "\n", lang)
    L = LABELS[lang]
    coach = assistant.coach("extractive")
    result = assistant.search(f"{text} {goal}".strip(), 8, viewer=viewer)
    card, related = coach.build_context(result.passages, lang)
    query = set(query_tokens(f"{text} {goal}"))
    cites = Citations()
    themes: list[str] = []
    if card.get("situation") is not None:
        themes.append(card["situation"].meta["title"])
    for p in related:
        if p.meta["title"] not in themes:
            themes.append(p.meta["title"])
    articles = [p for p in result.passages if p.meta["kind"] == "article" and not looks_like_instruction(p.text)]
    for p in articles[:3]:
        if p.meta["section"] and p.meta["section"] not in themes:
            themes.append(p.meta["section"])
    out = [f"# {L['title']}", "", f"**{L['situation']}:** {text}", "",
           f"**{L['goal']}:** {goal.strip() or L['no_goal']}  ", f"**{L['length']}:** {minutes} {L['minutes']}", "",
           f"## {L['themes']}", ""]
    out += [f"- {t}" for t in themes[:5]] + ["", f"## {L['passages']}", ""]
    for p in articles[:3] + related[:1]:
        quote, translation = _quote(p, query)
        line = f"- “{quote}” {cites.mark(p, quote)}"
        if translation and lang == "en":
            line += f"  \n  {L['translation']}: “{translation}”"
        out.append(line)
    out += ["", f"## {L['questions']}", ""]
    qs_chunk = card.get("questions")
    if qs_chunk is not None:
        out += [f"- {q.lstrip('- ').strip()} {cites.mark(qs_chunk)}" for q in qs_chunk.text.splitlines()
                if q.strip() and not looks_like_instruction(q)]
    out += ["", f"## {L['exercises']}", ""]
    tried = card.get("try")
    if tried is not None:
        steps = [s.lstrip("- ").strip() for s in tried.text.splitlines() if s.strip()]
        for n, step in enumerate(steps[:2], start=1):
            out.append(f"{n}. {L['exercise_intro']} {step} {cites.mark(tried, step)}")
    elif articles:
        first = sentences(articles[0].text)[0]
        out.append(f"1. {L['exercise_intro']} “{first}” {cites.mark(articles[0], first)}")
    out += ["", f"## {L['agenda']}", "", "| min | |", "|---|---|"]
    out += [f"| {s}–{e} | {item} |" for s, e, item in agenda(minutes, L["agenda_items"])]
    out += ["", f"## {L['commitments']}", ""] + [f"- [ ] {c}" for c in L["commit"]]
    out += ["", f"## {L['sources']}", ""] + [source_line(c, lang) for c in cites.items]
    return SessionPlan("\n".join(out) + "\n", lang, cites.items, themes[:5])
