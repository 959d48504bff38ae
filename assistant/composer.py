"""The extractive answer: composed for the question asked from the chosen cards, grounded by construction.

Steps are chosen from the routed card(s) by how close they are to the question (embeddings, not shared
words); a step is paired with a sentence of the article or the related material only when the two say
the same thing; concept questions are explained from their note and the article paragraph it explains.
Every sentence that makes a claim ends in the marker of the passage it was taken from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.embeddings import unit_rows
from assistant.evidence import Evidence, EvidenceIndex
from assistant.playbook import bullets
from assistant.poison import is_poisoned
from assistant.prompts import ARTICLE_INTROS, TEXT
from assistant.retrieval import Passage
from assistant.text import sentences


@dataclass
class Citation:
    """A numbered reference from the answer to a passage, with the sentence that supports the claim."""

    marker: int
    passage: Passage
    sentence: str = ""
    parts: list[Passage] = field(default_factory=list)  # further chunks of the same paragraph, cited as one

    @property
    def text(self) -> str:
        """The cited paragraph: the passage and any further chunks of it the answer quotes."""
        return "\n".join([self.passage.text, *(p.text for p in self.parts)])

    @property
    def translation(self) -> str:
        """The paragraph's rendering in the other language, where there is one."""
        return "\n".join(t for t in [self.passage.translation, *(p.translation for p in self.parts)] if t)

    def as_dict(self) -> dict[str, Any]:
        """JSON view: marker, id, text, title, section, paragraph, source, supporting sentence."""
        m = self.passage.meta
        return {
            "marker": self.marker, "id": self.passage.id, "text": self.text, "title": m["title"],
            "section": m["section"], "paragraph": m["paragraph"], "source": m["source"],
            "kind": m["kind"], "language": m["language"], "sentence": self.sentence,
            "translation": self.translation, "part_ids": [p.id for p in self.parts],
        }


@dataclass
class AdviceItem:
    """One step of advice, the markers it cites, and the evidence sentence paired with it (if aligned)."""

    step: str
    citations: list[int]
    evidence: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON view."""
        return {"step": self.step, "citations": self.citations, "evidence": self.evidence}


@dataclass
class Composition:
    """An answer body, its sources list, the citations it uses and its advice steps."""

    body: str
    sources: str
    citations: list[Citation] = field(default_factory=list)
    advice: list[AdviceItem] = field(default_factory=list)


def source_line(c: Citation, language: str) -> str:
    """`[n] Title — Section ¶p` for the sources list."""
    m = c.passage.meta
    section = m["section"] or TEXT[language]["intro"]
    return f"- [{c.marker}] {m['title']} — {section} ¶{m['paragraph']}"


class Citations:
    """Hands out marker numbers in order of first use."""

    def __init__(self) -> None:
        self.items: list[Citation] = []

    def mark(self, passage: Passage, sentence: str = "") -> str:
        """The marker for ``passage``, creating it on first use."""
        return f"[{self.number(passage, sentence)}]"

    def number(self, passage: Passage, sentence: str = "") -> int:
        """The marker number for ``passage``."""
        for c in self.items:
            # Parts of one paragraph (a long section split into chunks) share one marker and one source line.
            if c.passage.id == passage.id or c.passage.meta.get("anchor") == passage.meta.get("anchor"):
                if c.passage.id != passage.id and all(p.id != passage.id for p in c.parts):
                    c.parts.append(passage)
                if sentence and not c.sentence:
                    c.sentence = sentence
                return c.marker
        self.items.append(Citation(len(self.items) + 1, passage, sentence))
        return len(self.items)


@dataclass
class Card:
    """A routed situation card or concept note in the answer language: its sections by role."""

    id: str
    label: str
    kind: str  # playbook | concept
    roles: dict[str, list[Passage]]
    confidence: float = 0.0

    def items(self, role: str) -> list[tuple[str, Passage]]:
        """The bullets of a section (or its sentences, for prose), each with its passage."""
        out: list[tuple[str, Passage]] = []
        for p in self.roles.get(role, []):
            found = bullets(p.text) or [s for s in sentences(p.text) if s.strip()]
            out += [(b, p) for b in found if not is_poisoned(b)]
        return out


@dataclass
class ComposeInput:
    """What the composer needs about one question."""

    question: str  # what the person asked this turn
    standalone: str  # the question with the conversation's context
    language: str
    decision: str  # confident | blend | none
    question_type: str
    cards: list[Card]
    ranked: list[Passage]
    embed_query: Callable[[str], Sequence[float]]
    embed_texts: Callable[[list[str]], np.ndarray]
    evidence: EvidenceIndex | None
    article_passages: list[Passage] = field(default_factory=list)  # for concept notes, in reading order
    previous: str = ""  # the previous answers of this conversation
    questions_from: Card | None = None  # where reflective questions come from when no card was chosen
    _qvec: np.ndarray | None = None

    def question_vector(self) -> np.ndarray:
        """The question's embedding (as a query), computed once."""
        if self._qvec is None:
            self._qvec = _unit(self.embed_query(self.standalone))
        return self._qvec
    pushback: bool = False  # the question is about resistance, defensiveness, a no, or nothing changing


