"""The router: table-driven paraphrases per situation, concept questions, clarifying questions, the metrics."""

import pytest

from assistant.evaluation.routing import boilerplate, content_sentences, routing_bar_failures

# One new way of putting each situation, written for this test (not taken from the signals or the eval set).
PARAPHRASES = {
    "resists-change": "Since the switch to the new ordering procedure, half of the warehouse crew keeps using "
                      "the old paper forms.",
    "checking-everything": "I open every spreadsheet my analysts make before it leaves the department, just to "
                           "be sure.",
    "say-trust-act-control": "In the team day I said they have my full confidence, yet I still sign off every "
                             "purchase myself. They noticed.",
    "hard-to-delegate": "Ik werk elke avond door omdat ik de offertes liever zelf schrijf dan ze aan mijn "
                        "adviseurs over te laten.",
    "new-manager": "Next month I take over a lab group of nine from outside the company and nobody there has "
                   "ever worked with me.",
    "trust-broken": "I promised my team the bonus would be paid in June and then it was cancelled; since then "
                    "they roll their eyes at everything I say.",
    "low-motivation": "Mijn medewerkers doen keurig hun taken maar denken nergens meer over mee; om vijf uur is "
                      "iedereen weg.",
    "no-cooperation": "Sales and support in my unit keep pointing at each other when a customer complains, and "
                      "nobody shares their notes.",
    "no-experimenting": "Nobody in my group will try a new approach because last year someone got a formal "
                        "warning for a failed pilot.",
    "innovation-stalls": "We collected forty improvement ideas at the kick-off and not a single one has been "
                         "tried since.",
    "no-shared-vision": "Het team knikt als ik de nieuwe koers uitleg, maar in de praktijk werkt iedereen aan "
                        "zijn eigen prioriteiten.",
    "remote-team": "Since we went hybrid I catch myself checking who is online in the chat tool every hour.",
    "director-wants-control": "My director now wants a weekly overview of hours per employee and I'm the one "
                              "who has to collect it from my people.",
    "promoted-from-within": "Tot vorige maand was ik gewoon collega van deze mensen, nu ben ik hun teamleider en "
                            "de sfeer is vreemd.",
    "new-team-member": "Our new lab technician starts next week and I wonder whether to let her run tests on her own "
                       "from the start.",
    "member-distrusts-me": "One of my sales reps acts as if I have a hidden agenda with every target I set, while the "
                           "rest of the team simply gets on with it.",
    "friend-in-team": "My best mate from university works in my team now and the others think he gets the good "
                      "projects.",
    "older-experienced-team": "I'm 28 and lead a crew of welders who have all been doing this for twenty years "
                              "or more.",
    "employee-broke-trust": "One of my reps wrote client visits in his expense report that never happened.",
    "missed-commitments": "Elke sprint belooft hij zijn tickets af te ronden en elke sprint schuift het door "
                          "naar de volgende.",
    "underperformance": "For a year now one of my engineers delivers work that has to be redone, and it is time "
                        "for a formal conversation.",
    "giving-feedback": "I need to tell a colleague that her tone in emails upsets clients, and I'm afraid she'll "
                       "burst into tears.",
    "criticism-of-leader": "The engagement survey came back and my team scored me lowest of all managers on "
                           "listening.",
    "bad-news-late": "The project stayed on green in every report until the week before the deadline, when it "
                     "suddenly turned out to be months behind.",
    "silent-meetings": "In ons werkoverleg praten steeds dezelfde twee mensen en de rest zegt helemaal niets.",
    "conflict-between-members": "Two of my nurses haven't spoken to each other since an argument at the "
                                "Christmas party and the whole ward feels it.",
    "after-layoffs": "We just let eleven people go and the ones who stayed are quiet, suspicious and updating "
                     "their CVs.",
    "distrust-of-management": "Mijn team gelooft niets meer van wat de directie zegt en ik moet de besluiten "
                              "steeds verdedigen.",
    "micromanaged-by-boss": "My own manager rewrites every slide deck I make and wants to approve each email I "
                            "send to partners.",
    "board-and-executive": "The supervisory board keeps asking me, the CEO, for more detailed figures and "
                           "questions every decision I take.",
    "rules-after-incident": "After the data leak the compliance team added four approval steps to every "
                            "release.",
    "trust-betrayed-naive": "I gave someone full freedom and he abused it; was I too trusting, and how much "
                            "room do I give the next person?",
    "cultural-differences": "My colleagues in Bangalore never say no in meetings and my Dutch team reads that as "
                            "agreement.",
    "merger-two-teams": "Sinds de overname zitten de mensen van het oude bedrijf nog steeds aan hun eigen tafels "
                        "in de kantine.",
    "crisis-pressure": "With the factory fire last week I started making every single decision myself and my "
                       "shift leads just wait for me.",
    "self-doubt": "I keep second-guessing my own calls as a manager and lie awake wondering whether I'm up to "
                  "this role.",
    "autonomy-self-managing": "My team asked to plan their own rosters and choose their own tools without me.",
    "gossip-and-politics": "Er wordt in de wandelgangen veel over collega's gepraat en er hangt een groepje dat "
                           "alles bepaalt.",
    "transparency-limits": "I know a restructuring is coming but it is confidential; how much can I tell my team "
                           "while they ask me directly?",
    "grief-and-loss": "Onze magazijnchef is vorige week plotseling overleden en het team weet niet hoe ze verder "
                      "moeten.",
    "employee-hard-times": "One of my analysts is going through chemotherapy and wants to keep working; how do I "
                           "adapt her workload without singling her out?",
    "complaint-about-member": "Two interns told me a senior colleague makes remarks about their looks; what do I "
                              "do first?",
    "leader-running-on-empty": "Ik draai al maanden zeventig uur per week, ben op en denk erover mijn functie als "
                               "teamleider neer te leggen.",
}


