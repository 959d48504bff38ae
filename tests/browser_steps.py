"""Steps the browser tests of the web app share: asking, opening from the sidebar, dialogs, Settings."""


def ask_and_open_first_citation(page, url: str, question: str) -> None:
    """Ask ``question`` on a fresh page and click the answer's first citation marker."""
    page.goto(url + "/")
    page.fill("#question textarea", question)
    page.click("#send")
    page.wait_for_selector("#chatbot a.cite", timeout=30_000)
    wait_until_answer_settles(page)
    page.click("#chatbot a.cite >> nth=0")


def wait_until_answer_settles(page, timeout: int = 30_000) -> None:
    """Wait until the chat's text stops changing: a marker clicked while the answer still streams can be replaced by
    the next render before its click lands (seen on a loaded CI machine)."""
    page.wait_for_function(
        "() => { const t = document.querySelector('#chatbot').innerText;"
        " const same = window.__settled === t; window.__settled = t; return same; }",
        polling=700, timeout=timeout)


def open_from_sidebar(page, radio: str, text: str, button: str) -> None:
    """Open the sidebar, choose the entry of list ``radio`` that shows ``text`` and press ``button``."""
    page.click("#sidebar button[aria-label='Toggle Sidebar']")
    entry = page.locator(f"#{radio} label", has_text=text)
    entry.wait_for(timeout=15_000)
    entry.click()
    page.click(f"#{button}")


def page_labels(text: str) -> str:
    """The page's short lines (labels and buttons), without the examples and the About text."""
    return "\n".join(line for line in text.splitlines() if len(line) < 40)


def switch_interface_language(page, name: str) -> None:
    """Choose the interface language ``name`` in the page's Settings (footer) and close them."""
    page.click("footer >> text=Settings")
    page.click("input[aria-label=Language]")
    page.get_by_role("option", name=name).first.click()
    page.keyboard.press("Escape")
    page.locator("div[role=dialog] button").first.click()  # the Settings' close button


def dialog_text(page, selector: str, *, accept: bool) -> str:
    """Click ``selector``, answer the browser dialog it opens (OK or Cancel) and return the dialog's text."""
    page.once("dialog", lambda dialog: dialog.accept() if accept else dialog.dismiss())
    with page.expect_event("dialog") as info:
        page.click(selector)
    return info.value.message


def notice(page) -> tuple[str, str]:
    """The title and the text of the notice (Gradio's toast) that opens, the title as the page shows it.

    Gradio writes its English title; the page's style sheet may show another one over it (a ``::before``).
    """
    page.locator("[data-testid=toast-body]").first.wait_for(timeout=10_000)
    title = page.evaluate("""() => {
        const t = document.querySelector('[data-testid=toast-body] .toast-title');
        const over = getComputedStyle(t, '::before').content;
        return over && over !== 'none' && over !== 'normal' ? JSON.parse(over) : t.innerText.trim();
    }""")
    return title, page.locator("[data-testid=toast-text]").first.inner_text().strip()
