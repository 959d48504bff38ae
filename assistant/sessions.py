"""Session plans for coaches: themes, cited passages, questions, exercises, agenda, follow-up."""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.citations import Citations, source_line
from assistant.language import detect_language
from assistant.perspective import asker_sides, fits_asker
from assistant.poison import is_poisoned
from assistant.prompts import TEXT
from assistant.text import query_tokens, sentences
from assistant.validation import clean_question

LABELS: dict[str, dict[str, Any]] = {
    "en": dict(title="Session plan", situation="Coachee's situation", goal="Goal", length="Length",
               minutes="minutes", themes="Themes", passages="Key passages", questions="Reflective questions",
               exercises="Exercises", agenda="Agenda", commitments="Commitments to follow up",
               sources="Sources", no_goal="(not given)",
               agenda_items=["Check-in and goal for today", "Explore the situation", "Discuss the key passages",
                             "Exercise", "Commitments and close"],
               homework="To try before the next session:",
               exercise_short="(its steps take {minutes} min: choose the steps that matter most today)",
               # Each exercise of a plan opens with its own sentence: the first for the plan's first theme (one
               # of three, by theme, so plans read differently), the next for a second theme the session may turn to.
               exercise_intros=(("An exercise for “{theme}”:", "To work on “{theme}” together:",
                                 "For “{theme}”, an exercise to do in the session:"),
                                "If the session turns to “{theme}”, this exercise fits instead:"),
               original="{language} original", languages={"nl": "Dutch", "en": "English"},
               commit=["Which one step will the coachee take before the next session?",
                       "How will the coachee notice that trust has grown?",
                       "When do we look back on this, and what will we look at?"],
               translation="In English", agenda_columns=("min", "what")),
    "nl": dict(title="Sessieplan", situation="Situatie van de coachee", goal="Doel", length="Duur",
               minutes="minuten", themes="Thema's", passages="Kernpassages", questions="Reflectievragen",
               exercises="Oefeningen", agenda="Agenda", commitments="Afspraken om op te volgen",
               sources="Bronnen", no_goal="(niet opgegeven)",
               agenda_items=["Check-in en doel van vandaag", "De situatie verkennen", "De kernpassages bespreken",
                             "Oefening", "Afspraken en afsluiting"],
               homework="Om voor de volgende sessie te proberen:",
               exercise_short="(de stappen duren samen {minutes} min: kies wat vandaag het belangrijkst is)",
               exercise_intros=(("Een oefening bij ‘{theme}’:", "Om in de sessie met ‘{theme}’ aan de slag te gaan:",
                                 "Voor ‘{theme}’ een oefening in de sessie:"),
                                "Gaat de sessie vooral over ‘{theme}’, dan past deze oefening beter:"),
               original="{language} origineel", languages={"nl": "Nederlands", "en": "Engels"},
               commit=["Welke ene stap zet de coachee voor de volgende sessie?",
                       "Waaraan merkt de coachee dat het vertrouwen gegroeid is?",
                       "Wanneer kijken we hierop terug, en waar letten we dan op?"],
               translation="In het Engels", agenda_columns=("min", "wat")),
}
_AGENDA_SHARES = (0.1, 0.25, 0.2, 0.3, 0.15)


@dataclass
class SessionPlan:
    """A plan for one coaching session, with the citations it rests on."""

    markdown: str
    language: str
    citations: list[Any] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    exercises: list[str] = field(default_factory=list)  # each exercise's Markdown, its opening sentence first

    def as_dict(self) -> dict[str, Any]:
        """JSON view for the API."""
        return {"markdown": self.markdown, "language": self.language, "themes": self.themes,
                "citations": [c.as_dict() for c in self.citations]}


_EXERCISE_ITEM = 3  # the agenda's exercise row (``agenda_items``)
_EXERCISE_MAX_SHARE = 0.6  # the exercise never takes more of a session than this: check-in and close stay
_TOTAL_MINUTES = re.compile(r"\*\*[^*\n]+\*\*\s*\((\d{1,3})\s*min", re.IGNORECASE)  # "**Title** (40 minutes)"
_STEP_MINUTES = re.compile(r"^\s*\d+\.\s*\((\d{1,3})\s*min", re.IGNORECASE | re.MULTILINE)  # "2. (10 min) …"


