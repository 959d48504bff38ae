"""Questions asked for someone else: a partner, relative or friend who leads; the answer is written for them."""

from __future__ import annotations

import pytest

from assistant.proxy import asking_for


@pytest.mark.parametrize("text, language, who", [
    ("My daughter manages a small bakery team and two bakers keep undermining her in front of the others. "
     "How could she handle it?", "en", "your daughter"),
    ("My partner runs an IT helpdesk; since the reorganisation nobody tells him about problems until it's too "
     "late. What can he do about that?", "en", "your partner"),
    ("Mijn broer is net chef geworden in een restaurant en zijn koks luisteren niet. Hoe kan hij dat aanpakken?",
     "nl", "je broer"),
    ("Mijn vrouw leidt een team verpleegkundigen en durft niets los te laten. Wat zou ze kunnen doen?", "nl",
     "je vrouw"),
    ("My sister leads a call-centre team and her people do the minimum. How can I help her?", "nl", "je zus"),
    ("so my brother in law runs a bike shop and his two mechanics fight all the time, what should he do", "en",
     "your brother-in-law"),
])
def test_a_question_for_a_relative_or_friend_names_them(text, language, who):
    assert asking_for(text, language) == who


@pytest.mark.parametrize("text", [
    "My wife thinks I work too much. How do I delegate more to my team?",  # the writer leads
    "My wife says I never delegate. Could she be right?",  # an opinion of the writer
    "Mijn vrouw vindt dat ik nooit delegeer. Zou ze gelijk hebben?",
    "My father was a manager for thirty years and always said trust is earned. Does he have a point?",
    "My husband got laid off and I'm distracted at work. How do I support him and still lead well?",  # not a leader
    "Mijn moeder is ziek en ik moet voor haar zorgen. Hoe vertel ik dat aan mijn directeur?",
    "My sister is my deputy and she undermines me in meetings. What can she gain from that?",
    "My brother-in-law is my boss. He never trusts me. What should he do differently?",
    "I lead a team of nine and my brother works in it. Can he be treated like the others?",
    "Mijn man vindt dat ik te veel controleer. Hoe laat ik mijn team meer los?",
])
def test_the_writer_own_situations_are_not_asked_for_someone_else(text):
    assert asking_for(text, "en") == ""


def test_the_answer_is_written_for_the_person_asked_for(real_assistant):
    """The headings and the situation line name the brother; asked for oneself, they address the writer."""
    for_him = real_assistant.ask("My brother was promoted to lead the warehouse crew he used to be part of, and "
                                 "his old mates now brush off everything he asks. What can he do?")
    assert not for_him.refused and for_him.situations[0]["id"] == "promoted-from-within"
    assert "**What your brother could try**" in for_him.text
    assert "**Questions your brother could reflect on**" in for_him.text
    assert for_him.grounding.unsupported_sentences == 0
    if for_him.text.startswith("What you describe"):
        assert for_him.text.startswith("What you describe about your brother sounds like")
    for_me = real_assistant.ask("I was promoted to lead the warehouse crew I used to be part of, and my old mates "
                                "now brush off everything I ask. What can I do?")
    assert "**What you can try**" in for_me.text and "your brother" not in for_me.text


def test_a_follow_up_keeps_answering_for_the_same_person(real_assistant):
    first = "Mijn zus is teamleider geworden van haar oude collega's en die nemen haar niet serieus. Wat kan ze doen?"
    a = real_assistant.ask(first)
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": a.text}]
    b = real_assistant.ask("En als ze dan boos worden?", history)
    assert not b.refused and "je zus" in b.text


def test_a_follow_up_answers_for_the_person_of_the_question_it_follows(real_assistant):
    """Asked for a sister, then for oneself: the follow-up is about the writer's own team, not the sister."""
    turns: list[dict[str, str]] = []
    for q in ("Mijn zus is teamleider geworden van haar oude collega's en die nemen haar niet serieus. "
              "Wat kan ze doen?",
              "Iets anders, over mezelf: ik leid een team van zes engineers en ze komen nooit met ideeën. "
              "Hoe verander ik dat?"):
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": real_assistant.ask(q, turns).text}]
    follow = real_assistant.ask("En als ze dan defensief worden?", turns)
    assert not follow.refused and follow.clarify is None
    assert "je zus" not in follow.text


def test_the_model_is_told_about_the_person_in_the_third_person():
    from assistant.proxy import for_the_model

    assert for_the_model("your sister", "en") == "the writer's sister"
    assert for_the_model("je zus", "nl") == "de zus van de schrijver"