PUSHBACK_BONUS = 0.08  # on "and what if she says no?", the card's 'when it gets hard' lines come first
CONCEPT_EXTRA_MIN = 0.86  # question-to-sentence similarity for quoting one more article paragraph
CONCEPT_QUOTE_SENTENCES = 1  # article sentences quoted per paragraph under a concept note
# The card's best article sentence is linked when it is apt for this question: either absolutely (e5 query/passage
# similarity less the sentence's hubness of at least ARTICLE_LINK_MIN) or relatively (ARTICLE_LINK_MARGIN standard
# deviations above the median of the question's similarities to all article sentences). The relative rule is for
# English questions, which score ~0.03 lower against the English renderings than Dutch ones against the
# originals: with the absolute rule alone the article was linked under 49% of Dutch test answers and 4% of English.
ARTICLE_LINK_MIN = 0.84
ARTICLE_LINK_MARGIN = 2.0


def _join_quoted(sents: list[str], picked: list[int]) -> str:
    """Sentences of one paragraph in reading order, with an ellipsis where sentences were left out."""
    out = ""
    for n, i in enumerate(picked):
        out += sents[i] if n == 0 else (" " if i == picked[n - 1] + 1 else " … ") + sents[i]
    return out


def _unit(v: Any) -> np.ndarray:
    a = np.asarray(v, dtype=np.float32)
    n = float(np.linalg.norm(a))
    return a / n if n else a


def _rank(inp: ComposeInput, texts: list[str]) -> np.ndarray:
    """Similarity of the question to each text (question as query, texts as passages)."""
    if not texts:
        return np.zeros(0)
    q = inp.question_vector()
    return np.asarray(unit_rows(inp.embed_texts(texts)) @ q)


def _already_said(text: str, previous: str) -> bool:
    return bool(previous) and text[:60] in previous


def _quote_line(e: Evidence, language: str, cites: Citations, passage: Passage, n: int) -> str:
    t = TEXT[language]
    kind = e.chunk.metadata.get("kind")
    if kind == "article":
        intros = ARTICLE_INTROS[language]
        intro = intros[n % len(intros)]
        line = intro.format(quote=e.text)
        if language == "en" and e.translation:
            line += " " + t["article_translation"].format(translation=e.translation)
    else:
        line = t["related_intro"].format(title=e.chunk.metadata["title"], sentence=e.text)
    return f"{line} {cites.mark(passage, e.text)}"


def _passage(chunk: Any, translations: dict[str, str]) -> Passage:
    return Passage(chunk, 0.0, 0, None, 0.0, translations.get(chunk.id, ""))


def compose_answer(inp: ComposeInput, translations: dict[str, str]) -> Composition:
    """Compose the answer for a situational, coach, follow-up, concept or general question."""
    if inp.question_type in ("concept", "meta") and inp.cards and inp.cards[0].kind == "concept":
        return _concept_answer(inp, translations)
    return _advice_answer(inp, translations)


def _framing(inp: ComposeInput, cites: Citations) -> list[str]:
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
    if inp.decision == "confident" and len(cards) == 1:
        line = t["sounds_like"].format(label=first.label) + marker
    elif len(cards) > 1:
        line = t["may_relate_two"].format(a=first.label, b=cards[1].label) + marker
    else:
        line = t["may_relate"].format(label=first.label) + marker
    lines = [line]
    # One insight from "What is often going on", the sentence closest to what was asked.
    going = [(s, p) for s, p in first.items("going_on") if len(s.split()) >= 6]
    if going and inp.question_type != "follow_up":
        sims = _rank(inp, [s for s, _ in going])
        s, p = going[int(np.argmax(sims))]
        lines.append(t["often"].format(insight=s) + " " + cites.mark(p, s))
    return lines


