"""The steps of an answer: 3–4 chosen from the routed cards for this question, each with the evidence that backs it."""

from __future__ import annotations

import re

import numpy as np

from assistant.citations import Citations, quote_line
from assistant.composition import AdviceItem, ComposeInput, already_said, passage_for
from assistant.embeddings import unit_rows
from assistant.perspective import fits_asker, for_asker
from assistant.playbook import refs
from assistant.prompts import TEXT
from assistant.retrieval import Passage

PUSHBACK_BONUS = 0.08  # on "and what if she says no?", the card's 'when it gets hard' lines count more
# Without pushback one 'when it gets hard' line may still be a step, when it fits the question at least this much better
# than the card's best 'what to try' line: "is tracking software a good idea?" is answered by the card's line on
# tracking software, "the team keeps comparing me to their old boss" by the line on the predecessor.
HARD_MARGIN = 0.0

# Pushback on the advice itself (not the situation): a no, defensiveness, denial, or nothing changing.
PUSHBACK = re.compile(
    r"\b(push(es|ed|ing)? back|pushback|gets? defensive|defensive|refus(es|ed|ing)|says? no|said no|"
    r"(doesn'?t|didn'?t|don'?t|won'?t) (work|help|change|listen|agree)|nothing changes|nothing changed|"
    r"gets? angry|starts? crying|denies|denied|what if (she|he|they)|and if (she|he|they)|"
    r"defensief|(gaat|ging|schiet|schoot)( \w+)? in de verdediging|"
    r"weiger(t|en|de)|zegt nee|zeggen nee|zei nee|nee zegt|nee zeggen|verandert niets|"
    r"werkt niet|helpt niet|wordt boos|ontkent|wat als (ze|hij)|en als (ze|hij)|"
    # doubt about the advice itself: "isn't this too soft?", "I don't have months for that"
    r"too (soft|slow|nice)|(not|isn'?t|is not) realistic|unrealistic|won'?t work (here|for (me|us)|in (my|our))|"
    r"i don'?t have (the )?(time|months|weeks)|sounds (nice|good|great|fine)( in theory)?,? but|"
    r"sounds (like )?(soft|naive|wishful|woolly|fluffy|hr talk|(soft|fluffy|woolly) (hr|management|coaching) talk)|"
    r"(i'?m|i am) not (handing|giving|going to hand|going to give)|klinkt (als )?(soft|naïef|wollig|hr-praat)|"
    r"te (soft|zacht|langzaam|traag)|niet realistisch|onrealistisch|werkt (hier|bij ons) niet|"
    r"(heb|hebben) (daar )?geen (tijd|maanden|weken)|klinkt (mooi|leuk|goed|prima)( \w+)?,? maar|"
    # the attempt itself failed: "it went wrong", "het werd een chaos", "terug naar hoe het was?"
    r"went (wrong|badly)|(it|this|that) (failed|backfired)|fell apart|didn'?t work out|"
    r"(turned|ended) (into|in) (chaos|a mess)|(was|became) (a |total )?(chaos|mess|disaster)|"
    r"go back to (the old way|how it was|the way it was)|take it (all )?back|"
    r"ging (het )?mis|liep (het )?(uit de hand|mis|vast)|(is|was) mislukt|"
    r"(werd|was) (het )?(een )?(chaos|puinhoop|drama|ramp)|terug naar (hoe het was|het oude)|terugdraaien)\b",
    re.IGNORECASE)

# A card's ready-made opening line ("Open with: …"): in a follow-up only when the person asks what to say; after the
# talk it opens ("I did that, and he said no") it would script a conversation already held.
WORDS_BONUS = 0.1  # what an "Open with: …" line gains in the ranking when the question asks for the words to say
OPENER = re.compile(r"^(open with|begin met)\b", re.IGNORECASE)
ASKS_FOR_WORDS = re.compile(
    r"\b(how (do|should|can|would) i (start|open|begin|say|phrase|word|put|bring|raise)|what (do|should|can|would) i "
    r"((actually|exactly|really|literally) )?(say|tell (him|her|them))|"
    r"(first|opening) (sentence|words|line|lines|minutes?)|"
    r"(some|a few|actual|exact) (words|lines|sentences)|give me (the |some |a )?(words|lines|script|sentences)|"
    r"(my|a) script|letterlijk|precieze woorden|"
    r"how to (start|open|begin|say|phrase)|words? to use|hoe (begin|start|open|zeg|verwoord|formuleer|breng|kaart) "
    r"ik|wat zeg ik|wat moet ik (tegen (hem|haar|ze) )?zeggen|eerste (zin|woorden|minuten?)|openingszin|"
    r"welke woorden)\b", re.IGNORECASE)


# A line that builds on the one before it in its card ("After both talks, …", "In dat gesprek …"): shown only with it.
LEANS_ON_PREVIOUS = re.compile(
    r"^(after (both|the|that|this|these|those|you have)|before that|in that (talk|conversation|meeting)|during that|"
    r"na (beide|dat|dit|die|het|afloop)\b|voor dat gesprek|in dat gesprek|tijdens dat|daarna)\b", re.IGNORECASE)


def is_pushback(question: str) -> bool:
    """Whether a question is about resistance, defensiveness, a no, or nothing changing."""
    return bool(PUSHBACK.search(question))


