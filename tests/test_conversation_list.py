"""Earlier conversations: listed per person, reopened as the chat showed them, renamed and deleted."""

import time

import pytest

from assistant import conversation_list
from assistant.storage import SQLiteStorage as Storage


@pytest.fixture
def stored(records, fake_assistant):
    cid = records.new_conversation("ana", "My team resists the new planning system")
    for question in ("My team resists the new planning system", "And what if they say no?"):
        records.keep_exchange(cid, fake_assistant.ask(question).as_dict(), user="ana")
    return records, cid


def test_a_conversation_reopens_as_the_chat_showed_it(stored):
    records, cid = stored
    chat, state, panel = conversation_list.reopen(records, cid, "ana")
    assert [m["role"] for m in chat] == ["user", "assistant", "user", "assistant"]
    assert chat[0]["content"] == "My team resists the new planning system"
    # Citation markers link to the passage panel, numbered per answer as in the live chat.
    assert 'href="#cite-1-' in chat[1]["content"] and 'href="#cite-2-' in chat[3]["content"]
    assert state["cid"] == cid and [turn for turn, _ in state["citations"]] == [2, 1]
    assert 'id="cite-1-' in panel and 'id="cite-2-' in panel


def test_a_stopped_answer_reopens_with_what_had_arrived_marked_as_stopped(records):
    cid = records.new_conversation("ana", "My director wants status sheets")
    records.keep_stopped(cid, "My director wants status sheets", "Start with [1] <b>what</b>", user="ana")
    [(_, listed)] = conversation_list.choices(records, "ana")  # a conversation with a stopped answer is listed
    chat, state, panel = conversation_list.reopen(records, listed, "ana", "nl")
    assert [m["content"] for m in chat] == ["My director wants status sheets",
                                            "Start with [1] &lt;b&gt;what&lt;/b&gt;\n\n*(gestopt)*"]
    assert state == {"cid": cid, "citations": []} and panel == ""  # no links to passages it never cited
    assert records.messages(cid, "ana")[1]["answer"] == {"question": "My director wants status sheets",
                                                        "answer": "Start with [1] <b>what</b>", "stopped": True}


def test_only_the_owner_sees_renames_or_deletes_a_conversation(stored):
    records, cid = stored
    assert conversation_list.reopen(records, cid, "bo") == ([], {}, "")
    assert conversation_list.choices(records, "bo") == []
    assert not records.rename_conversation(cid, "mine now", "bo")
    assert not records.delete_conversation(cid, "bo")
    assert records.rename_conversation(cid, "  Planning   system\n resistance ", "ana")
    [(label, listed)] = conversation_list.choices(records, "ana")
    assert listed == cid and label.endswith("· Planning system resistance")
    with pytest.raises(ValueError, match="needs a title"):
        records.rename_conversation(cid, "   ", "ana")
    records.give_feedback(cid, 1, "down", question="q", answer="a", user="ana")
    assert records.delete_conversation(cid, "ana")
    assert records.messages(cid, "ana") == [] and records.conversations("ana") == []
    assert all(f["conversation_id"] != cid for f in records.feedback())


@pytest.mark.parametrize("ago, looks_like", [(60, r"^\d\d:\d\d$"), (40 * 86400, r"^\d{1,2} \w{3}$"),
                                             (800 * 86400, r"^\d{1,2} \w{3} \d{4}$")])
def test_dates_read_as_people_read_them(ago, looks_like):
    import re

    now = time.mktime((2026, 11, 29, 15, 0, 0, 0, 0, -1))
    assert re.match(looks_like, conversation_list.when(now - ago, now))


def test_plans_are_listed_and_reopened_for_their_owner_only(tmp_path):
    records = Storage(tmp_path / "app.sqlite")
    pid = records.save_plan("A coachee who checks   every report\nher analysts write", "# Plan\n\n- step", "ana")
    [(label, listed)] = conversation_list.plan_choices(records, "ana")
    assert listed == pid and label.endswith("· A coachee who checks every report her analysts write")
    assert conversation_list.plan(records, pid, "ana") == ("A coachee who checks   every report\nher analysts write",
                                                          "# Plan\n\n- step")
    assert conversation_list.plan(records, pid, "bo") is None and conversation_list.plan_choices(records, "bo") == []


def test_a_conversation_without_a_stored_turn_is_not_listed(records):
    records.new_conversation("ana", "stopped before the first answer arrived")
    kept = records.new_conversation("ana", "answered")
    records.keep_exchange(kept, {"question": "answered", "answer": "a"}, user="ana")
    assert [cid for _, cid in conversation_list.choices(records, "ana")] == [kept]
    assert len(records.conversations("ana")) == 2