def _choose_steps(inp: ComposeInput) -> list[tuple[str, Passage, str]]:
    """3–4 steps that fit the question best, across the chosen cards; 'when it gets hard' on pushback."""
    cards = [c for c in inp.cards if c.kind == "playbook"]
    pool: list[tuple[str, Passage, str, int]] = []
    for n, card in enumerate(cards):
        role_order = ("when_hard", "try") if inp.pushback or inp.question_type == "follow_up" else ("try",)
        for role in role_order:
            pool += [(s, p, role, n) for s, p in card.items(role) if not _already_said(s, inp.previous)]
    if not pool:
        return []
    sims = _rank(inp, [s for s, _, _, _ in pool])
    # The second card of a blend counts a little less; on pushback, "when it gets hard" counts more.
    bonus = np.array([(-0.02 * n) + (PUSHBACK_BONUS if role == "when_hard" and inp.pushback else 0.0)
                      for _, _, role, n in pool])
    order = np.argsort(-(sims + bonus))
    want = 4 if len(inp.standalone.split()) > 40 else 3
    chosen: list[tuple[str, Passage, str]] = []
    per_card: dict[int, int] = {}
    for i in order:
        s, p, role, n = pool[int(i)]
        if len(cards) > 1 and per_card.get(n, 0) >= (1 if n else want - 1):
            continue  # a blend takes most steps from the first card and one from the second
        chosen.append((s, p, role))
        per_card[n] = per_card.get(n, 0) + 1
        if len(chosen) >= want:
            break
    return chosen


def _advice_answer(inp: ComposeInput, translations: dict[str, str]) -> Composition:
    t = TEXT[inp.language]
    cites = Citations()
    lines = _framing(inp, cites)
    if not lines:
        lines = [""]
    advice: list[AdviceItem] = []
    used_quotes: set[str] = set()
    if inp.question_type == "coach":
        coach_lines, coach_advice = _coach_exercise(inp, cites)
        lines += coach_lines
        advice += coach_advice
    steps = _choose_steps(inp)
    if steps:
        hard = sum(role == "when_hard" for _, _, role in steps) > len(steps) / 2
        heading = t["hard_heading"] if hard else t["coachee_heading"] if inp.question_type == "coach" else \
            t["advice_heading"]
        lines += ["", f"**{heading}**"]
        vectors = unit_rows(inp.embed_texts([s for s, _, _ in steps]))
        prefer = [r for c in inp.cards for p in c.roles.get("situation", []) for r in _supports(p)]
        paired = inp.evidence.best(vectors, inp.language, used_quotes, prefer, [s for s, _, _ in steps],
                                   [str(p.meta.get("card", "")) for _, p, _ in steps]) \
            if inp.evidence else [(None, 0.0)] * len(steps)
        for n, ((step, passage, _), (evidence, sim)) in enumerate(zip(steps, paired, strict=True), start=1):
            marker = cites.number(passage, step)
            item = f"{n}. {step} [{marker}]"
            markers = [marker]
            ev = None
            if evidence is not None:
                ep = _passage(evidence.chunk, translations)
                item += f"\n   {t['backed_by']} " + _quote_line(evidence, inp.language, cites, ep, n)
                markers.append(cites.number(ep))
                used_quotes.add(evidence.text)
                ev = {"text": evidence.text, "similarity": round(sim, 4), "id": evidence.chunk.id}
            lines.append(item)
            advice.append(AdviceItem(step, markers, ev))
    elif not inp.cards:
        lines += _general_answer(inp, cites, used_quotes, translations)
    link = _article_link(inp, used_quotes, translations)
    if link is not None:
        e, p = link
        lines += ["", f"**{t['article_heading']}**", _quote_line(e, inp.language, cites, p, 0)]
    users = [p for p in inp.ranked if p.meta["kind"] == "user" and not is_poisoned(p.text)]
    if users:
        lines += ["", f"**{t['user_docs_heading']}**"]
        for p in users[:2]:
            best = _best_sentence(inp, p.text)
            lines.append(f"- {t['user_doc_intro'].format(title=p.meta['title'], quote=best)} {cites.mark(p, best)}")
    source = inp.cards[:1] or ([inp.questions_from] if inp.questions_from else [])
    questions = [(q, p) for c in source for q, p in c.items("questions") if not _already_said(q, inp.previous)]
    lines += ["", f"**{t['questions_heading']}**"]
    if questions:
        sims = _rank(inp, [q for q, _ in questions])
        for i in sorted(np.argsort(-sims)[:2]):
            q, p = questions[int(i)]
            lines.append(f"- {q} {cites.mark(p, q)}")
    else:
        lines.append(f"- {t['generic_question']}")
    sources = "\n".join([f"**{t['sources_heading']}**"] + [source_line(c, inp.language) for c in cites.items])
    return Composition("\n".join(lines).strip("\n"), sources, cites.items, advice)