@pytest.fixture(scope="module")
def router(real_data_dir):
    from assistant.config import load_settings
    from assistant.service import Assistant

    return Assistant(load_settings(data_dir=real_data_dir)).knowledge.router()


def test_every_situation_has_a_card_and_a_paraphrase(router):
    cards = {sid for sid, s in router.situations.items() if s.kind == "playbook"}
    concepts = {sid for sid, s in router.situations.items() if s.kind == "concept"}
    assert cards == set(PARAPHRASES) and len(concepts) == 7


def test_paraphrases_route_to_their_situation(router):
    top1 = {sid: router.route(text).top for sid, text in PARAPHRASES.items()}
    top2 = {sid: [s for s, _ in router.route(text).scores[:2]] for sid, text in PARAPHRASES.items()}
    hits1 = sum(top1[s] == s for s in PARAPHRASES) / len(PARAPHRASES)
    hits2 = sum(s in top2[s] for s in PARAPHRASES) / len(PARAPHRASES)
    missed = {s: top1[s] for s in PARAPHRASES if top1[s] != s}
    assert hits1 >= 0.8 and hits2 >= 0.9, (hits1, hits2, missed)


@pytest.mark.parametrize("question, concept", [
    ("What does Rensen mean when he calls trust a 'tastbaar bezit'?", "what-is-trust"),
    ("Why does the author prefer 'vertrouwen' as a werkwoord rather than a zelfstandig naamwoord?", "noun-or-verb"),
    ("Hoe sluit Rensen zijn artikel af, wat is zijn slotsom?", "conclusion"),
])
def test_questions_about_the_article_are_explained_in_the_askers_language(real_assistant, question, concept):
    a = real_assistant.ask(question)
    assert not a.refused and a.question_type in ("concept", "meta")
    assert a.situations[0]["id"] == concept
    assert any(c.passage.meta["kind"] == "article" for c in a.citations)
    expected = "nl" if question.startswith("Hoe") else "en"
    assert a.language == expected
    if expected == "en":
        assert "In English" in a.text and "In the article" in a.text


def test_a_vague_question_gets_a_clarifying_question_and_the_choice_continues(real_assistant):
    a = real_assistant.ask("het vertrouwen is weg")
    assert not a.refused and a.clarify is not None
    assert len(a.clarify["options"]) in (2, 3) and a.citations == []
    assert a.clarify["question"] in a.text
    chosen = a.clarify["options"][0]
    b = real_assistant.ask("het vertrouwen is weg", situation=chosen)
    assert b.clarify is None and b.situations[0]["id"] == chosen and b.advice


def test_an_unknown_chosen_situation_is_refused(real_assistant):
    from assistant.errors import InvalidInputError

    with pytest.raises(InvalidInputError, match="Unknown situation"):
        real_assistant.ask("my team resists", situation="not-a-situation")


