"""The extractive answer to a prepared question: what the composer is given, its answer validated, and what it saw."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from assistant.answer import Answer, PreparedQuestion
from assistant.authors import articles_asked, asks_about_author, asks_for_gist
from assistant.composer import compose_answer
from assistant.composition import ComposeInput, Composition
from assistant.conversation import FOLLOW_UP_MAX_WORDS, content_words
from assistant.drafting import draft_request
from assistant.grounding import validate
from assistant.overview_answer import CONCLUSION, OVERVIEW_MIN_NOTES, asks_for_overview, reading_order, wants_overview
from assistant.prompts import CHECK_IN, CHECK_IN_AFTER, CHECK_IN_LOSS, CHECK_IN_SOFT, TEXT
from assistant.proxy import asking_for
from assistant.retrieval import Passage
from assistant.safety_requests import practice
from assistant.safety_words import about_the_article
from assistant.steps import is_pushback

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

    from assistant.context import KnowledgeContext
    from assistant.router import Router


NEARBY_CARDS = 3  # a question no card fits asks the reflective questions of the closest of this many situations


def compose_input(s: PreparedQuestion, knowledge: KnowledgeContext, embeddings: Embeddings) -> ComposeInput:
    """What the composer needs about a prepared question: its cards, passages, evidence and the conversation."""
    previous = "\n".join(t["content"] for t in s.turns if t["role"] == "assistant")
    concept = s.concept
    follow_up = s.route.question_type == "follow_up"
    author_of = articles_asked(s.q, knowledge.articles()) \
        if s.route.question_type == "meta" and asks_about_author(s.q, knowledge.surnames()) else []
    cards = s.cards
    if author_of and asks_for_gist(s.q):
        # Who wrote it and what its core is: the conclusion note explains the core.
        cards = [c for c in [knowledge.card(CONCLUSION, s.language, 1.0)] if c] or s.cards
    router = knowledge.router()
    concepts = {sid for sid, sit in router.situations.items() if sit.kind == "concept"}
    asked = s.route.question_type in ("concept", "meta") or (
        follow_up and about_the_article(s.q, knowledge.surnames()))  # in a conversation about something else
    overview = bool(not author_of and concepts and asked and asks_for_overview(s.q)
                    and wants_overview(s.q, _mixture(router, s.q)))
    explained: dict[str, list[Passage]] = {}
    if overview:
        # "Summarise the article in five points": every note's point, in the article's order, then its ending.
        notes = [c for c in (knowledge.card(sid, s.language, 1.0) for sid in sorted(concepts)) if c]
        explained = {c.id: knowledge.explained(c) for c in notes}
        ordered = reading_order(notes, explained)
        if sum(bool(explained.get(c.id)) for c in ordered) >= OVERVIEW_MIN_NOTES:
            cards = ordered
        else:
            explained = {}
    return ComposeInput(
        # A follow-up's steps are ranked against it together with what it follows; steps already given
        # are left out, so the answer moves on.
        question=s.q, standalone=s.standalone.split(" (context: ")[0] + " " + _context_of(s.standalone)
        if follow_up else s.q,
        language=s.language, decision=s.route.decision, question_type=s.route.question_type, cards=cards,
        ranked=s.result.passages, embed_query=embeddings.embed_query,
        embed_texts=lambda texts: np.asarray(embeddings.embed_documents(texts), dtype=np.float32),
        evidence=knowledge.evidence(),
        article_passages=knowledge.explained(concept) if concept else [],
        # A rehearsal is about how the other person may react: the 'when it gets hard' lines count as on pushback.
        previous=previous, pushback=(s.route.question_type == "follow_up" and is_pushback(s.q)) or practice(s.q),
        asking_for=asked_for(s), drafting=draft_request(s.q),
        author_of=author_of, author_paragraphs=[p for a in author_of for p in knowledge.paragraphs(a.doc_id)],
        explained=explained,
        questions_from=[] if s.cards else [c for sid, _ in s.route.scores[:NEARBY_CARDS]
                                           if (c := knowledge.card(sid, s.language)) and c.kind == "playbook"])


def _mixture(router: Router, question: str) -> list[tuple[str, float]]:
    """The router's shares over every situation and note for ``question``, best first."""
    mix = router.scores(question)
    return sorted(zip(router.ids, (float(x) for x in mix), strict=True), key=lambda r: -r[1])


