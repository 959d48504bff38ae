"""The web app through a live server on loopback: gradio_client for the API, chromium for the page."""

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.browser_steps import (
    ask_and_open_first_citation,
    dialog_text,
    open_from_sidebar,
    page_labels,
    switch_interface_language,
)
from tests.conftest import chromium_page, running_app

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def client(server):
    from gradio_client import Client

    return Client(server[0] + "/", verbose=False)


def test_readiness(server):
    r = httpx.get(server[0] + "/healthz")
    assert r.json()["status"] == "ready" and r.json()["chunks"] > 100


def test_chat_answer_with_citations(client):
    d = client.predict("My team resists the change I want to make", [], None, api_name="/chat")
    assert not d["refused"] and d["citations"]
    assert {c["id"] for c in d["citations"]} <= {p["id"] for p in d["retrieved"]}
    assert "[1]" in d["answer"]


def test_follow_up_uses_history(client):
    history = [{"role": "user", "content": "I broke a promise to my team and trust is gone."},
               {"role": "assistant", "content": "..."}]
    d = client.predict("What should I say to them?", history, None, api_name="/chat")
    assert "promise" in d["standalone_question"] and not d["refused"]
    assert d["question_type"] == "follow_up" and d["situations"] and "(context:" not in d["answer"]


def test_clarifying_question_and_the_chosen_option_through_the_api(client):
    d = client.predict("het vertrouwen is weg", [], None, api_name="/chat")
    assert d["clarify"] and d["clarify"]["question"] in d["answer"] and not d["refused"]
    chosen = d["clarify"]["options"][1]
    e = client.predict("het vertrouwen is weg", [], chosen, api_name="/chat")
    assert e["clarify"] is None and e["situations"][0]["id"] == chosen and e["advice"]
    bad = client.predict("het vertrouwen is weg", [], "no-such-id", api_name="/chat")
    assert "Unknown situation" in bad["error"]


def test_browser_clarifying_question_shows_options_that_continue(server):
    ARTIFACTS.mkdir(exist_ok=True)
    with chromium_page() as page:
        page.goto(server[0] + "/")
        page.fill("#question textarea", "het vertrouwen is weg")
        page.click("#send")
        page.wait_for_selector("#clarify label", timeout=30_000)
        options = page.locator("#clarify label")
        assert options.count() in (2, 3)
        page.screenshot(path=str(ARTIFACTS / "clarify.png"))
        options.nth(0).click()
        page.wait_for_selector("#chatbot >> text=→", timeout=30_000)
        page.wait_for_selector("#chatbot >> text=Wat je kunt proberen", timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "clarify-answered.png"))


def test_prepare_plan(client):
    d = client.predict("My coachee checks everything her team does", "let go", 60, api_name="/prepare")
    assert "## Agenda" in d["markdown"] and d["citations"] and d["plan_id"]


def test_bad_chat_input(client):
    assert "empty" in client.predict("   ", [], None, api_name="/chat")["error"]
    assert "20,000 characters" in client.predict("x" * 20_000, [], None, api_name="/chat")["error"]
    assert "not int" in client.predict("How do I delegate?", 42, None, api_name="/chat")["error"]
    nested: list = []
    for _ in range(600):
        nested = [nested]
    assert "error" in client.predict("How do I delegate?", nested, None, api_name="/chat")
    for minutes in ("abc", 1e300):
        assert "minutes" in client.predict("My coachee checks everything", "", minutes, api_name="/prepare")["error"]


