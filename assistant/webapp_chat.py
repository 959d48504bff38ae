"""The web app's chat: answering (streamed, with clarifying options), feedback, export, and the ``chat`` API.

The export writes the conversation as stored (``conversation_export``), not as the page shows it.
"""

import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.conversation_list import passage_panel
from assistant.errors import CoachError
from assistant.rendering import escape_text, message_text, render_answer
from assistant.webapp_context import WebContext, session_of
from assistant.webapp_copy import error_text, export_label, say
from assistant.webapp_status import status_text

# What a conversation exports to: Markdown (footnotes as [^n]) or Word (footnotes as Word's).
CONVERSATION_FORMATS = (".md", ".docx")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChatHandlers:
    """The chat's API endpoint and event handlers (those of the page take the Gradio request last)."""

    api_chat: Callable[..., dict[str, Any]]
    api_continue: Callable[..., dict[str, Any]]
    respond: Callable[..., Any]
    choose: Callable[..., Any]
    new_conversation: Callable[..., Any]
    stop_answer: Callable[..., Any]
    panel_again: Callable[..., Any]
    on_like: Callable[..., Any]
    save_comment: Callable[..., Any]
    export_conversation: Callable[..., Any]


def chat_handlers(ctx: WebContext) -> ChatHandlers:
    """The chat's handlers: answers from ``ctx``'s assistant, kept among the records of the person asking."""
    import gradio as gr

    from assistant.conversation_export import conversation_document
    from assistant.export import export_markdown

    records = ctx.assistant

    def _answer_and_store(message: str, history: list[Any] | None, situation: str | None,
                          conversation_id: str | None, request: gr.Request | None) -> dict[str, Any]:
        try:
            person = ctx.who(request)
            if situation is not None and not isinstance(situation, str):
                raise CoachError(say("bad_situation", ctx.language(request)))
            if conversation_id is not None:
                if not isinstance(conversation_id, str) or not records.owns(conversation_id, person.name):
                    raise CoachError(say("unknown_conversation", ctx.language(request)))
                keep = 2 * ctx.assistant.settings.history_turns  # the turns follow-up questions can use
                stored = records.messages(conversation_id, person.name)[-keep:] if keep else []
                history = [{"role": m["role"], "content": m["content"]} for m in stored]
            answer = ctx.assistant.ask(message, history or [], principal=person, situation=situation or None)
        except CoachError as exc:
            return {"error": str(exc)}
        d = answer.as_dict()
        cid = conversation_id or records.new_conversation(person.name, answer.question[:120])
        records.keep_exchange(cid, d, user=person.name)
        d["conversation_id"] = cid
        return d

    def api_chat(message: str, history: list[Any] | None = None, situation: str | None = None,
                 request: gr.Request | None = None) -> dict[str, Any]:
        """Answer a message given the history (and a situation chosen after a clarifying question).

        The answer is stored as a new conversation; its ``conversation_id`` lets ``/continue`` go on with it.
        """
        return _answer_and_store(message, history, situation, None, request)

    def api_continue(conversation_id: str, message: str, situation: str | None = None,
                     request: gr.Request | None = None) -> dict[str, Any]:
        """Answer a message in one of the caller's stored conversations (its turns are the history) and store it."""
        return _answer_and_store(message, None, situation, conversation_id, request)

    def converse(message: str, chat: list[dict[str, Any]], state: dict[str, Any], language: str, request: Any,
                 situation: str | None = None, shown: str | None = None):
        """Answer ``message`` (for a chosen ``situation`` after a clarifying question), streaming into the chat."""
        chat = list(chat or [])
        if not isinstance(message, str) or not message.strip():
            yield chat, state, gr.update(), message or "", gr.update()  # an empty Send does nothing
            return
        session = session_of(request)
        ended = ctx.answers.begin(session)
        try:
            yield from _converse(message, chat, state, language, request, situation, shown)
        finally:
            ctx.answers.end(session, ended)  # New or Stop may be waiting for this answer to end

    def _converse(message: str, chat: list[dict[str, Any]], state: dict[str, Any], language: str, request: Any,
                  situation: str | None, shown: str | None):
        hide = gr.update(visible=False, choices=[], value=None)
        try:
            person = ctx.who(request)
            history = [{"role": m["role"], "content": message_text(m.get("content"))}
                       for m in chat if isinstance(m, dict) and m.get("role") in ("user", "assistant")
                       and message_text(m.get("content"))]
            if situation:
                history = list(state.get("history_before_clarify") or history)
            if not state.get("cid"):
                state = {"cid": records.new_conversation(person.name, str(message)[:120]), "citations": []}
            chat.append({"role": "user", "content": escape_text(shown or message)})
            chat.append({"role": "assistant", "content": "…"})
            answering = dict(state, answering=True)  # what Stop reads: an answer is arriving (see stop_answer)
            text, answer, last, stored, events = "", None, 0.0, False, None
            try:
                yield chat, answering, gr.update(), "", hide
                # On a first start the assistant may still be indexing or warming up: the answer says so, and
                # how far, instead of "…" (the question waits for the whole index either way).
                while status := status_text(ctx.assistant.progress(), ctx.language(request)):
                    chat[-1] = {"role": "assistant", "content": f"*{escape_text(status)}*"}
                    yield chat, answering, gr.update(), "", hide
                    time.sleep(0.5)
                events = ctx.assistant.stream(message, history, principal=person, situation=situation,
                                              language=language if language in ("en", "nl") else None)
                for event, value in events:
                    if event == "token":
                        text += value
                    elif event == "reset":
                        text = value
                    elif event == "answer":
                        answer = value
                    if event != "answer" and time.perf_counter() - last > 0.05:
                        # Streamed text is shown escaped: tokens a model produced before validation never
                        # become live HTML.
                        chat[-1] = {"role": "assistant", "content": escape_text(text)}
                        last = time.perf_counter()
                        yield chat, answering, gr.update(), "", hide
                assert answer is not None
                d = answer.as_dict()
                records.keep_exchange(state["cid"], d, user=person.name)
                stored = True
            except GeneratorExit:
                # Stop, New or Delete cancelled this answer (Gradio closes the generator at a yield): the question
                # and what had arrived stay in the conversation, so that it stays whole.
                if not stored:
                    keep_stopped(state["cid"], message, text, person.name)
                raise
            finally:
                close = getattr(events, "close", None)
                if close is not None:
                    close()  # a cancelled model stream ends here, not when it is collected
            turn = len(chat) // 2
            chat[-1] = {"role": "assistant", "content": render_answer(d["answer"], turn)}
            state = dict(state, citations=[(turn, d["citations"])] + state.get("citations", []))
            panel = passage_panel(state["citations"], ctx.language(request))
            options = hide
            if d.get("clarify"):
                # The options become buttons; choosing one answers the same question for that situation.
                state = dict(state, pending_question=answer.question, history_before_clarify=history,
                             clarify_labels=dict(zip(d["clarify"]["options"], d["clarify"]["labels"], strict=True)))
                options = gr.update(visible=True, value=None,
                                    choices=list(zip(d["clarify"]["labels"], d["clarify"]["options"], strict=True)))
            yield chat, state, panel, "", options
        except CoachError as exc:
            chat[-1:] = [{"role": "assistant", "content": "⚠️ " + escape_text(error_text(exc, ctx.language(request)))}]
            yield chat, state, gr.update(), "", hide

    def keep_stopped(cid: str, question: str, partial: str, user: str) -> None:
        # A conversation deleted meanwhile (Delete cancels the answer too) must not come back.
        try:
            if records.owns(cid, user):
                records.keep_stopped(cid, question, partial, user)
        except Exception:  # noqa: BLE001 - the generator is closing: nobody could hear the error
            log.exception("could not keep a stopped answer")

    def stop_answer(chat: list[dict[str, Any]], state: dict[str, Any], request: gr.Request):
        """Stop pressed: an answer that was arriving is marked as stopped on the page (it is kept as it stands)."""
        ctx.answers.wait(session_of(request))  # cancelled: once it has ended, it writes nothing after this
        if not state.get("answering") or not chat:
            return gr.update(), state
        chat = list(chat)
        arrived = message_text(chat[-1].get("content")).removesuffix("…")  # the text is escaped already
        marker = "*" + escape_text(say("stopped", ctx.language(request))) + "*"
        chat[-1] = {"role": "assistant", "content": f"{arrived}\n\n{marker}" if arrived.strip() else marker}
        return chat, {k: v for k, v in state.items() if k != "answering"}

    def panel_again(state: dict[str, Any], request: gr.Request):
        """The passage panel written again in the page's (new) language."""
        return passage_panel((state or {}).get("citations") or [], ctx.language(request))

    def respond(message: str, chat: list[dict[str, Any]], state: dict[str, Any], language: str,
                request: gr.Request):
        yield from converse(message, chat, state, language, request)

    def choose(choice: str, chat: list[dict[str, Any]], state: dict[str, Any], language: str, request: gr.Request):
        if not choice or not state.get("pending_question"):
            yield chat, state, gr.update(), "", gr.update()
            return
        label = (state.get("clarify_labels") or {}).get(choice, choice)
        yield from converse(state["pending_question"], chat, state, language, request, situation=choice,
                            shown=f"→ {label}")

    def new_conversation(request: gr.Request):
        ctx.answers.wait(session_of(request))  # an answer New cancelled must not write its conversation back
        return [], {}, "", "", gr.update(visible=False, choices=[], value=None)

    def on_like(data: gr.LikeData, chat: list[dict[str, Any]], state: dict[str, Any], request: gr.Request):
        idx = data.index[0] if isinstance(data.index, list | tuple) else data.index
        value = "up" if data.liked else "down"
        if not isinstance(idx, int) or not 0 < idx < len(chat or []):
            return state
        question = message_text(chat[idx - 1].get("content"))
        answer = message_text(chat[idx].get("content"))
        records.give_feedback(state.get("cid", ""), idx, value, question=question, answer=answer,
                              user=ctx.who(request).name)
        return dict(state, last_feedback=idx)

    def save_comment(comment: str, state: dict[str, Any], request: gr.Request):
        if comment.strip() and state.get("cid"):
            records.give_feedback(state["cid"], int(state.get("last_feedback", -1)), "comment", comment=comment,
                                  user=ctx.who(request).name)
            return "", "✓"
        return comment, ""

    def export_conversation(state: dict[str, Any], fmt: str, request: gr.Request):
        """The conversation on the page as stored, as a Markdown or Word file named after its first question."""
        language, person = ctx.language(request), ctx.who(request)
        cid = (state or {}).get("cid") or ""
        messages = records.messages(cid, person.name) if cid else []
        if not messages:
            raise ctx.refuse("conversation_first", request)
        updated = next((c["updated"] for c in records.conversations(person.name) if c["id"] == cid), None)
        document = conversation_document(messages, language, updated)
        suffix = fmt if fmt in CONVERSATION_FORMATS else CONVERSATION_FORMATS[0]
        out = Path(tempfile.mkdtemp()) / f"{document.file_stem or export_label('file', language)}{suffix}"
        export_markdown(document.markdown, out)
        return str(out)

    return ChatHandlers(api_chat, api_continue, respond, choose, new_conversation, stop_answer, panel_again, on_like,
                        save_comment, export_conversation)