def choose_steps(inp: ComposeInput) -> list[tuple[str, Passage, str]]:
    """3–4 steps that fit the question best, across the chosen cards.

    On pushback or a follow-up the cards' 'when it gets hard' lines compete with the rest; otherwise one such line of
    the first card may join when it fits the question better than every 'what to try' line. A line that builds on
    the one before it ("After both talks, …") brings that one along. The steps are shown in their card's order: the
    first card's 'what to try', then its 'when it gets hard' line(s), then the second card's.
    """
    cards = [c for c in inp.cards if c.kind == "playbook"]
    pool: list[tuple[str, Passage, str, int]] = []
    hard_always = inp.pushback or inp.question_type == "follow_up"
    no_opener = inp.question_type == "follow_up" and not inp.drafting and not ASKS_FOR_WORDS.search(inp.question)
    sides = inp.sides()  # a CEO is not told what the chair could do
    for n, card in enumerate(cards):
        for role in ("when_hard", "try"):
            pool += [(s, p, role, n) for s, p in card.items(role) if fits_asker(s, sides)
                     and not (no_opener and OPENER.match(s))
                     and not already_said(s, inp.previous)
                     and not already_said(for_asker(s, sides, inp.standalone), inp.previous)]
    if not pool:
        return []
    sims = inp.rank([s for s, _, _, _ in pool])
    if not hard_always:
        # only the first card's: a blend's second card lends one step already
        best_try = max((float(x) for x, (_, _, role, n) in zip(sims, pool, strict=True) if n == 0 and role == "try"),
                       default=1.0)
        fits = [i for i, (_, _, role, n) in enumerate(pool)
                if role == "when_hard" and n == 0 and sims[i] >= best_try + HARD_MARGIN]
        keep = [i for i, (_, _, role, _) in enumerate(pool) if role == "try"]
        keep += [max(fits, key=lambda i: sims[i])] if fits else []  # at most one, and only when it fits best
        pool, sims = [pool[i] for i in keep], sims[keep]
    # The second card of a blend counts a little less; on pushback, "when it gets hard" counts more.
    # Asked for the words themselves ("what do I actually say?"), a card's "Open with: …" line comes first.
    words = bool(ASKS_FOR_WORDS.search(inp.question))
    bonus = np.array([(-0.02 * n) + (PUSHBACK_BONUS if role == "when_hard" and inp.pushback else 0.0)
                      + (WORDS_BONUS if words and OPENER.match(s) else 0.0) for s, _, role, n in pool])
    order = np.argsort(-(sims + bonus))
    want = 4 if len(inp.standalone.split()) > 40 else 3
    chosen: list[int] = []
    per_card: dict[int, int] = {}
    for i in order:
        n = pool[int(i)][3]
        if len(cards) > 1 and per_card.get(n, 0) >= (1 if n else want - 1):
            continue  # a blend takes most steps from the first card and one from the second
        chosen.append(int(i))
        per_card[n] = per_card.get(n, 0) + 1
        if len(chosen) >= want:
            break
    rank = {int(i): r for r, i in enumerate(order)}
    for i in list(chosen):
        before = i - 1  # the line before it in the same card and section, if it was not said already
        if LEANS_ON_PREVIOUS.match(pool[i][0]) and before >= 0 and before not in chosen \
                and pool[before][2:] == pool[i][2:]:
            chosen.append(before)  # "After both talks, …" comes with the talks
            if len(chosen) > max(want, 4):
                chosen.remove(max((j for j in chosen if j not in (i, before)), key=lambda j: rank[j]))
    # In the card's own order (the pool keeps it), first card first, what to try before 'when it gets hard' ("and
    # if …"): a card's lines build on each other.
    chosen.sort(key=lambda i: (not (words and OPENER.match(pool[i][0])), pool[i][3], pool[i][2] == "when_hard", i))
    return [pool[i][:3] for i in chosen]


def numbered_steps(inp: ComposeInput, steps: list[tuple[str, Passage, str]], cites: Citations,
                   used_quotes: set[str], translations: dict[str, str]) -> tuple[list[str], list[AdviceItem]]:
    """The steps under their heading, numbered, each with the evidence sentence aligned with it (if one is)."""
    t = TEXT[inp.language]
    hard = sum(role == "when_hard" for _, _, role in steps) > len(steps) / 2
    heading = t["hard_heading"] if hard else t["coachee_heading"] if inp.question_type == "coach" else \
        t["advice_for_heading"].format(who=inp.asking_for) if inp.asking_for else t["advice_heading"]
    lines = ["", f"**{heading}**"]
    advice: list[AdviceItem] = []
    sides = inp.sides()
    vectors = unit_rows(inp.embed_texts([s for s, _, _ in steps]))
    prefer = [r for c in inp.cards for p in c.roles.get("situation", []) for r in _supports(p)]
    paired = inp.evidence.best(vectors, inp.language, used_quotes, prefer, [s for s, _, _ in steps],
                               [str(p.meta.get("card", "")) for _, p, _ in steps]) \
        if inp.evidence else [(None, 0.0)] * len(steps)
    for n, ((step, passage, _), (evidence, sim)) in enumerate(zip(steps, paired, strict=True), start=1):
        marker = cites.number(passage, step)
        step = for_asker(step, sides, inp.standalone)  # to the executive: "As executive, ask …" -> "Ask …"
        item = f"{n}. {step} [{marker}]"
        markers = [marker]
        ev = None
        if evidence is not None:
            ep = passage_for(evidence.chunk, translations)
            item += f"\n   {t['backed_by']} " + quote_line(evidence, inp.language, cites, ep, n)
            markers.append(cites.number(ep))
            used_quotes.add(evidence.text)
            ev = {"text": evidence.text, "similarity": round(sim, 4), "id": evidence.chunk.id}
        lines.append(item)
        advice.append(AdviceItem(step, markers, ev))
    return lines, advice


def _supports(p: Passage) -> list[str]:
    """The documents a card's situation passage names as its support."""
    return [str(r["doc"]) for r in refs(p.chunk)]