def test_lone_surrogates_in_raw_json_are_dropped(server):
    import json

    body = json.dumps({"data": ["my team \ud800 resists the new rota", [], None]}).encode()  # \\ud800 escape
    r = httpx.post(server[0] + "/gradio_api/call/chat", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 200, r.text
    with httpx.stream("GET", f"{server[0]}/gradio_api/call/chat/{r.json()['event_id']}", timeout=60) as s:
        out = "".join(s.iter_text())
    assert "event: complete" in out and "Traceback" not in out and "resists the new rota" in out


def test_upload_then_searchable(client, tmp_path):
    from gradio_client import handle_file

    f = tmp_path / "onboarding-notes.md"
    f.write_text("# Onboarding buddies\n\nEvery new hire gets a buddy who explains the unwritten rules "
                 "of the zebracorn department.\n", encoding="utf-8")
    rows = client.predict([handle_file(str(f))], api_name="/upload")[0]
    assert "added" in rows["data"][0][1]
    again = client.predict([handle_file(str(f))], api_name="/upload")[0]
    assert "already" in again["data"][0][1]
    hits = client.predict("zebracorn department buddy", api_name="/search")
    assert any("zebracorn" in row[-1] for row in hits["data"])


def test_twenty_simultaneous_conversations(client, server):
    from gradio_client import Client

    questions = [f"My team resists change number {i}" if i % 2 else f"Ik controleer alles, situatie {i}"
                 for i in range(20)]

    def one(i):
        c = Client(server[0] + "/", verbose=False)
        return i, c.predict(questions[i], [], None, api_name="/chat")

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(one, range(20)))
    assert len(results) == 20
    for i, d in results:
        assert "error" not in d and d["question"] == questions[i]  # no answer lands in another session
        assert d["language"] == ("en" if i % 2 else "nl")


@pytest.mark.parametrize("locale, shown, absent", [
    ("nl-NL", ["Verstuur", "Nieuw gesprek", "Kennisbank", "Sessie voorbereiden", "Je vraag", "Klik op een verwijzing"],
     ["Send", "Knowledge", "Click a citation"]),
    ("en-GB", ["Send", "New conversation", "Knowledge", "Prepare a session", "Your question"],
     ["Verstuur", "Kennisbank"]),
])
def test_browser_labels_speak_the_browsers_language_one_at_a_time(server, locale, shown, absent):
    ARTIFACTS.mkdir(exist_ok=True)
    with chromium_page(locale=locale) as page:
        page.goto(server[0] + "/")
        page.wait_for_selector("#send", timeout=30_000)
        text = page.inner_text("body")
        page.screenshot(path=str(ARTIFACTS / f"labels-{locale}.png"))
    for label in shown:
        assert label in text, (locale, label)
    for label in absent:
        assert label not in text, (locale, label)
    assert " / " not in page_labels(text), "a label in two languages at once"


def test_browser_on_a_phone_the_passage_opens_over_the_chat_and_closes(server):
    ARTIFACTS.mkdir(exist_ok=True)
    with chromium_page(width=390, height=844) as page:
        ask_and_open_first_citation(page, server[0], "My new manager checks every email I send to a client")
        page.wait_for_selector("#passages-col.overlay-open", timeout=5_000)
        box = page.locator("#passages-col").bounding_box()
        assert box and 0 <= box["y"] < 844 / 2 and box["height"] <= 844, box  # on screen, not below the export box
        assert page.locator(".passage.active").is_visible()
        page.screenshot(path=str(ARTIFACTS / "phone-passage-overlay.png"))
        close = page.locator("#passages-close").bounding_box()
        assert close and 0 <= close["y"] < 844 and 0 <= close["x"] <= 390 - close["width"], close  # stays on screen
        page.click("#passages-close")
        page.wait_for_selector("#passages-col:not(.overlay-open)", timeout=5_000)
    with chromium_page() as page:  # on a wide screen the panel stays where it is, beside the chat
        ask_and_open_first_citation(page, server[0], "My new manager checks every email I send to a client")
        page.wait_for_selector(".passage.active", timeout=5_000)
        assert page.locator("#passages-col.overlay-open").count() == 0


