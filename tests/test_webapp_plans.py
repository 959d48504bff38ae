"""Session plans in the web app, through a live server and chromium: prepared, listed, reopened and exported."""

from pathlib import Path

import pytest

from tests.browser_steps import notice, open_from_sidebar
from tests.conftest import chromium_page

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"

SIDEBAR_OPEN = "document.querySelector('#sidebar').classList.contains('open')"


@pytest.mark.slow  # a real `coach serve` and chromium
def test_browser_a_session_plan_reopens_from_the_sidebar_and_exports_as_it_was(server):
    """Prepare a plan, reload the page, reopen it from the sidebar: the Prepare tab shows it whole, ready to export."""
    ARTIFACTS.mkdir(exist_ok=True)
    situation = "A coachee, head of a call centre, listens in on every call her agents make"
    with chromium_page() as page:
        page.goto(server[0] + "/")
        page.wait_for_selector("#send", timeout=30_000)
        page.click("#sidebar button[aria-label='Toggle Sidebar']")  # nothing chosen yet: Open says so
        page.click("#plans-open")
        nothing_chosen = notice(page)
        page.click("#sidebar button[aria-label='Toggle Sidebar']")
        page.get_by_role("tab", name="Prepare a session").click()
        page.fill("#plan-situation textarea", situation)
        page.click("#plan-go")
        page.wait_for_selector("#plan-view >> text=Agenda", timeout=30_000)
        prepared = page.locator("#plan-edit textarea").input_value()
        page.reload()  # a fresh page: nothing of the plan is left on screen
        page.wait_for_selector("#question textarea", timeout=30_000)
        assert page.locator("text=Agenda").count() == 0
        open_from_sidebar(page, "plans", "head of a call centre", "plans-open")
        # The Prepare tab opens with the situation and the plan back in place, the sidebar out of its way.
        page.wait_for_selector("#plan-view >> text=Agenda", timeout=15_000)
        page.wait_for_function(f"!{SIDEBAR_OPEN}", timeout=10_000)
        selected = page.locator("#tab-prepare-button").get_attribute("aria-selected")
        reopened_situation = page.locator("#plan-situation textarea").input_value()
        reopened = page.locator("#plan-edit textarea").input_value()
        shown = page.inner_text("#plan-view")
        page.screenshot(path=str(ARTIFACTS / "plan-reopened.png"))
        # The reopened plan exports as it was prepared.
        page.click("#plan-export")
        link = page.locator("#plan-file a").first
        link.wait_for(timeout=15_000)
        with page.expect_download() as info:
            link.click()
        exported = Path(info.value.path()).read_text(encoding="utf-8")
    assert nothing_chosen == ("Error", "Choose one of your plans first.")
    assert selected == "true" and reopened_situation == situation
    assert reopened == prepared and prepared.startswith("# Session plan") and situation in reopened
    assert "Agenda" in shown and "Exercises" in shown
    assert exported == prepared
