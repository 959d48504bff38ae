"""The page while the assistant starts: a line saying it is indexing the knowledge base (how far) or warming up.

On a first start ``coach serve`` is reachable at once and indexes in the background (``Assistant.progress``); the
page shows this line until the assistant is ready, in the page's language, and a question asked meanwhile shows
it in place of its answer until the answer can come (``webapp_chat``).
"""

from typing import Any

from assistant.webapp_context import WebContext
from assistant.webapp_copy import say

POLL_S = 1.0  # how often an open page asks how far the start is, until it is ready


def status_text(progress: dict[str, Any], language: str = "en") -> str:
    """The line for ``progress`` (``Assistant.progress()``) in ``language``; "" once the assistant is ready."""
    if progress.get("status") == "indexing":
        if progress.get("total"):
            return say("status_indexing", language).format(done=progress.get("done", 0), total=progress["total"])
        return say("status_indexing_start", language)
    if progress.get("status") == "starting":
        return say("status_starting", language)
    return ""


def status_line(ctx: WebContext, demo: Any) -> None:
    """Add the start's status line to the Blocks ``demo`` being built: shown, and kept current, until ready."""
    import gradio as gr

    line = gr.Markdown(visible=False, elem_id="start-status")
    timer = gr.Timer(POLL_S, active=False)

    def show(request: gr.Request):
        text = status_text(ctx.assistant.progress(), ctx.language(request))
        # The timer stops once the assistant is ready: a page that loads later never starts it.
        return gr.update(value=f"⏳ {text}" if text else "", visible=bool(text)), gr.Timer(active=bool(text))

    demo.load(show, None, [line, timer], api_visibility="private", show_progress="hidden")
    timer.tick(show, None, [line, timer], api_visibility="private", show_progress="hidden")