def compose(s: PreparedQuestion, knowledge: KnowledgeContext, embeddings: Embeddings) -> Composition:
    """The composer's answer to a prepared question (body, sources, citations, advice steps)."""
    return compose_answer(compose_input(s, knowledge, embeddings), knowledge.translations())


def given_ids(inp: ComposeInput) -> list[str]:
    """Ids of the cards, notes and article paragraphs a composer input holds beyond the prepared question's."""
    cards = [*inp.cards, *inp.questions_from]
    return [p.id for c in cards for ps in c.roles.values() for p in ps] + [
        p.id for ps in inp.explained.values() for p in ps]


def extractive_answer(s: PreparedQuestion, knowledge: KnowledgeContext, embeddings: Embeddings) -> Answer:
    """The extractive answer: composed from the cards and passages, its citations checked, notes before it."""
    t = time.perf_counter()
    inp = compose_input(s, knowledge, embeddings)
    comp = compose_answer(inp, knowledge.translations())
    passages = s.context_passages(comp.citations)
    body, grounding = validate(comp.body, {c.marker: [c.text, c.translation]
                                           for c in comp.citations}, exempt=framing_prefixes(s.language),
                               labels=composer_labels(s.language), given=s.standalone, names=knowledge.authors(),
                               thresholds=knowledge.support_thresholds())
    text = s.framed(body, comp.sources)
    timings = dict(s.timings, compose_ms=(time.perf_counter() - t) * 1000)
    return s.answer(text, citations=comp.citations, backend="extractive", passages=passages, grounding=grounding,
                    timings=timings, advice=[a.as_dict() for a in comp.advice],
                    context_ids=handed_ids(s, knowledge, given_ids(inp)))


def handed_ids(s: PreparedQuestion, knowledge: KnowledgeContext, given: Sequence[str] = ()) -> list[str]:
    """Ids of every passage the composer was given before composing.

    That is the retrieved passages, the chosen cards' sections, the evidence pool, the article paragraphs a
    concept note explains, and ``given``: what the composer input added (an overview's notes, the closest
    situations' cards when none was chosen).
    """
    ids = [p.id for p in s.context_passages([])]
    ids += [e.chunk.id for e in knowledge.evidence().pool]
    concept = s.concept
    if concept is not None:
        ids += [p.id for p in knowledge.explained(concept)]
    return list(dict.fromkeys([*ids, *given]))


def framing_prefixes(language: str) -> tuple[str, ...]:
    """Openings of framing lines (situation line, third-language note, check-in) that make no claims."""
    t = TEXT[language]
    return tuple(t[k].split("{")[0] for k in ("sounds_like", "sounds_like_for", "may_relate", "no_card",
                                              "third_language", "author_line", "author_no_bio", "author_no_bio_only",
                                              "author_more")) + (
        CHECK_IN[language][:30], CHECK_IN_LOSS[language][:30], CHECK_IN_SOFT[language][:30],
        CHECK_IN_AFTER[language][:30])


def composer_labels(language: str) -> tuple[str, ...]:
    """Openings the extractive composer writes before a cited sentence; they claim nothing themselves."""
    from assistant.grounding import ATTRIBUTION

    translation = TEXT[language]["article_translation"].split("“")[0]  # "In English: " before the rendering
    return tuple(x for x in (TEXT[language]["often"].split("{")[0], ATTRIBUTION, translation) if x)


def asked_for(s: PreparedQuestion) -> str:
    """Whom the conversation asks for (``proxy.asking_for``).

    This question's person, or for a follow-up the person of the question it follows (the latest turn that stands
    on its own).
    """
    if s.route.question_type == "coach":
        return ""
    own = asking_for(s.q, s.language)
    if own or s.route.question_type != "follow_up":
        return own
    for turn in reversed([t["content"] for t in s.turns if t["role"] == "user"]):
        who = asking_for(turn, s.language)
        if who or len(content_words(turn)) > FOLLOW_UP_MAX_WORDS:  # a turn with a subject of its own ends the search
            return who
    return ""


def _context_of(standalone: str) -> str:
    """The earlier question a deterministic rewrite carries ("… (context: …)"), or ''."""
    return standalone.split(" (context: ", 1)[1].rstrip(")") if " (context: " in standalone else ""
