"""Whose side a question is asked from, on a card that speaks to two parties (the board card)."""

from __future__ import annotations

import pytest

from assistant.perspective import asker_sides, fits_asker, for_asker


@pytest.mark.parametrize("question, sides", [
    ("board doesnt trust me anymore, ceo here", {"executive"}),
    ("Ik ben directeur-bestuurder van een zorggroep en de RvT wil alles zien", {"executive"}),
    ("mijn raad van commissarissen vertrouwt mij niet meer", {"executive"}),
    ("My coachee is CEO and her board has started holding meetings without her", {"executive"}),
    ("I chair the board of a housing corporation and our director presented a rosy budget", {"board"}),
    ("ik zit in de raad van toezicht van een scholengroep en vertrouw het bestuur niet", {"board"}),
    ("How should a board and its CEO rebuild trust?", set()),  # no side: every line stays
    ("als de raad de directeur niet vertrouwt, wat dan?", set()),  # "als" here is "if", not "as"
    ("Onze RvT wil alles zien en ik zit in de knoop met mijn eigen MT", set()),  # "in de knoop" is no seat
    ("I'm the chair of a housing trust and our director hides the numbers", {"board"}),
    # someone else chairs the board: the writer is the executive
    ("I run the family firm as CEO; my uncle chairs the board and reopens each decision I take", {"executive"}),
])
def test_the_side_a_question_is_asked_from(question, sides):
    assert asker_sides(question) == sides


def test_a_line_for_the_other_side_is_left_out_and_the_own_side_marker_dropped():
    ceo, chair = {"executive"}, {"board"}
    exec_line = "As executive, ask the chair for an hour with one question on the agenda."
    chair_line = "As chair, ask the executive for an hour as well, and start with your side."
    shared = "Agree on the routes: board members who want to talk to staff do so with the executive's knowledge."
    assert fits_asker(exec_line, ceo) and not fits_asker(chair_line, ceo) and fits_asker(shared, ceo)
    assert fits_asker(chair_line, chair) and not fits_asker(exec_line, chair)
    assert fits_asker(chair_line, set()) and fits_asker(chair_line, {"board", "executive"})  # unsure: all stay
    assert for_asker(exec_line, ceo) == "Ask the chair for an hour with one question on the agenda."
    assert for_asker(exec_line, chair) == exec_line  # (left out before it is shown)
    assert for_asker("Vraag als bestuurder de voorzitter om een uur", ceo) == "Vraag de voorzitter om een uur"
    assert for_asker("If I am the executive: when did I last tell the board?", ceo) == \
        "When did I last tell the board?"
    # a line for the chair alone keeps its marker for a board member who does not chair
    assert for_asker(chair_line, chair, "I sit on the supervisory board") == chair_line
    assert for_asker(chair_line, chair, "I chair the supervisory board").startswith("Ask the executive")
    # "such as chairing the weekly meeting" is nobody's side
    assert fits_asker("Hand over tasks such as chairing the weekly meeting.", ceo)


@pytest.mark.slow
def test_a_ceo_gets_the_executives_steps_and_a_chair_the_boards(real_assistant):
    ceo = real_assistant.ask("Since the bad quarter my supervisory board second-guesses every decision I make. "
                             "I'm the CEO. How do I get their confidence back?")
    assert ceo.situations and ceo.situations[0]["id"] == "board-and-executive"
    assert "As chair" not in ceo.text and "board member or chair" not in ceo.text and "As executive" not in ceo.text
    chair = real_assistant.ask("I chair the supervisory board of a school group and I no longer believe what our "
                               "director tells us. Where do I start?")
    assert chair.situations and chair.situations[0]["id"] == "board-and-executive"
    assert "As executive" not in chair.text and "If I am the executive" not in chair.text
    # a follow-up does not repeat a line shown without its marker
    follow = real_assistant.ask("And what if the board just says it is their job to check everything?",
                                history=[{"role": "user", "content": ceo.question},
                                         {"role": "assistant", "content": ceo.text}])
    shown = [item["step"] for item in ceo.advice]
    assert not any(item["step"] in shown for item in follow.advice), (shown, follow.advice)


@pytest.mark.parametrize("question, said, presumes", [
    ("Would the rest of the team describe my decisions about my friend the way I would describe them?",
     "My best engineer resigned today and I am angry. How do I handle her last weeks?", True),
    ("Would the rest of the team describe my decisions about my friend the way I would describe them?",
     "A close friend of mine joined my team last month. How do I stay fair?", False),
    ("What does the way I treat this newcomer tell the rest of the team about how I trust them?",
     "My team is tired after the audit. How do I keep them going?", True),
    ("What am I afraid will happen if I say it plainly?", "My team is tired after the audit.", False),
    ("Welke afspraken heb ik met mijn directeur gemaakt?", "Mijn team is moe na de audit. Wat nu?", True),
    ("Hoe lang hoop ik al dat dit zichzelf oplost?", "Mijn team is moe na de audit. Wat nu?", False),
])
def test_a_borrowed_reflective_question_may_not_point_at_someone_never_mentioned(question, said, presumes):
    from assistant.perspective import presumes_unsaid

    language = "nl" if said.startswith("Mijn") else "en"
    assert presumes_unsaid(question, said, language) is presumes
