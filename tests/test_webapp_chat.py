"""The chat of the web app while an answer streams: New and Stop, through a live server and chromium.

The server answers with a chat model: an OpenAI-compatible stub (``tests.openai_stub``) that streams slowly, so
there is time to press a button while the answer is still arriving.
"""

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import chromium_page, running_app

pytestmark = pytest.mark.slow  # a real `coach serve`, a streaming stub and chromium

SLOW = "Start " + " ".join(f"word{n}" for n in range(200)) + " end [1]."  # about 20 s of stream


@pytest.fixture(scope="module")
def llm_server(real_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, object]]:
    """`coach serve` with the OpenAI backend against a slow stub; yields its URL, data directory and the script."""
    pytest.importorskip("langchain_openai")
    from tests.openai_stub import Script, openai_stub

    data = tmp_path_factory.mktemp("llm") / "data"
    shutil.copytree(real_data_dir, data)
    script = Script(SLOW, delay_s=0.1)
    with openai_stub(script) as base, running_app(data, tmp_path_factory.mktemp("cwd"), COACH_BACKEND="openai",
                                                 COACH_MODEL="stub", COACH_LLM_BASE_URL=base) as url:
        yield url, data, script


def stored_conversations(data: Path) -> list[list[dict]]:
    """Every stored conversation's turns (role, content, answer), as the library API reads them."""
    from assistant.config import load_settings
    from assistant.user_records import UserRecords

    records = UserRecords(load_settings(data_dir=data))
    return [records.messages(c["id"]) for c in records.conversations()]


def wait_until_stored(data: Path, question: str, timeout_s: float = 60) -> list[dict]:
    """The stored conversation that holds ``question`` (waits for its answer to be stored)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for turns in stored_conversations(data):
            if any(t["role"] == "user" and t["content"] == question for t in turns):
                return turns
        time.sleep(0.3)
    raise AssertionError(f"{question!r} was never stored")


def start_slow_answer(page, url: str, script, question: str) -> None:
    """Ask ``question`` on a fresh page and wait until the slow answer is streaming."""
    script.text, script.delay_s = SLOW, 0.1
    page.goto(url + "/")
    page.fill("#question textarea", question)
    page.click("#send")
    page.wait_for_selector("#chatbot :text('word5')", timeout=60_000)


def wait_until_idle(page) -> None:
    """Wait until no event of the page is running (a button pressed meanwhile would be ignored)."""
    page.wait_for_function("!document.querySelector('.generating')", timeout=15_000)


def test_browser_new_conversation_cancels_the_streaming_answer_and_starts_clean(llm_server):
    url, data, script = llm_server
    first = "My team resists the new planning tool. What can I do?"
    second = "How do I give feedback to a senior colleague?"
    with chromium_page() as page:
        start_slow_answer(page, url, script, first)
        page.click("#new")
        wait_until_idle(page)
        page.wait_for_timeout(2500)  # the old answer would have streamed on for 25 more words by now
        shown = page.inner_text("#chatbot")
        assert "word" not in shown and "planning tool" not in shown, shown
        script.text, script.delay_s = "Agree on one thing to try [1].", 0.0
        page.fill("#question textarea", second)
        page.click("#send")
        turns = wait_until_stored(data, second)
        page.wait_for_timeout(500)
        assert "planning tool" not in page.inner_text("#chatbot")
    # The next question started a conversation of its own: the old one did not come back into it.
    assert [t["content"] for t in turns if t["role"] == "user"] == [second]


def test_browser_the_chats_trash_icon_starts_a_new_conversation(llm_server):
    """Emptying the chat with its own trash icon is starting over: the next question is not added to the old one."""
    url, data, script = llm_server
    first = "How do I let go of checking every report my team writes?"
    second = "How do I run a retrospective that people actually speak up in?"
    with chromium_page() as page:
        script.text, script.delay_s = "Agree on one thing to try [1].", 0.0
        page.goto(url + "/")
        page.fill("#question textarea", first)
        page.click("#send")
        wait_until_stored(data, first)
        wait_until_idle(page)
        page.click("#chatbot button[aria-label='Clear']")
        page.wait_for_timeout(1000)  # the clear event's own steps start after the screen is emptied
        wait_until_idle(page)
        page.fill("#question textarea", second)
        page.click("#send")
        turns = wait_until_stored(data, second)
        page.wait_for_timeout(500)
        assert first not in page.inner_text("#chatbot")
    assert [t["content"] for t in turns if t["role"] == "user"] == [second]


def test_browser_a_stopped_answer_stays_in_the_conversation_marked_as_stopped(llm_server):
    url, data, script = llm_server
    first = "Our director wants weekly status sheets on every person. How do I handle that?"
    follow_up = "And what if she gets defensive?"
    with chromium_page() as page:
        start_slow_answer(page, url, script, first)
        page.click("#stop")
        page.wait_for_selector("#chatbot :text('(stopped)')", timeout=10_000)
        wait_until_idle(page)
        shown = page.inner_text("#chatbot")
        assert first in shown and "word5" in shown, shown  # what had arrived stays on the page
        script.text, script.delay_s = "Name what you see and ask [1].", 0.0
        page.fill("#question textarea", follow_up)
        page.click("#send")
        turns = wait_until_stored(data, follow_up)
    assert [t["content"] for t in turns if t["role"] == "user"] == [first, follow_up]
    stopped = turns[1]
    assert stopped["role"] == "assistant" and "word5" in stopped["content"] and "word199" not in stopped["content"]
    assert stopped["answer"]["stopped"] is True
