"""The web app in the language its page shows: labels, server messages, tables, lists and the About page."""

import time
from types import SimpleNamespace

import pytest

from tests.browser_steps import notice, page_labels, switch_interface_language
from tests.conftest import chromium_page


def test_every_message_and_label_is_written_in_each_language_alone():
    from assistant.webapp_copy import EXAMPLES, MESSAGES, UI

    assert set(MESSAGES) == set(UI) == set(EXAMPLES)
    assert all(len(EXAMPLES[language]) == len(EXAMPLES["en"]) for language in UI)  # each language its own examples
    for language, messages in MESSAGES.items():
        assert set(messages) == set(MESSAGES["en"]), language
        for key, text in [*messages.items(), *UI[language].items()]:
            assert " / " not in text, (language, key, text)  # one language at a time, never "English / Nederlands"
    assert all(MESSAGES["nl"][k] != MESSAGES["en"][k] for k in MESSAGES["en"]), "a Dutch message left in English"


@pytest.mark.parametrize("cookies, language", [
    ({"coach_ui_lang": "nl"}, "nl"), ({"coach_ui_lang": "nl-BE"}, "nl"), ({"coach_ui_lang": "EN"}, "en"),
    ({"coach_ui_lang": "de"}, "en"), ({}, "en"), (None, "en"),
])
def test_the_page_language_comes_from_the_pages_cookie_and_an_api_caller_reads_english(cookies, language):
    from assistant.webapp_context import page_language
    from assistant.webapp_copy import say

    request = SimpleNamespace(cookies=cookies)
    assert page_language(request) == language
    assert page_language(None) == page_language(object()) == "en"
    assert say("nothing_removed", page_language(request)) == {"en": "Nothing removed.",
                                                              "nl": "Niets verwijderd."}[language]


def test_tables_lists_and_exports_follow_the_page_language():
    from assistant import conversation_list
    from assistant.conversation_export import conversation_document
    from assistant.webapp_copy import SEARCH_COLUMNS
    from assistant.webapp_knowledge import passage_rows, table

    passage = SimpleNamespace(score=0.5, similarity=None, text="t", meta={"title": "T", "section": "S", "paragraph": 1})
    assert table(SEARCH_COLUMNS, passage_rows([passage]), "nl") == {
        "headers": ["overeenkomst", "titel", "waar", "tekst"], "data": [[0.5, "T", "S ¶1", "t"]]}
    assert table(SEARCH_COLUMNS, [])["headers"][0] == "match"  # the API reads English
    now = time.mktime((2026, 11, 29, 15, 0, 0, 0, 0, -1))
    march = time.mktime((2026, 3, 4, 15, 0, 0, 0, 0, -1))
    assert conversation_list.when(march, now, "nl") == "4 mrt" and conversation_list.when(march, now) == "4 Mar"
    chat = [{"role": "user", "content": "Hoe delegeer ik?"}, {"role": "assistant", "content": "Zo.", "answer": {}}]
    assert conversation_document(chat, "nl", march).markdown.startswith(
        "# Hoe delegeer ik?\n\n*Gesprek met Trust Coach · 4 maart 2026*\n\n**Jij:**")


def test_the_about_page_in_dutch_says_the_same_in_dutch(fake_assistant):
    from assistant.webapp_about import ABOUT_LANGUAGES, about_markdown
    from assistant.webapp_copy import UI

    assert set(ABOUT_LANGUAGES) == set(UI)
    en, nl = about_markdown(fake_assistant, "en"), about_markdown(fake_assistant, "nl")
    headings = {lang: [line for line in text.splitlines() if line.startswith("#")] for lang, text in
                (("en", en), ("nl", nl))}
    assert headings["nl"] == ["## Over Trust Coach", "### Waar het op steunt", "### Wat het niet doet",
                              "### Je gesprekken", "### Deze installatie"]  # no references: the notes name none
    assert len(headings["en"]) == len(headings["nl"]) and len(en.splitlines()) == len(nl.splitlines())
    for needle in ("HR-afdeling", "arts", "jurist", "113", "op deze computer bewaard", "Verwijderen",
                   "documenten in"):
        assert needle in nl, needle
    for english in ("What it", "Your conversations", "stored", "Related material"):
        assert english not in nl, english
    assert "HR department" in en and " / " not in en + nl


@pytest.mark.slow  # a real `coach serve` and chromium
def test_browser_switched_to_dutch_the_page_and_its_server_speak_dutch_only(server):
    """Settings → Nederlands: tab names, the About page and what the server writes are Dutch, one language only."""
    with chromium_page(locale="en-US") as page:
        page.goto(server[0] + "/")
        page.wait_for_selector("#send", timeout=30_000)
        switch_interface_language(page, "Nederlands")
        # Every tab is named in Dutch, also those not opened yet (Gradio leaves those in the first language).
        page.wait_for_function("document.querySelector('#tab-about-button').innerText === 'Over'", timeout=5_000)
        tabs = page.locator("[role=tab]").all_inner_texts()
        page.click("#tab-about-button")
        about = page.locator(".about-page h2").filter(visible=True).all_inner_texts()
        english_about = page.get_by_role("heading", name="About Trust Coach").is_visible()
        page.click("#tab-knowledge-button")
        page.click("#remove")  # nothing chosen: the server says so
        # Not while Gradio's progress timer ("0.0s", "processing | 0.0s") stands in the box: the server's words
        # replace it.
        page.wait_for_function("(t => t !== '' && !/[0-9.]+s$/.test(t))("
                               "document.querySelector('#remove-result').innerText.trim())", timeout=10_000)
        removed = page.inner_text("#remove-result").strip()
        headings = page.locator("#tab-knowledge th").all_inner_texts()
        page.click("#tab-prepare-button")
        page.click("#plan-export")  # no plan yet: the server says so
        title, text = notice(page)
        labels = page_labels(page.inner_text("body"))
    assert tabs == ["Gesprek", "Sessie voorbereiden", "Kennisbank", "Over"]
    assert about == ["Over Trust Coach"] and not english_about
    assert removed == "Niets verwijderd."
    assert {"titel", "bestand", "resultaat", "overeenkomst", "tekst"} <= set(headings), headings
    assert (title, text) == ("Fout", "Maak eerst een plan.")
    for shown in [*tabs, *about, removed, *headings, title, text, labels]:
        assert " / " not in shown, shown  # never "English / Nederlands"