def test_coach_questions_get_the_cards_exercise(real_assistant):
    a = real_assistant.ask("I'm coaching a plant manager whose team ignores every new safety procedure; "
                           "what exercise could I use in our session?")
    assert a.question_type == "coach" and "An exercise for your session" in a.text
    assert "Prepare a session" in a.text


@pytest.mark.parametrize("question, qtype", [
    # a coach's case that also asks what from the article to bring in: a session about the case
    ("As a team coach I'm seeing a hospital ward manager next week who signs off every roster change herself and "
     "answers mails at midnight, although her deputies are experienced. Which questions could open this up, and "
     "which passage of Rensen's article would help?", "coach"),
    ("coaching a site manager who says he trusts his foremen completely, yet he redoes their planning every "
     "evening. how do I raise that without him closing up?", "coach"),
    # shorter, but the coachee is described in a clause of their own
    ("I'm coaching a warehouse manager who can't stop redoing his planners' work. Which part of the article fits?",
     "coach"),
    ("Als coach begeleid ik een teamleider die zich na de fusie buitenspel voelt staan. Welke passage van Rensen "
     "past daarbij?", "coach"),
    # a coach asking about the article itself, briefly: a concept question
    ("As a coach, what does Rensen mean by trust as a verb?", "concept"),
    ("I'm coaching a manager: what does Rensen mean by trust as a verb?", "concept"),
])
def test_a_coachs_case_is_a_coach_question_even_when_it_names_the_article(question, qtype):
    from assistant.router import question_type

    assert question_type(question, False, False, frozenset({"rensen"})) == qtype


def test_boilerplate_counts_sentences_shared_by_unrelated_answers():
    rows = [{"gold": ["a"], "content": ["Keep your promises to the team.", "Ask what worries people most."]},
            {"gold": ["b"], "content": ["Keep your promises to the team.", "Share the reasons for the change."]},
            {"gold": ["a"], "content": ["Ask what worries people most.", "Write the answers down tonight."]}]
    assert boilerplate(rows, unrelated_only=True) == round(2 / 6, 4)  # the promise sentence, twice
    assert boilerplate(rows, unrelated_only=False) == round(4 / 6, 4)
    assert routing_bar_failures({"boilerplate": 0.4, "situation@1": 0.9}) == ["boilerplate 0.4 > 0.25"]


def test_a_right_guess_the_answer_did_not_use_is_no_hit():
    """situation@1 counts the card the person was shown, not the router's ranking behind a no-card answer."""
    from types import SimpleNamespace

    from assistant.answer import Answer
    from assistant.evaluation.questions import Question
    from assistant.evaluation.routing import score_routing
    from assistant.retrieval import RetrievalResult

    ranked = [{"id": "grief-and-loss", "confidence": 0.11}, {"id": "self-doubt", "confidence": 0.1}]
    answers = {"used": Answer(text="x", language="en", situations=ranked, cards=["grief-and-loss"]),
               "unused": Answer(text="x", language="en", situations=ranked, cards=[]),
               "asked": Answer(text="x", language="en", situations=ranked,
                               clarify={"question": "?", "options": ["grief-and-loss", "self-doubt"]})}
    assistant = SimpleNamespace(ask=lambda q, history: answers[q], settings=SimpleNamespace(k=5),
                                search=lambda q, k: RetrievalResult([], 0.0, 0.0, q),
                                index=SimpleNamespace(embeddings=None))
    answers["used"].safety = {"check_in": True}
    questions = [Question(id=q, question=q, language="en", kind="situational", gold=[], answerable=True,
                          situations=["grief-and-loss"], split="test") for q in answers]
    scored = score_routing(assistant, questions)
    rows = {r["id"]: r for r in scored["rows"]}
    assert scored["overall"]["check_ins"] == 1
    assert (rows["used"]["top1"], rows["unused"]["top1"], rows["asked"]["top1"]) == (True, False, True)
    assert (rows["used"]["top2"], rows["unused"]["top2"]) == (True, False)


def test_content_sentences_leave_out_headings_sources_and_fixed_lines():
    text = ("I have no situation card that fits this closely, so here is what the material says that bears on "
            "it.\n\n**What you can try**\n1. Ask each person what worries them most this week. [1]\n\n"
            "**Sources**\n- [1] A card — What to try ¶1")
    assert content_sentences(text) == ["Ask each person what worries them most this week."]