def _article_link(inp: ComposeInput, used: set[str], translations: dict[str, str]
                  ) -> tuple[Evidence, Passage] | None:
    """The sentence of the article paragraphs the card rests on (``supports``) that is closest to the question."""
    if inp.evidence is None:
        return None
    wanted = set()
    for card in inp.cards[:1]:
        for p in card.roles.get("situation", [])[:1]:
            from assistant.playbook import refs

            wanted = {(str(r["doc"]), str(r.get("section", "") or ""), int(r.get("paragraph", 1)))
                      for r in refs(p.chunk)}
    def named(e: Evidence) -> bool:
        m = e.chunk.metadata
        return m.get("kind") == "article" and (m["doc_id"], m["section"], m["paragraph"]) in wanted

    candidates = [e for e in inp.evidence.pool if named(e) and e.text not in used]
    if not candidates:
        return None
    sims = _article_sims(inp, candidates) - inp.evidence.hubness([e.text for e in candidates])
    if float(sims.max()) < ARTICLE_LINK_MIN:
        median, spread = _article_spread(inp)  # only when the absolute rule fails: English questions
        if (float(sims.max()) - median) / spread < ARTICLE_LINK_MARGIN:
            return None  # nothing in the card's article paragraphs speaks to this question in particular
    best = candidates[int(np.argmax(sims))]
    used.add(best.text)
    return best, _passage(best.chunk, translations)


def _article_sims(inp: ComposeInput, sentences_: list[Evidence]) -> np.ndarray:
    """The question's similarity to article sentences; for an English question, the better of original and rendering."""
    sims = _rank(inp, [e.text for e in sentences_])
    rendered = [i for i, e in enumerate(sentences_) if e.translation]
    if rendered and inp.language == "en":
        # An English question is closer to the English rendering than to the Dutch original.
        sims[rendered] = np.maximum(sims[rendered], _rank(inp, [sentences_[i].translation for i in rendered]))
    return sims


def _article_spread(inp: ComposeInput) -> tuple[float, float]:
    """Median and spread of this question's similarity to every article sentence (renderings for English)."""
    assert inp.evidence is not None
    pool = [e for e in inp.evidence.pool if e.chunk.metadata.get("kind") == "article"]
    sims = _article_sims(inp, pool) - inp.evidence.hubness([e.text for e in pool])
    return float(np.median(sims)), max(float(np.std(sims)), 1e-6)


def _supports(p: Passage) -> list[str]:
    from assistant.playbook import refs

    return [str(r["doc"]) for r in refs(p.chunk)]


def _coach_exercise(inp: ComposeInput, cites: Citations) -> tuple[list[str], list[AdviceItem]]:
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
    sents = [s for s in sentences(text) if not is_poisoned(s)] or [text]
    if len(sents) == 1:
        return sents[0]
    return sents[int(np.argmax(_rank(inp, sents)))]


def _general_answer(inp: ComposeInput, cites: Citations, used: set[str], translations: dict[str, str]) -> list[str]:
    """No card fits: from the retrieved article and related passages, the sentences closest to the question."""
    from assistant.evidence import Evidence, stands_alone

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
        best = sents[int(np.argmax(_rank(inp, sents)))]
        rendering = ""
        if kind == "article" and p.translation:
            orig, eng = sentences(p.text), sentences(p.translation)
            rendering = eng[orig.index(best)] if len(orig) == len(eng) and best in orig else ""
        used.add(best)
        n += 1
        lines.append(f"{n}. " + _quote_line(Evidence(best, p.chunk, rendering), inp.language, cites, p, n))
        if n >= 3:
            break
    return lines if n else []