def test_browser_streams_and_opens_passage(server):
    ARTIFACTS.mkdir(exist_ok=True)
    with chromium_page() as page:
        page.goto(server[0] + "/")
        page.fill("#question textarea", "My team resists the change I want to make")
        page.click("#send")
        # The answer streams in: its first words are on screen, then the linked markers.
        page.wait_for_selector("#chatbot >> text=sounds like", timeout=30_000)
        page.wait_for_selector("a.cite", timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "answer.png"))
        page.click("a.cite >> nth=0")
        page.wait_for_selector(".passage.active", timeout=5_000)
        active = page.locator(".passage.active")
        assert "My team resists the change" in active.inner_text()
        assert active.locator("mark").count() == 1
        page.screenshot(path=str(ARTIFACTS / "passage-panel.png"))
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(ARTIFACTS / "phone.png"))
        page.set_viewport_size({"width": 1280, "height": 900})
        # A follow-up typed in the browser keeps its history (the browser sends turns as text blocks) ...
        page.fill("#question textarea", "And what if they just say no?")
        page.click("#send")
        page.wait_for_function("document.querySelectorAll('#chatbot .message-row, #chatbot [data-testid=bot]')"
                               ".length >= 4 || document.querySelectorAll('#chatbot a.cite').length > 8",
                               timeout=30_000)
        page.wait_for_timeout(1500)
        # ... and the export holds the plain text of both questions, not a repr of those blocks.
        page.click("#export")
        link = page.locator("#export-file a").first
        link.wait_for(timeout=15_000)
        with page.expect_download() as info:
            link.click()
        exported = Path(info.value.path()).read_text(encoding="utf-8")
        assert "My team resists the change I want to make" in exported
        assert "And what if they just say no?" in exported and "'type'" not in exported
        page.click("#new")
        page.wait_for_function("!document.querySelector('#export-file a')", timeout=10_000)


def test_load_test_counts_answers_and_crossed_turns(server):
    from assistant.devtools.loadtest import run_load

    r = run_load(server[0] + "/", users=4, turns=2, timeout_s=120)
    assert r["answers"] == 8 and r["errors"] == 0 and r["lost_turns"] == 0 and r["crossed_turns"] == 0
    assert r["p95_ms"] > 0 and r["answers_per_s"] > 0


def test_about_page_says_what_it_is_what_it_uses_and_does_not_do(fake_assistant):
    from assistant.webapp_about import about_markdown

    text = about_markdown(fake_assistant)
    # The sources are what this knowledge base holds: three notes and no article (tests/test_second_kb.py and
    # the real knowledge base's test name their article and its author).
    assert "Rensen" not in text and "the article every answer goes back to" not in text
    for needle in ("What it does not do", "113", "Your conversations", "stored on this computer",
                   "documents in", "passages"):
        assert needle in text, needle
    assert "{'" not in text  # no raw Python values


def test_browser_asks_before_removing_an_upload(client, server, tmp_path):
    from gradio_client import handle_file

    f = tmp_path / "team-charter.md"
    f.write_text("# Team charter quokka\n\nWe agree how we decide and how we disagree in the quokka team.\n",
                 encoding="utf-8")
    assert "added" in client.predict([handle_file(str(f))], api_name="/upload")[0]["data"][0][1]
    with chromium_page() as page:
        page.goto(server[0] + "/")
        page.get_by_role("tab", name="Knowledge").click()

        def choose():
            page.click("#removable input")
            page.get_by_role("option", name="Team charter quokka").first.click()

        choose()
        page.once("dialog", lambda d: d.dismiss())  # "Cancel": nothing is removed
        page.click("#remove")
        page.wait_for_selector("#remove-result >> text=Nothing removed", timeout=10_000)
        assert any("quokka" in row[-1] for row in client.predict("quokka team charter", api_name="/search")["data"])
        choose()
        page.once("dialog", lambda d: d.accept())
        page.click("#remove")
        page.wait_for_selector("#remove-result >> text=removed", timeout=10_000)
        page.wait_for_function("!document.querySelector('#remove-result').innerText.includes('Nothing')",
                               timeout=10_000)
    assert not any("quokka" in row[-1] for row in client.predict("quokka team charter", api_name="/search")["data"])