def test_typos_and_spelling_variants_still_route_with_confidence(real_assistant):
    """Character n-grams carry misspelt words the embedding blurs: the router is sure, and right."""
    route = real_assistant.knowledge.router().route("my teem keeps resisting evry chaneg we make")
    assert route.top == "resists-change" and route.decision == "confident", route.scores[:3]


def test_short_general_trust_phrases_are_not_sent_to_concept_notes(real_assistant):
    """'het vertrouwen is weg' is a situation to clarify, not a question about the article's concepts."""
    route = real_assistant.knowledge.router().route("het vertrouwen is weg")
    assert route.question_type == "situational" and route.decision == "clarify"


def test_the_router_is_trained_once_per_content_and_retrained_when_a_card_changes(real_assistant, real_data_dir,
                                                                                    monkeypatch):
    import numpy as np

    from assistant.config import load_settings
    from assistant.router import shared_router
    from assistant.service import Assistant
    from tests.conftest import KNOWLEDGE

    first = real_assistant.knowledge.router()
    again = Assistant(load_settings(data_dir=real_data_dir, knowledge_dir=KNOWLEDGE)).knowledge.router()
    assert again is first  # same cards and notes, same model: no second training
    by_doc = {doc: list(chunks) for doc, chunks in real_assistant.index.views().by_doc.items()}
    card = next(doc for doc, chunks in by_doc.items() if chunks and chunks[0].metadata.get("kind") == "playbook")
    edited = by_doc[card][0]
    by_doc[card] = [type(edited)(edited.id, edited.text + " Edited.", dict(edited.metadata)), *by_doc[card][1:]]
    from assistant import router as router_module

    before = set(router_module._BUILT)
    trained: list[object] = []  # training itself takes seconds and is tested elsewhere: count it here

    def train(*args: object) -> object:
        trained.append(object())
        return trained[-1]

    monkeypatch.setattr(router_module, "Router", train)
    changed = shared_router(by_doc, lambda t: np.zeros((len(t), 384)), lambda t: [0.0] * 384,
                            real_assistant.index.embedding_model)
    assert changed is not first and trained == [changed]  # an edited card trains a new router
    for key in set(router_module._BUILT) - before:  # keep the stand-in out of other tests' way
        router_module._BUILT.pop(key)


def test_a_question_about_the_askers_own_upload_is_answered_not_clarified(real_assistant, tmp_path):
    """The router cannot place a question about a user's own notes; the answer quotes them instead of asking."""
    notes = tmp_path / "rota-notes.md"
    notes.write_text("# Quokka rota\n\nThe quokka rota builds trust when people swap weekend shifts freely and "
                     "tell each other in advance.\n", encoding="utf-8")
    assert real_assistant.upload(notes).status.startswith("added")
    a = real_assistant.ask("How does the quokka rota build trust in my team when people swap shifts?")
    assert a.clarify is None and not a.refused
    assert "quokka rota" in a.text.lower()


def test_the_article_and_its_author_come_from_the_knowledge_base(real_assistant):
    """The About page and the scope check name the article its front matter names (not a word list)."""
    from assistant.webapp_about import about_markdown

    assert real_assistant.knowledge.surnames() == frozenset({"rensen"})
    assert ("- René Rensen, *Vertrouwen als essentiële waarde in persoonlijk leiderschap* (Dutch original, with a "
            "rendering in English)") in about_markdown(real_assistant, "en")
    assert "(origineel in het Nederlands, met een vertaling in het Engels)" in about_markdown(real_assistant, "nl")
    # The related notes' references, each note once, in the page's language.
    en, nl = about_markdown(real_assistant, "en"), about_markdown(real_assistant, "nl")
    assert "### References of the related material" in en and "### Bronnen van het achtergrondmateriaal" in nl
    for page in (en, nl):
        assert page.count("Mayer, Davis & Schoorman (1995), An integrative model of organizational trust") == 1
    assert "- **Ability, benevolence and integrity" in en and "- **Bekwaamheid, welwillendheid" in nl
    assert "Bekwaamheid" not in en and "- **Ability, benevolence" not in nl
    answer = real_assistant.ask("What did Rensen write?")
    assert not answer.refused and answer.as_dict()["question_type"] in ("concept", "meta")


