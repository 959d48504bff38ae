"""The extractive answer: composed for the question asked from the chosen cards, grounded by construction.

Steps are chosen from the routed card(s) by how close they are to the question (embeddings, not shared
words); a step is paired with a sentence of the article or the related material only when the two say
the same thing; concept questions are explained from their note and the article paragraph it explains.
Every sentence that makes a claim ends in the marker of the passage it was taken from.

This module writes the answer to an advice question from its parts: the opening lines, a coach's exercise,
the steps (``steps.py``), the article link (``article_link.py``), the person's own documents, reflective
questions and the sources; a concept question is answered by ``concept_answer.py``.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from assistant.article_link import article_link
from assistant.author_answer import author_answer, author_lines
from assistant.authors import asks_for_gist
from assistant.citations import Citations, quote_line, sources_list
from assistant.composition import AdviceItem, ComposeInput, Composition, already_said
from assistant.concept_answer import concept_answer
from assistant.evidence import Evidence, stands_alone
from assistant.feelings import acknowledgement
from assistant.overview_answer import overview_answer
from assistant.perspective import fits_asker, for_asker, presumes_unsaid
from assistant.poison import is_poisoned
from assistant.prompts import TEXT
from assistant.steps import choose_steps, numbered_steps
from assistant.text import sentences
from assistant.timing import timing_line


def compose_answer(inp: ComposeInput, translations: dict[str, str]) -> Composition:
    """Compose the answer for a situational, coach, follow-up, concept, author or general question."""
    if inp.author_of:
        if asks_for_gist(inp.question) and inp.cards and inp.cards[0].kind == "concept":
            # "Who wrote it, and what is its core?": the author, then what the article argues.
            what = concept_answer(inp, translations)
            return replace(what, body="\n".join(author_lines(inp)) + "\n\n" + what.body)
        return author_answer(inp, translations)
    if inp.explained:  # a summary of the whole article
        return overview_answer(inp, inp.explained)
    if inp.question_type in ("concept", "meta") and inp.cards and inp.cards[0].kind == "concept":
        return concept_answer(inp, translations)
    return _advice_answer(inp, translations)


def _framing(inp: ComposeInput, cites: Citations) -> list[str]:
    """The opening lines: which situation this sounds like, and one insight into what is often going on."""
    t = TEXT[inp.language]
    cards = [c for c in inp.cards if c.kind == "playbook"]
    if inp.question_type == "follow_up" and cards:
        return []  # the conversation already named the situation: go straight to what is new
    if not cards:
        return [t["no_card"]]
    first = cards[0]
    anchor = first.roles.get("situation", [None])[0]
    opening = (sentences(anchor.text) or [anchor.text])[0] if anchor is not None else ""
    marker = f" {cites.mark(anchor, opening)}" if anchor is not None else ""
    if inp.drafting:
        # "Write an agenda for …": what the extractive answer can do instead, and which advice it comes from.
        key = "draft_from" if inp.decision == "confident" and len(cards) == 1 else "draft_may_fit"
        line = t[key].format(thing=inp.drafting, label=first.label) + marker
    elif inp.decision == "confident" and len(cards) == 1 and inp.asking_for:
        line = t["sounds_like_for"].format(who=inp.asking_for, label=first.label) + marker
    elif inp.decision == "confident" and len(cards) == 1:
        line = t["sounds_like"].format(label=first.label) + marker
    elif len(cards) > 1:
        line = t["may_relate_two"].format(a=first.label, b=cards[1].label) + marker
    else:
        line = t["may_relate"].format(label=first.label) + marker
    lines = [line]
    # One insight from "What is often going on", the sentence closest to what was asked.
    going = [(s, p) for s, p in first.items("going_on") if len(s.split()) >= 6]
    going = [(s, p) for s, p in going if stands_alone(s)] or going  # "For him, …" leans on the sentence before
    if going and inp.question_type != "follow_up":
        sims = inp.rank([s for s, _ in going])
        s, p = going[int(np.argmax(sims))]
        lines.append(t["often"].format(insight=s) + " " + cites.mark(p, s))
    return lines


def _advice_answer(inp: ComposeInput, translations: dict[str, str]) -> Composition:
    t = TEXT[inp.language]
    cites = Citations()
    lines = _framing(inp, cites)
    felt = acknowledgement(inp.question, inp.language)  # "I feel such a failure": the feeling first, in a sentence
    if felt:
        lines.insert(0, felt)
    if not lines:
        lines = [""]
    advice: list[AdviceItem] = []
    used_quotes: set[str] = set()
    if inp.question_type == "coach":
        coach_lines, coach_advice = _coach_exercise(inp, cites)
        lines += coach_lines
        advice += coach_advice
    steps = choose_steps(inp)
    when = timing_line(inp.question, inp.language)
    if steps and when:  # "when do I start with this?": the moment before the steps it points to
        lines = [when] if lines == [""] else lines + [when]
    if steps:
        step_lines, step_advice = numbered_steps(inp, steps, cites, used_quotes, translations)
        lines += step_lines
        advice += step_advice
    elif not inp.cards:
        lines += _general_answer(inp, cites, used_quotes)
    link = article_link(inp, used_quotes, translations)
    if link is not None:
        e, p = link
        lines += ["", f"**{t['article_heading']}**", quote_line(e, inp.language, cites, p, 0)]
    users = [p for p in inp.ranked if p.meta["kind"] == "user" and not is_poisoned(p.text)]
    if users:
        lines += ["", f"**{t['user_docs_heading']}**"]
        for p in users[:2]:
            best = _best_sentence(inp, p.text)
            lines.append(f"- {t['user_doc_intro'].format(title=p.meta['title'], quote=best)} {cites.mark(p, best)}")
    source = inp.cards[:1] or inp.questions_from
    sides = inp.sides()
    questions = [(q, p) for c in source for q, p in c.items("questions") if fits_asker(q, sides)
                 and not already_said(q, inp.previous)
                 and not already_said(for_asker(q, sides, inp.standalone), inp.previous)
                 and (bool(inp.cards) or not presumes_unsaid(q, inp.standalone, inp.language))]
    heading = t["questions_for_heading"].format(who=inp.asking_for) if inp.asking_for else t["questions_heading"]
    lines += ["", f"**{heading}**"]
    if questions:
        sims = inp.rank([q for q, _ in questions])
        for i in sorted(np.argsort(-sims)[:2]):
            q, p = questions[int(i)]
            lines.append(f"- {for_asker(q, sides, inp.standalone)} {cites.mark(p, q)}")
    else:
        lines.append(f"- {t['generic_question']}")
    return Composition("\n".join(lines).strip("\n"), sources_list(cites.items, inp.language), cites.items, advice)


def _coach_exercise(inp: ComposeInput, cites: Citations) -> tuple[list[str], list[AdviceItem]]:
    """For a coach: the card's exercise for a session, each part cited."""
    t = TEXT[inp.language]
    card = next((c for c in inp.cards if c.kind == "playbook"), None)
    if card is None or not card.roles.get("for_coaches"):
        return [], []
    lines = ["", f"**{t['coach_heading']}**"]
    items = []
    for p in card.roles["for_coaches"]:
        text = p.text.strip()
        if is_poisoned(text):
            continue
        marker = cites.number(p, text.splitlines()[0])
        body = "\n".join(line for line in text.splitlines() if line.strip())
        lines.append(f"{body} [{marker}]")
        items.append(AdviceItem(text.splitlines()[0][:200], [marker]))
    lines.append(t["coach_prepare"])
    return lines, items


