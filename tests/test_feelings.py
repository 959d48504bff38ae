"""A feeling the leader names is acknowledged in one sentence before the advice."""

from __future__ import annotations

import pytest

from assistant.feelings import acknowledgement, feeling


@pytest.mark.parametrize("question, named", [
    ("after the engagement survey I honestly feel like a fraud as a manager", "failure"),
    ("Ik voel me zo schuldig dat ik haar zo lang heb laten zwoegen", "guilt"),
    ("ze gingen zonder mij lunchen en dat doet meer pijn dan ik wil toegeven", "hurt"),
    ("I have to tell him he's not getting the promotion and I'm dreading it", "fear"),
    ("my planners keep double-booking the vans, it drives me mad", "anger"),
    ("ik lig er al weken wakker van dat mijn team uit elkaar valt", "worry"),
    ("I'm running on fumes and the team still needs me every hour", "exhaustion"),
    # named in a sentence without "I" in a message written in the first person, and other ways of saying them
    ("the survey says i micromanage. to be honest, it stings.", "hurt"),
    ("ik heb hem altijd gesteund en nu ben ik vooral teleurgesteld in hem", "anger"),
    ("sinds de fusie lig ik elke nacht wakker van de planning", "worry"),
    ("this merger is killing me, I do two jobs now", "exhaustion"),
    ("I laughed along at the meeting but it felt awful", "hurt"),
    ("my sales team is killing it this quarter, how do I keep the trust up?", ""),
    ("Gisteren was mijn teamlid erg boos op mij na het gesprek", ""),  # someone else's anger, Dutch word order
    ("I'm not angry, only puzzled by how the team reacted", ""),
    ("She said: 'this planning is killing me'. How do I respond?", ""),  # quoted: hers
    # words of feeling about something else, or not the writer's: no acknowledgement
    ("the reorganisation hurts morale in the warehouse", ""),
    ("het project is gefaald, hoe bespreek ik dat met het team?", ""),
    ("my team feels survivor guilt after the layoffs", ""),
    ("het kan geen kwaad om het team om feedback te vragen", ""),
    ("How do I delegate the monthly report?", ""),
    # someone else's feeling, told by the leader: not the writer's to acknowledge
    ("My planner felt like a failure after the audit; how do I help her?", ""),
    ("Mijn teamleider is woedend over het nieuwe rooster, hoe ga ik daarmee om?", ""),
    ("this hurts our credibility with the client, what do I tell my team?", ""),
])
def test_the_feeling_a_question_names(question, named):
    assert feeling(question) == named
    said = acknowledgement(question, "en")
    assert bool(said) is bool(named)


def test_the_acknowledgement_is_in_the_answers_language():
    assert acknowledgement("het doet me pijn dat ze me niet vroegen", "nl") == "Dat doet pijn, en dat is begrijpelijk."
    assert acknowledgement("they went without me and it really hurts", "en") == \
        "That hurts, and it makes sense that it does."


@pytest.mark.slow
def test_an_answer_acknowledges_the_feeling_before_the_situation(real_assistant):
    a = real_assistant.ask("Since the survey results came in I feel like a failure as a team lead; three people "
                           "wrote that I don't listen. What now?")
    assert not a.refused and a.text.startswith("Feeling that you failed is painful")
    plain = real_assistant.ask("Three people wrote in the survey that I don't listen. What now?")
    assert not plain.text.startswith("Feeling that you failed")