def test_a_theme_the_article_names_in_so_many_words_is_quoted_where_it_does(real_assistant):
    """'Is trust a choice, says the article?': embeddings rank many trust sentences alike; the word finds the one."""
    a = real_assistant.ask("Is it true that the article calls trust a choice?")
    assert not a.refused and a.question_type in ("concept", "meta")
    quoted = " ".join(c.text for c in a.citations if c.passage.meta["kind"] == "article")
    assert "de keuze om vanuit vertrouwen te handelen" in quoted
    assert "the choice to act from trust" in a.text  # the English rendering in an English answer


def test_a_theme_only_the_related_material_names_is_said_to_be_missing_from_the_article(real_assistant):
    a = real_assistant.ask("Does the article say anything about vulnerability, should a leader show it?")
    assert not a.refused
    assert "The article does not use the word “vulnerability”" in a.text
    related = [c for c in a.citations if c.passage.meta["kind"] == "related"]
    assert related and "vulnerable" in related[0].text
    # no note of another theme is passed off as the answer
    assert all(c.passage.meta["kind"] != "concept" for c in a.citations)


@pytest.mark.parametrize("question, language", [
    ("Who actually wrote this article?", "en"),
    ("What is the background of the author?", "en"),
    ("wie is Rensen eigenlijk?", "nl"),
    ("Wie heeft dit artikel over vertrouwen geschreven?", "nl"),
])
def test_who_wrote_the_article_is_answered_from_its_front_matter_and_the_writers_own_words(real_assistant, question,
                                                                                            language):
    a = real_assistant.ask(question, language=language)
    assert not a.refused and a.question_type == "meta"
    assert "René Rensen" in a.text and "Vertrouwen als essentiële waarde in persoonlijk leiderschap" in a.text
    # no biography is made up: the knowledge base has none, and the answer says so, then quotes the writer
    assert ("no biography" if language == "en" else "geen biografie") in a.text
    quoted = [c for c in a.citations if c.passage.meta["kind"] == "article"]
    assert len(quoted) >= 2 and all(any(w in c.text.lower().split() for w in ("ik", "mij")) for c in quoted)
    assert ("In English" in a.text) == (language == "en")


@pytest.mark.parametrize("question, language", [
    ("Who wrote the article, and what is its main point?", "en"),
    ("Van wie is dat stuk over vertrouwen en wat is in het kort de strekking?", "nl"),
])
def test_who_wrote_it_and_what_it_argues_gets_both(real_assistant, question, language):
    """Asked for the author and the core at once, the answer names the author and then explains the conclusion."""
    a = real_assistant.ask(question, language=language)
    assert not a.refused and a.question_type == "meta"
    assert a.text.splitlines()[0].endswith("René Rensen.")
    assert any(c.passage.meta["kind"] == "concept" and "conclu" in c.passage.meta["title"].lower()
               for c in a.citations)
    assert ("no biography" if language == "en" else "geen biografie") not in a.text


@pytest.mark.parametrize("question", [
    "Who is the owner of this problem in my team, me or my deputy?",
    "Wie is er verantwoordelijk als mijn team een deadline mist?",
    "My team asks who wrote the new rules; how do I explain them?",
])
def test_other_questions_with_who_are_not_about_the_author(question):
    from assistant.authors import asks_about_author

    assert not asks_about_author(question, {"rensen"})


def test_the_shipped_router_is_the_one_training_gives(real_assistant):
    """The router fit shipped for the built-in knowledge base is current (else `coach dev router-model`) and scores
    exactly as training it again would; a first start then need not train for ten seconds."""
    import json

    import numpy as np
    import sklearn

    from assistant.router import ROUTER_MODEL, Router, router_key
    from assistant.safety_bank import embed_query

    views = real_assistant.index.views()
    key = router_key(views.by_doc, real_assistant.index.embedding_model)
    meta = json.loads(ROUTER_MODEL.with_suffix(".json").read_text())
    if meta["sklearn"] != sklearn.__version__:
        pytest.skip(f"shipped with scikit-learn {meta['sklearn']}, installed {sklearn.__version__}: trained at start")
    assert meta["key"] == key, "the playbook or the router changed: run `coach dev router-model`"
    shipped = real_assistant.knowledge.router()
    trained = Router(views.by_doc, lambda t: np.asarray(real_assistant.index.query_embeddings.embed_documents(t)),
                     embed_query)
    for question in ("My team ignores the new rota", "Ik durf niet te delegeren", "What is trust, according to her?"):
        a, b = shipped.scores(question), trained.scores(question)
        # a fit on another CPU may drift in the last digits (BLAS summation order), never in the ranking
        assert np.abs(a - b).max() < 1e-4
        assert int(np.argmax(a)) == int(np.argmax(b))