CONFIRMATIONS = {"nl": ["Dit gesprek verwijderen?", "Dit document uit de kennisbank verwijderen?"],
                 "en": ["Delete this conversation?", "Remove this document from the knowledge base?"]}


@pytest.mark.parametrize("locale, switch_to, language", [("nl-NL", None, "nl"), ("en-GB", None, "en"),
                                                         ("en-GB", "Nederlands", "nl")])
def test_browser_confirmations_ask_in_the_interface_language_only(client, server, tmp_path, locale, switch_to,
                                                                  language):
    """Deleting a conversation and removing an upload ask in the labels' language (browser or Settings), one only."""
    from gradio_client import handle_file

    client.predict("My team resists the change I want to make", [], None, api_name="/chat")  # one to delete
    title = f"Walrus rota {locale} {switch_to or 'browser'}"
    f = tmp_path / f"walrus-rota-{language}-{locale}.md"
    f.write_text(f"# {title}\n\nThe walrus team agrees who takes the early shift.\n", encoding="utf-8")
    assert "added" in client.predict([handle_file(str(f))], api_name="/upload")[0]["data"][0][1]
    with chromium_page(locale=locale) as page:
        page.goto(server[0] + "/")
        page.wait_for_selector("#send", timeout=30_000)
        if switch_to:
            switch_interface_language(page, switch_to)
        page.click("#sidebar button[aria-label='Toggle Sidebar']")
        page.locator("#history label").first.click()
        asked = [dialog_text(page, "#history-delete", accept=False)]
        page.click("#sidebar button[aria-label='Toggle Sidebar']")  # out of the Knowledge tab's way
        page.click("#tab-knowledge-button")
        page.click("#removable input")
        page.get_by_role("option", name=title).first.click()
        asked.append(dialog_text(page, "#remove", accept=True))  # the upload goes: the server stays as it was
        page.wait_for_selector(f"#remove-result >> text={title}", timeout=10_000)  # "Removed '…'."
    assert asked == CONFIRMATIONS[language], (locale, switch_to, asked)
    assert not any(" / " in text for text in asked)


@pytest.mark.slow  # a real `coach serve` against an OpenAI-compatible stub that streams slowly, and chromium
def test_stop_ends_a_streaming_answer_and_the_next_question_is_answered(real_data_dir, tmp_path):
    pytest.importorskip("langchain_openai")
    from tests.openai_stub import Script, openai_stub

    data = tmp_path / "data"
    shutil.copytree(real_data_dir, data)
    words = " ".join(f"word{n}" for n in range(200))
    script = Script(f"Start {words} end [1].", delay_s=0.1)  # about 20 s of stream
    with openai_stub(script) as base, running_app(data, tmp_path, COACH_BACKEND="openai", COACH_MODEL="stub",
                                                 COACH_LLM_BASE_URL=base) as url:
        with chromium_page() as page:
            page.goto(url + "/")
            page.fill("#question textarea", "How do I delegate results to my team?")
            page.click("#send")
            page.wait_for_selector("#chatbot :text('word5')", timeout=60_000)
            page.click("#stop")
            page.wait_for_timeout(1500)
            stopped = page.inner_text("#chatbot")
            page.wait_for_timeout(2000)
            assert page.inner_text("#chatbot") == stopped  # nothing more arrives after Stop
            assert "word199" not in stopped