def _closest_article_paragraph(inp: ComposeInput, have: list[Passage], translations: dict[str, str]
                               ) -> Passage | None:
    """The article paragraph, besides the note's own, that speaks most directly to the question (if one does)."""
    if inp.evidence is None:
        return None
    ids = {p.id for p in have}
    pool = [e for e in inp.evidence.pool if e.chunk.metadata.get("kind") == "article" and e.chunk.id not in ids]
    if not pool:
        return None
    sims = _article_sims(inp, pool)
    best = int(np.argmax(sims))
    if float(sims[best]) < CONCEPT_EXTRA_MIN:
        return None
    return _passage(pool[best].chunk, translations)


def _concept_answer(inp: ComposeInput, translations: dict[str, str]) -> Composition:
    """An explanation: the note's sentences closest to the question, then the article sentences it explains."""
    t = TEXT[inp.language]
    cites = Citations()
    note = inp.cards[0]
    plain = [(x, p) for x, p in note.items("plain") if len(x.split()) >= 4]
    lines: list[str] = []
    if plain:
        sims = _rank(inp, [x for x, _ in plain])
        chosen = sorted(int(i) for i in np.argsort(-sims)[:3])  # in reading order
        lines.append(" ".join(f"{plain[i][0]} {cites.mark(plain[i][1], plain[i][0])}" for i in chosen))
    passages = list(inp.article_passages)
    extra = _closest_article_paragraph(inp, passages, translations)
    if extra is not None:
        passages = sorted(passages + [extra], key=lambda p: (p.meta["section_no"], p.meta["paragraph"]))
    if passages:
        lines += ["", f"**{t['in_the_article']}**"]
        for p in passages:
            sents = sentences(p.text)
            rendering = sentences(p.translation) if p.translation else []
            usable = [i for i, x in enumerate(sents) if not x.endswith("?")] or list(range(len(sents)))
            sims = _rank(inp, [sents[i] for i in usable])
            picked = sorted(usable[int(i)] for i in np.argsort(-sims)[:CONCEPT_QUOTE_SENTENCES])
            quote = _join_quoted(sents, picked)
            line = f"> “{quote}” {cites.mark(p, quote)}"
            if inp.language == "en" and len(rendering) == len(sents):
                line += f"\n>\n> {t['english_rendering']}: “{_join_quoted(rendering, picked)}”"
            lines.append(line)
    monday = note.items("monday")
    if monday:
        lines += ["", f"**{t['monday_heading']}**"]
        sims = _rank(inp, [m for m, _ in monday])
        for i in sorted(np.argsort(-sims)[:2]):
            m, p = monday[int(i)]
            lines.append(f"- {m} {cites.mark(p, m)}")
    sources = "\n".join([f"**{t['sources_heading']}**"] + [source_line(c, inp.language) for c in cites.items])
    return Composition("\n".join(lines), sources, cites.items, [])


# Pushback on the advice itself (not the situation): a no, defensiveness, denial, or nothing changing.
PUSHBACK = re.compile(
    r"\b(push(es|ed|ing)? back|pushback|gets? defensive|defensive|refus(es|ed|ing)|says? no|said no|"
    r"(doesn'?t|didn'?t|don'?t|won'?t) (work|help|change|listen|agree)|nothing changes|nothing changed|"
    r"gets? angry|starts? crying|denies|denied|what if (she|he|they)|and if (she|he|they)|"
    r"defensief|(gaat|ging|schiet|schoot)( \w+)? in de verdediging|"
    r"weiger(t|en|de)|zegt nee|zeggen nee|zei nee|nee zegt|nee zeggen|verandert niets|"
    r"werkt niet|helpt niet|wordt boos|ontkent|wat als (ze|hij)|en als (ze|hij))\b", re.IGNORECASE)


def is_pushback(question: str) -> bool:
    """Whether a question is about resistance, defensiveness, a no, or nothing changing."""
    return bool(PUSHBACK.search(question))