def test_a_shipped_router_fit_for_other_content_is_not_used():
    from assistant.router import shipped_fit

    assert shipped_fit("not the key of any knowledge base") is None


@pytest.mark.parametrize("question, newcomer", [
    ("Our new buyer joined last week. How much should I leave to her in her first month?", True),
    ("Hoe kom je er in een sollicitatiegesprek achter of iemand eerlijk is?", True),
    ("I was appointed head of this department a month ago and the team still keeps me at a distance.", False),
    ("Ik ben net begonnen als leidinggevende van een team dat mij nog niet kent", False),
])
def test_a_newcomer_in_the_team_is_not_a_new_manager(real_assistant, question, newcomer):
    a = real_assistant.ask(question)
    assert not a.refused and (a.situations[0]["id"] == "new-team-member") is newcomer, a.situations


def test_asked_for_the_writer_and_what_he_concludes_the_answer_gives_both(real_assistant):
    a = real_assistant.ask("Tell me who the writer is, and what he ends up concluding.")
    assert a.question_type == "meta" and a.text.splitlines()[0].endswith("René Rensen.")
    assert any(c.passage.meta["kind"] == "concept" and "conclu" in c.passage.meta["title"].lower()
               for c in a.citations)


@pytest.mark.parametrize("question, language, heading", [
    ("Give me the key points of Rensen's text, I have to present it on Monday", "en", "The article's main points"),
    ("Wat zijn de hoofdpunten van dit artikel over vertrouwen?", "nl", "De hoofdpunten van het artikel"),
])
def test_a_summary_of_the_article_gives_its_points_in_reading_order_and_its_ending(real_assistant, question,
                                                                                   language, heading):
    """Every note's point once, ordered as the article makes them, then the closing paragraph quoted whole."""
    a = real_assistant.ask(question, language=language)
    assert not a.refused and a.text.startswith(f"**{heading}")
    notes = [c for c in a.citations if c.passage.meta["kind"] == "concept"]
    assert len(notes) >= 4 and len({c.passage.meta["title"] for c in notes}) == len(notes)
    closing = [c for c in a.citations if c.passage.meta["kind"] == "article"]
    assert len(closing) == 1 and closing[0].text.startswith("Kortom")
    assert (language == "en") == ("In English: “In short" in a.text)
    # reading order: the definition (what trust is) before the noun-or-verb point at the end of the article
    titles = [c.passage.meta["title"] for c in notes]
    first = next(i for i, t in enumerate(titles) if "tastbaar" in t or "tangible" in t)
    last = next(i for i, t in enumerate(titles) if "werkwoord" in t.lower() or "verb" in t.lower())
    assert first < last


@pytest.mark.parametrize("question", [
    "Summarise what the article says about control, briefly",
    "Wat betoogt Rensen over wantrouwen? Graag kort samengevat.",
    "Summarise the article's conclusion for me",
])
def test_a_summary_of_one_theme_or_of_the_ending_is_not_the_whole_overview(real_assistant, question):
    a = real_assistant.ask(question)
    assert not a.refused and a.question_type in ("concept", "meta")
    assert "main points" not in a.text and "hoofdpunten" not in a.text


@pytest.mark.parametrize("question", [
    "Summarise what the article says about giving feedback to a defensive employee",
    "I need a summary of my team's quarter for my director; how do I keep it honest?",
])
def test_a_summary_of_a_situation_is_not_the_article_overview(real_assistant, question):
    a = real_assistant.ask(question)
    assert not a.refused and "main points" not in a.text