def test_upload_and_removal_outcomes_are_worded_in_the_pages_language_and_stay_english_for_the_api(fake_assistant,
                                                                                                 tmp_path):
    from assistant.uploads import RemovalDenied
    from assistant.webapp_copy import outcome

    empty = tmp_path / "leeg.md"
    empty.write_text("")
    refused = fake_assistant.upload(empty)
    assert refused.status == "refused: the file is empty (0 bytes)"  # the CLI's and the API's words
    assert outcome(refused.code, refused.args, "nl") == "geweigerd: het bestand is leeg (0 bytes)"
    notes = tmp_path / "notities.md"
    notes.write_text("# Notities\n\nWe bespreken het rooster elke dinsdag samen.\n")
    added = fake_assistant.upload(notes)
    assert added.ok and outcome(added.code, added.args, "nl").startswith("toegevoegd (")
    said = fake_assistant.remove(added.doc_id)
    assert said == "Removed 'Notities'." and outcome(said.code, said.args, "nl") == "'Notities' is verwijderd."
    with pytest.raises(RemovalDenied) as denied:
        fake_assistant.remove(next(d.doc_id for d in fake_assistant.documents() if not fake_assistant.is_upload(d)))
    assert outcome(denied.value.code, {}, "nl").startswith("De ingebouwde kennisbank kan hier niet")


def test_a_question_the_assistant_cannot_take_is_explained_in_the_pages_language():
    from assistant.errors import InvalidQuestionError
    from assistant.validation import clean_question
    from assistant.webapp_copy import error_text

    with pytest.raises(InvalidQuestionError) as too_long:
        clean_question("Mijn team " * 600, max_chars=4000)
    assert str(too_long.value).startswith("The question is 5,999 characters long")  # the CLI's and the API's words
    assert error_text(too_long.value, "nl") == ("De vraag is 5999 tekens lang; de grens is 4000. Kort haar in tot de "
                                                "situatie en wat je wilt weten.")
    with pytest.raises(InvalidQuestionError) as no_words:
        clean_question("?? 123 !!")
    assert error_text(no_words.value, "nl") == "Er staan geen woorden in de vraag. Beschrijf je situatie in een zin."
    assert error_text(RuntimeError("anything else"), "nl") == "anything else"  # unnamed errors stay as raised


@pytest.mark.slow  # a real `coach serve` and chromium
def test_browser_in_dutch_nothing_english_is_left_in_the_examples_the_passages_or_the_language_choice(server):
    """Examples in the interface's language, the passage panel renamed with it, Settings offering the two it speaks."""
    from assistant.webapp_copy import EXAMPLES

    def are(shown: list[str], language: str) -> bool:  # the page shortens long examples with "..."
        return len(shown) == len(EXAMPLES[language]) and all(
            full.startswith(text.removesuffix("...").strip()) for text, full in zip(shown, EXAMPLES[language],
                                                                                   strict=False))

    def examples(page, language: str) -> list[str]:
        """The visible examples once they are those of ``language``, or what shows after 15 s (Gradio renders the
        examples after the send button, so reading them at once can find none)."""
        shown: list[str] = []
        for _ in range(60):
            shown = [t.strip() for t in page.locator("#chat-examples button, #chat-examples td")
                     .filter(visible=True).all_inner_texts() if t.strip()]
            if are(shown, language):
                break
            page.wait_for_timeout(250)
        return shown

    with chromium_page(locale="nl-NL") as page:
        page.goto(server[0] + "/")
        page.wait_for_selector("#send", timeout=30_000)
        dutch_examples = examples(page, "nl")
    with chromium_page(locale="en-US") as page:
        page.goto(server[0] + "/")
        page.wait_for_selector("#send", timeout=30_000)
        english_examples = examples(page, "en")
        page.fill("#question textarea", "My team resists the change I want to make")
        page.click("#send")
        page.wait_for_selector("#passages .passage", timeout=30_000)
        kinds = "Array.from(document.querySelectorAll('#passages .passage .meta')).map(m => m.textContent)"
        kinds_before = page.evaluate(kinds)  # folded passages too
        page.click("footer >> text=Settings")
        page.click("input[aria-label=Language]")
        offered = [o.get_attribute("aria-label") for o in page.get_by_role("option").filter(visible=True).all()]
        page.get_by_role("option", name="Nederlands").first.click()
        page.keyboard.press("Escape")
        page.locator("div[role=dialog] button").first.click()
        page.wait_for_function("document.querySelector('#passages').textContent.includes('situatiekaart')",
                               timeout=10_000)
        kinds_after = page.evaluate(kinds)
        switched_examples = examples(page, "nl")
    assert are(dutch_examples, "nl") and are(english_examples, "en"), (dutch_examples, english_examples)
    assert are(switched_examples, "nl"), switched_examples
    assert any("playbook" in k for k in kinds_before), kinds_before
    assert not any("playbook" in k for k in kinds_after) and len(kinds_after) == len(kinds_before), kinds_after
    assert sorted(offered) == ["English", "Nederlands"], offered
