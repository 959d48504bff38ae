"""The web app's conversation sidebar: the list of earlier conversations, reopening, renaming and deleting one.

The lists and what reopening shows come from ``conversation_list`` (testable without a browser); these handlers
connect them to the page.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant import conversation_list
from assistant.webapp_context import WebContext


@dataclass(frozen=True)
class SidebarHandlers:
    """The sidebar's event handlers (each takes the Gradio request last)."""

    history_list: Callable[..., Any]
    history_after_answer: Callable[..., Any]
    history_again: Callable[..., Any]
    open_conversation: Callable[..., Any]
    rename_conversation: Callable[..., Any]
    delete_conversation: Callable[..., Any]


def sidebar_handlers(ctx: WebContext) -> SidebarHandlers:
    """The handlers of the conversation sidebar, working on the records of the person asking."""
    import gradio as gr

    records = ctx.assistant

    def history_list(request: gr.Request, keep: str | None = None):
        """The person's earlier conversations for the sidebar (the chosen one stays chosen)."""
        options = conversation_list.choices(records, ctx.who(request).name, language=ctx.language(request))
        return gr.update(choices=options, value=keep if keep in {cid for _, cid in options} else None)

    def history_after_answer(state: dict[str, Any], request: gr.Request):
        return history_list(request, state.get("cid"))

    def history_again(chosen: str | None, request: gr.Request):
        """The list written again (in the page's new language), the chosen conversation still chosen."""
        return history_list(request, chosen)

    def open_conversation(cid: str | None, request: gr.Request):
        chat, state, panel = conversation_list.reopen(records, cid or "", ctx.who(request).name,
                                                      ctx.language(request))
        if not chat:
            raise ctx.refuse("choose_conversation", request)
        return chat, state, panel, "", gr.update(visible=False, choices=[], value=None)

    def rename_conversation(cid: str | None, title: str, request: gr.Request):
        if cid and not str(title or "").strip():
            raise ctx.refuse("title_first", request)
        try:
            done = bool(cid) and records.rename_conversation(cid or "", title, ctx.who(request).name)
        except ValueError as exc:
            raise gr.Error(str(exc)) from exc
        if not done:
            raise ctx.refuse("choose_conversation", request)
        return history_list(request, cid), ""

    def delete_conversation(cid: str | None, state: dict[str, Any], request: gr.Request):
        if not cid:  # nothing chosen, or the confirmation was cancelled: leave everything as it is
            return gr.update(), gr.update(), gr.update(), gr.update()
        if not records.delete_conversation(cid, ctx.who(request).name):
            return history_list(request), gr.update(), gr.update(), gr.update()
        if state.get("cid") == cid:  # the conversation on screen is gone: so is what shows it
            return history_list(request), [], {}, ""
        return history_list(request), gr.update(), gr.update(), gr.update()

    return SidebarHandlers(history_list, history_after_answer, history_again, open_conversation, rename_conversation,
                           delete_conversation)
