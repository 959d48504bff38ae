"""The page by keyboard and screen reader: Enter sends, every control has a name, a closed sidebar is not in the way."""

import pytest

from tests.conftest import chromium_page

pytestmark = pytest.mark.slow  # a real `coach serve` and chromium

# Every control a keyboard or a screen reader reaches that has no name to say (no text, label or aria-label).
UNNAMED = """(root) => Array.from(document.querySelectorAll(root + ' :is(button, a[href], input, textarea, select)'))
    .filter(e => e.getClientRects().length && !e.closest('[inert]'))
    .filter(e => !((e.getAttribute('aria-label') || '').trim() || e.innerText.trim() || (e.title || '').trim()
                   || (e.labels && e.labels.length) || e.getAttribute('aria-labelledby')))
    .map(e => e.outerHTML.slice(0, 120))"""


def test_browser_enter_sends_the_question_and_shift_enter_starts_a_new_line(server):
    with chromium_page() as page:
        page.goto(server[0] + "/")
        box = page.locator("#question textarea")
        box.click()
        page.keyboard.type("My team resists the change")
        page.keyboard.press("Shift+Enter")
        page.keyboard.type("I want to make")
        assert box.input_value() == "My team resists the change\nI want to make"  # a new line, nothing sent
        page.wait_for_timeout(500)
        assert page.locator("#chatbot .message-row").count() == 0
        page.keyboard.press("Enter")
        page.wait_for_selector("#chatbot a.cite", timeout=30_000)
        assert box.input_value() == ""


@pytest.mark.parametrize("locale, close", [("en-US", "Close"), ("nl-NL", "Sluiten")])
def test_browser_every_control_has_a_name_and_a_closed_sidebar_is_out_of_the_tab_order(server, locale, close):
    with chromium_page(locale=locale) as page:
        page.goto(server[0] + "/")
        page.wait_for_selector("#send", timeout=30_000)
        page.wait_for_timeout(500)
        # Tabbing from the top of the page never stops on the entries of the closed sidebar, and soon reaches the
        # question (it took 44 presses when they were in the way).
        stops = []
        for _ in range(20):
            page.keyboard.press("Tab")
            stops.append(page.evaluate("""() => { const e = document.activeElement;
                return e.closest('#sidebar .sidebar-content') ? 'sidebar'
                    : e.closest('#question') ? 'question' : e.tagName + '#' + e.id; }"""))
            if stops[-1] == "question":
                break
        assert "sidebar" not in stops and stops[-1] == "question", stops
        page.fill("#question textarea", "My team resists the change I want to make")
        page.click("#send")
        page.wait_for_selector("#chatbot a.cite", timeout=30_000)
        page.hover("#chatbot .message-row >> nth=1")  # the message's own buttons show
        assert page.evaluate(UNNAMED, "#chatbot") == []
        # Opened, its entries are there for the keyboard again.
        page.click("#sidebar button[aria-label='Toggle Sidebar']")
        page.locator("#history label").first.wait_for(timeout=10_000)
        page.locator("#history input").first.focus()
        assert page.evaluate("!!document.activeElement.closest('#sidebar .sidebar-content')")
        page.click("#sidebar button[aria-label='Toggle Sidebar']")
        # The Settings dialog's close button says what it does, in the page's language.
        page.click("footer >> text=Settings" if locale == "en-US" else "footer >> text=Instellingen")
        page.locator("div[role=dialog]").wait_for(timeout=10_000)
        page.wait_for_timeout(300)
        unnamed = page.evaluate(UNNAMED, "div[role=dialog]")
        names = page.locator("div[role=dialog] button").evaluate_all("bs => bs.map(b => b.getAttribute('aria-label'))")
    assert unnamed == [], unnamed
    assert close in names, names