def _best_sentence(inp: ComposeInput, text: str) -> str:
    """The sentence of ``text`` closest to the question (a person's own document is quoted, not summarised)."""
    sents = [s for s in sentences(text) if not is_poisoned(s)] or [text]
    if len(sents) == 1:
        return sents[0]
    return sents[int(np.argmax(inp.rank(sents)))]


def _general_answer(inp: ComposeInput, cites: Citations, used: set[str]) -> list[str]:
    """No card fits: from the retrieved article and related passages, the sentences closest to the question."""
    t = TEXT[inp.language]
    lines = ["", f"**{t['general_heading']}**"]
    n = 0
    for p in inp.ranked:
        kind = p.meta["kind"]
        if kind not in ("article", "related") or (kind == "related" and p.meta["language"] != inp.language):
            continue
        sents = [x for x in sentences(p.text) if stands_alone(x) and x not in used and not is_poisoned(x)]
        if not sents:
            continue
        best = sents[int(np.argmax(inp.rank(sents)))]
        rendering = ""
        if kind == "article" and p.translation:
            orig, eng = sentences(p.text), sentences(p.translation)
            rendering = eng[orig.index(best)] if len(orig) == len(eng) and best in orig else ""
        used.add(best)
        n += 1
        lines.append(f"{n}. " + quote_line(Evidence(best, p.chunk, rendering), inp.language, cites, p, n))
        if n >= 3:
            break
    return lines if n else []
