"""The Knowledge tab's passage search in the browser: every result readable, one number, in each language."""

import pytest

from tests.conftest import chromium_page

# Each result's cells as the page lays them out: the table against its box, and each text cell against its text.
MEASURE = """() => {
    const box = document.querySelector('#search-hits');
    const right = box.getBoundingClientRect().right;
    const rows = Array.from(box.querySelectorAll('[role=row]'))
        .map(row => Array.from(row.querySelectorAll('[role=gridcell]'))).filter(cells => cells.length);
    const clipped = rows.flat().filter(cell => {
        const r = cell.getBoundingClientRect(), range = document.createRange();
        range.selectNodeContents(cell);
        const t = range.getBoundingClientRect();
        return r.right > right + 1 || t.right > r.right + 1 || t.bottom > r.bottom + 1;
    });
    return {box: box.clientWidth, table: box.querySelector('table').scrollWidth,
            headers: Array.from(box.querySelectorAll('[role=columnheader]')).map(th => th.innerText.trim()),
            rows: rows.map(cells => cells.map(cell => cell.innerText.trim())),
            clipped: clipped.map(cell => cell.innerText.slice(0, 40))};
}"""


@pytest.mark.parametrize("locale, number, note", [("en-US", "match", "Sorted by match"),
                                                   ("nl-NL", "overeenkomst", "Gesorteerd op overeenkomst")])
def test_browser_passage_search_shows_every_text_whole_with_one_labelled_number(server, locale, number, note):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with chromium_page(locale=locale) as page:
        page.goto(server[0] + "/")
        page.click("#tab-knowledge-button")
        box = page.locator("#search-query textarea")
        box.fill("weerstand tegen verandering planningstool")
        # Enter searches; a press that lands before the page has wired its events (a fresh server, a loaded
        # machine: it timed out once in CI) is repeated, the same search again. The rows are measured once cells
        # are there, in the same step: the table may be re-rendered once more (it flaked in CI with the cells counted
        # and no row measured, once even for 30 s): then the same search is made again.
        measured = f"() => {{ const m = ({MEASURE})(); return m.rows.length >= 3 ? m : null; }}"
        for attempt in range(3):
            box.press("Enter")
            try:
                page.wait_for_function("document.querySelectorAll('#search-hits [role=gridcell]').length > 8",
                                       timeout=15_000)
                page.wait_for_timeout(500)
                seen = page.wait_for_function(measured, timeout=15_000).json_value()
                break
            except PlaywrightTimeout:
                if attempt == 2:
                    raise
        shown_note = page.inner_text("#search-note")
    assert seen["table"] <= seen["box"] + 2, seen  # nothing sits off-screen to the right
    assert not seen["clipped"], seen["clipped"]  # every text is there to read, wrapped in its cell
    assert seen["headers"][0] == number and len(seen["headers"]) == 4, seen["headers"]  # one number, labelled
    scores = [float(row[0]) for row in seen["rows"]]
    assert scores == sorted(scores, reverse=True) and len(scores) >= 3, scores  # in the order the list uses
    assert all(len(row[-1]) > 80 for row in seen["rows"]), seen["rows"]  # the passage's text itself
    assert note in shown_note