def exercise_minutes(markdown: str) -> int:
    """The minutes an exercise takes.

    The total its title names ("**Title** (40 minutes)"), else what its numbered steps add up to ("1. (5 min) …",
    "2. (10 min) …" give 15); 0 when it names none.
    """
    total = _TOTAL_MINUTES.search(markdown)
    return int(total.group(1)) if total else sum(int(m) for m in _STEP_MINUTES.findall(markdown))


def exercise_cap(minutes: int) -> int:
    """The most minutes the exercise may take of a session of ``minutes`` (``_EXERCISE_MAX_SHARE``)."""
    return round(minutes * _EXERCISE_MAX_SHARE)


def agenda(minutes: int, items: Sequence[str], exercise: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, item) rows that add up to ``minutes``.

    With ``exercise`` (the minutes the plan's exercise takes) the exercise row gets that time, at most
    ``_EXERCISE_MAX_SHARE`` of the session, and the other rows share the rest in their usual proportions.
    """
    shares = list(_AGENDA_SHARES)
    fixed = min(exercise, exercise_cap(minutes)) if exercise > 0 else 0
    if fixed:
        others = sum(shares) - shares[_EXERCISE_ITEM]
        shares = [(fixed / minutes) if n == _EXERCISE_ITEM else share * (1 - fixed / minutes) / others
                  for n, share in enumerate(shares)]
    rows, start = [], 0
    for n, (share, item) in enumerate(zip(shares, items, strict=True)):
        length = fixed if n == _EXERCISE_ITEM and fixed else max(1, round(minutes * share))
        length = minutes - start if n == len(items) - 1 else length
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
    from assistant.prompts import referral_text
    from assistant.safety import check_message
    from assistant.validation import parse_minutes

    text = clean_question(situation, assistant.settings.max_question_chars)
    if not isinstance(goal, str):
        raise InvalidInputError(f"The goal must be text, not {type(goal).__name__}.")
    goal = clean_question(goal, assistant.settings.max_question_chars) if goal.strip() else ""
    minutes = parse_minutes(minutes)
    lang = language if language in ("en", "nl") else detect_language(text).code
    verdict = check_message(f"{text} {goal}".strip(), names=assistant.knowledge.surnames())
    if verdict.category == "crisis":
        # A coach describes a coachee: someone else at risk, never the coach themselves.
        key = {"crisis_self": "crisis_other", "self_harm_self": "self_harm_other"}.get(verdict.referral,
                                                                                    verdict.referral)
        return SessionPlan(referral_text(key, lang, verdict.imminent) + "\n", lang)
    if verdict.category == "injection":
        return SessionPlan(TEXT[lang]["injection"] + "\n", lang)
    L = LABELS[lang]
    query = f"{text} {goal}".strip()
    knowledge = assistant.knowledge
    limits = knowledge.route_thresholds()
    route = knowledge.router().route(query, thresholds=limits)
    ranked = [(sid, p) for sid, p in route.scores if knowledge.router().situations[sid].kind == "playbook"][:2]
    # A second theme only when it is close to the first (as the router blends): a plan about a leader who checks
    # everything should not also be about being micromanaged.
    situations = [sid for n, (sid, p) in enumerate(ranked) if n == 0 or p >= limits.blend * ranked[0][1]]
    cards = [c for c in (knowledge.card(sid, lang) for sid in situations) if c is not None]
    sides = asker_sides(query)  # the coachee's side where a card speaks to two (a CEO or a chair)
    card = cards[0] if cards else None
    result = assistant.search(query, 8, viewer=viewer)
    cites = Citations()
    themes = [knowledge.label(sid, lang) for sid in situations]
    out = [f"# {L['title']}", "", f"**{L['situation']}:** {text}", "",
           f"**{L['goal']}:** {goal.strip() or L['no_goal']}  ", f"**{L['length']}:** {minutes} {L['minutes']}", "",
           f"## {L['themes']}", ""]
    out += [f"- {t}" for t in themes] + ["", f"## {L['passages']}", ""]
    supports = [p for p in _supported(assistant, card)] if card else []
    articles = supports or [p for p in result.passages if p.meta["kind"] == "article" and not is_poisoned(p.text)]
    qvec = set(query_tokens(query))
    for p in articles[:3]:
        sents = [x for x in sentences(p.text) if not x.endswith("?")] or [p.text]
        best = max(sents, key=lambda x: len(set(query_tokens(x)) & qvec))
        line = f"- “{best}” {cites.mark(p, best)}"
        rendering = sentences(p.translation) if p.translation else []
        if lang == "en" and len(rendering) == len(sentences(p.text)):
            line += f"  \n  {L['translation']}: “{rendering[sentences(p.text).index(best)]}”" if best in \
                sentences(p.text) else ""
        out.append(line)
    out += ["", f"## {L['questions']}", ""]
    if card is not None:
        out += [f"- {q} {cites.mark(p, q)}" for q, p in card.items("questions") if fits_asker(q, sides)]
    out += ["", f"## {L['exercises']}", ""]
    exercises = exercise_blocks(cards, themes, lang, cites)
    out += "\n\n".join(exercises).splitlines()
    if card is not None and card.roles.get("for_coaches"):
        steps = [(s, p) for s, p in card.items("try") if fits_asker(s, sides)]
        if steps:
            step, p = steps[0]
            out += ["", f"{L['homework']} {step} {cites.mark(p, step)}"]
    out += ["", f"## {L['agenda']}", "", "| {} | {} |".format(*L["agenda_columns"]), "|---|---|"]
    # The exercise row is as long as the first exercise's steps; a session too short for them says so.
    needed = exercise_minutes(exercises[0]) if exercises else 0
    items = list(L["agenda_items"])
    if needed > exercise_cap(minutes):
        items[_EXERCISE_ITEM] += " " + L["exercise_short"].format(minutes=needed)
    out += [f"| {s}–{e} | {item} |" for s, e, item in agenda(minutes, items, needed)]
    out += ["", f"## {L['commitments']}", ""] + [f"- [ ] {c}" for c in L["commit"]]
    rendered = rendered_sections(assistant.index.chunks())
    out += ["", f"## {L['sources']}", ""] + [plan_source_line(c, lang, rendered) for c in cites.items]
    return SessionPlan("\n".join(out) + "\n", lang, cites.items, themes[:5], exercises)


def exercise_blocks(cards: Sequence[Any], themes: Sequence[str], language: str, cites: Citations) -> list[str]:
    """One exercise per theme whose card has one, each opening with its own sentence, every part cited.

    The parts of a card's exercise (its title, its steps, its debrief) stay paragraphs of their own: run together,
    the debrief would read as part of the last step.
    """
    firsts, then = LABELS[language]["exercise_intros"]
    blocks = []
    for n, (card, theme) in enumerate(zip(cards[:2], themes, strict=False)):
        parts = [p for p in card.roles.get("for_coaches", []) if not is_poisoned(p.text)]
        if not parts:
            continue
        intro = firsts[zlib.crc32(theme.encode()) % len(firsts)] if n == 0 else then
        lines = [intro.format(theme=theme)]
        for p in parts:
            body = "\n".join(line for line in p.text.splitlines() if line.strip())
            lines += ["", f"{body} {cites.mark(p, p.text.splitlines()[0])}"]
        blocks.append("\n".join(lines))
    return blocks


def rendered_sections(chunks: dict[str, Any]) -> dict[tuple[str, int], str]:
    """The section names of each rendering of an original, by (original document, section number)."""
    return {(str(m["translation_of"]), int(m["section_no"])): str(m["section"])
            for m in (c.metadata for c in chunks.values())
            if m.get("kind") == "translation" and m.get("translation_of")}


def plan_source_line(c: Any, language: str, rendered: dict[tuple[str, int], str]) -> str:
    """A plan's source line in the plan's language (the section of an original named as its rendering names it)."""
    m = c.passage.meta
    section = rendered.get((str(m.get("doc_id")), int(m.get("section_no", -1))))
    if m.get("language") == language or section is None:
        return source_line(c, language)
    L = LABELS[language]
    original = L["original"].format(language=L["languages"].get(m["language"], m["language"]))
    named = section or TEXT[language]["intro"]
    return f"- [{c.marker}] {m['title']} ({original}) — {named} ¶{m['paragraph']}"


def _supported(assistant: Any, card: Any) -> list[Any]:
    """The article paragraphs a card names in ``supports``, with their English rendering."""
    from assistant.playbook import resolve_support
    from assistant.retrieval import Passage

    first = next((p for ps in card.roles.values() for p in ps), None)
    if first is None:
        return []
    translations = assistant.knowledge.translations()
    found = resolve_support(assistant.index, first.chunk)
    return [Passage(c, 1.0, 0, None, 0.0, translations.get(c.id, "")) for c in found
            if c.metadata.get("kind") in ("article", "translation")]