def test_the_whole_article_summarised_with_its_ending_and_in_a_conversation(real_assistant):
    """Naming the ending beside the whole text, or asking in a conversation about something else, still gives it."""
    a = real_assistant.ask("Summarise the whole article for me: its main points and how it concludes.")
    assert a.text.startswith("**The article's main points")
    history = [{"role": "user", "content": "My team resists every change we introduce."},
               {"role": "assistant", "content": real_assistant.ask("My team resists every change we introduce.").text}]
    b = real_assistant.ask("Thanks. Could you give me the key points of Rensen's article too?", history)
    assert b.text.startswith("**The article's main points")
    assert all(c.passage.id in b.context_ids for c in b.citations)  # what it cites was handed to it


def test_who_the_writer_is_of_something_else_is_no_author_question():
    from assistant.authors import asks_about_author

    assert not asks_about_author("How do I find out who the writer is of an anonymous complaint about my team?")
    assert not asks_about_author("Ik wil weten wie de schrijver is van die anonieme brief aan het team")
    assert asks_about_author("Tell me who the writer is.")


@pytest.mark.parametrize("text, plain", [
    ("Our demo for the investors totally killed last week, now the team wants credit.", True),
    ("we killed it at the client workshop", True),
    ("A colleague was killed in a car crash on Friday.", False),
    ("He killed himself last spring and the team still struggles.", False),
    ("they were nearly killed on the site", False),
    ("I'm crushed after the layoffs and so is my team.", False),
    ("He killed someone in a car accident last year and came back to work this week.", False),
])
def test_a_success_told_in_words_of_death_is_routed_as_a_success(text, plain):
    from assistant.router import plain_success

    assert ("very well" in plain_success(text)) is plain


@pytest.mark.parametrize("question, opening", [
    ("Wat concludeert Rensen eigenlijk, in een paar zinnen?", "Rensen concludeert"),
    ("In short, what does Rensen conclude at the end of his article?", "Rensen concludes"),
])
def test_the_conclusion_is_said_before_what_is_said_about_it(real_assistant, question, opening):
    a = real_assistant.ask(question)
    assert a.text.lstrip().startswith(opening), a.text[:200]


def test_a_success_in_words_of_death_is_not_routed_to_grief(router):
    route = router.route("Our demo for the investors totally killed last week, but two analysts did most of the "
                         "work and feel I took the credit. How do I share the win?")
    assert route.top != "grief-and-loss", route.scores[:3]


def test_a_card_that_presumes_an_event_ranks_low_when_the_question_names_none(router):
    """A divorce is no bereavement: the grief card steps back unless a death or loss is named."""
    divorce = ("My team lead's marriage just ended and he is heartbroken; he cries in the car park before his shift "
               "and his team covers for him. How do I support him without overloading the rest?")
    death = divorce.replace("marriage just ended and he is heartbroken", "husband died last month")
    assert "grief-and-loss" not in router.route(divorce).chosen, router.route(divorce).scores[:3]
    assert router.route(death).top == "grief-and-loss", router.route(death).scores[:3]


@pytest.mark.parametrize("card, text, names", [
    ("grief-and-loss", "her father passed away on sunday", True),
    ("grief-and-loss", "zijn vader is vorige week overleden", True),
    ("grief-and-loss", "we are overloading the rest of the team", False),  # "overleden" is a whole word
    ("grief-and-loss", "she filed a grievance about her schedule", False),
    ("grief-and-loss", "I accidentally sent the wrong file", False),
    ("grief-and-loss", "hij is ongelukkig in zijn rol", False),
    ("after-layoffs", "na de ontslagronde is iedereen stil", True),
    ("after-layoffs", "he is dismissive of every idea", False),
    ("merger-two-teams", "since the merger it is us versus them", True),
    ("new-manager", "any text at all", True),  # a card that presumes nothing
])
def test_the_event_a_card_presumes_is_named_in_whole_words_across_its_languages(router, card, text, names):
    assert router.situations[card].names_its_event(text) is names


@pytest.mark.parametrize("text", [
    "Op onze productielocatie worden kleine ongelukken nooit bij mij gemeld; ik lees ze pas terug in de maandcijfers "
    "van de veiligheidsafdeling.",
    "In my warehouse, forklift scrapes and dropped pallets never come up in the morning meeting. I only see them "
    "when the damage claims arrive.",
])
def test_mistakes_nobody_reports_route_to_news_that_comes_too_late(router, text):
    """Bad news late is not only a project turning red: a mistake or near-miss the team keeps to itself is the same
    silence on the work floor."""
    assert "bad-news-late" in [s for s, _ in router.route(text).scores[:2]], router.route(text).scores[:3]