def test_browser_earlier_conversations_reopen_rename_and_delete(server):
    ARTIFACTS.mkdir(exist_ok=True)
    question = "Since the merger my two teams eat lunch at separate tables. How do I bring them together?"
    with chromium_page() as page:
        page.goto(server[0] + "/")
        page.fill("#question textarea", question)
        page.click("#send")
        page.wait_for_selector("a.cite", timeout=30_000)
        page.click("#new")
        page.wait_for_function("!document.querySelector('#chatbot a.cite')", timeout=10_000)
        open_from_sidebar(page, "history", "Since the merger my two teams", "history-open")
        # The conversation comes back as it was: the question, the answer with working citation links.
        page.wait_for_selector("#chatbot >> text=separate tables", timeout=15_000)
        page.wait_for_selector("#chatbot a.cite", timeout=15_000)
        page.click("#chatbot a.cite >> nth=0")
        page.wait_for_selector(".passage.active", timeout=5_000)
        page.screenshot(path=str(ARTIFACTS / "history-reopened.png"))
        page.click("#sidebar button[aria-label='Toggle Sidebar']")
        page.fill("#history-title textarea", "Merger lunch tables")
        page.click("#history-rename")
        page.locator("#history label", has_text="Merger lunch tables").wait_for(timeout=15_000)
        page.once("dialog", lambda dialog: dialog.dismiss())  # cancelled: nothing changes
        page.click("#history-delete")
        page.wait_for_timeout(1500)
        assert page.locator("#history label", has_text="Merger lunch tables").count() == 1
        assert page.locator("#chatbot a.cite").count() > 0
        page.once("dialog", lambda dialog: dialog.accept())
        page.click("#history-delete")
        page.wait_for_function("!Array.from(document.querySelectorAll('#history label'))"
                               ".some(l => l.innerText.includes('Merger lunch tables'))", timeout=15_000)
        page.wait_for_function("!document.querySelector('#chatbot a.cite')", timeout=10_000)



def test_browser_the_chat_fills_the_window_and_only_the_clicked_passage_is_open(server):
    """The chat grows with the window; the passage panel shows titles, and the passage clicked, open."""
    heights = {}
    for tall in (900, 1300):
        with chromium_page(width=1400, height=tall) as page:
            page.goto(server[0] + "/")
            page.wait_for_selector("#send", timeout=30_000)
            box = page.locator("#chatbot").bounding_box()
            assert box
            heights[tall] = box["height"]
    assert heights[1300] - heights[900] >= 300, heights  # not one fixed height
    assert heights[900] + 330 <= 900 + 40, heights  # the question box stays on the first screen
    with chromium_page() as page:
        ask_and_open_first_citation(page, server[0], "My team ignores the new planning tool")
        page.wait_for_selector(".passage.active", timeout=5_000)
        passages = page.locator("details.passage")
        assert passages.count() >= 2
        opened = page.locator("details.passage[open]")
        assert opened.count() == 1 and opened.first.get_attribute("class") == "passage active"
        page.click("#chatbot a.cite >> nth=1")
        page.wait_for_function("document.querySelectorAll('details.passage[open]').length === 1 && "
                               "document.querySelector('details.passage[open]').id.endsWith('-2')", timeout=5_000)


def test_browser_a_conversation_exports_to_word_named_after_its_first_question_with_footnotes(server):
    import zipfile

    with chromium_page() as page:
        page.goto(server[0] + "/")
        page.fill("#question textarea", "My team resists the change I want to make")
        page.click("#send")
        page.wait_for_selector("#chatbot a.cite", timeout=30_000)
        page.wait_for_timeout(1000)  # the answer is stored as it lands
        page.locator("#export-format label", has_text=".docx").click()
        page.click("#export")
        link = page.locator("#export-file a").first
        link.wait_for(timeout=15_000)
        with page.expect_download() as info:
            link.click()
        name = info.value.suggested_filename
        with zipfile.ZipFile(info.value.path()) as z:
            body, notes = z.read("word/document.xml").decode(), z.read("word/footnotes.xml").decode()
    assert name == "my-team-resists-the-change-i-want-to-make.docx"
    assert "My team resists the change I want to make" in body and "<w:footnoteReference " in body
    assert 'w:id="1"' in notes and "[^" not in body
