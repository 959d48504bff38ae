"""The Gradio web app: a thin shell over the library API (chat, session preparation, knowledge, about).

Its words live in ``webapp_copy``, its style sheet and script in ``webapp_assets``, the Prepare tab in
``webapp_plans`` and the Knowledge tab in ``webapp_knowledge``.
"""

import os
import tempfile
import time
from pathlib import Path
from typing import Any

from assistant import conversation_list
from assistant.errors import CoachError
from assistant.rendering import escape_text, message_text, passage_html, render_answer
from assistant.storage import Storage
from assistant.webapp_assets import CSS, page_head
from assistant.webapp_context import WebContext
from assistant.webapp_copy import (
    ANSWER_LANGUAGES,
    EXAMPLES,
    EXPORT_LABELS,
    MESSAGES,
    TITLE,
    about_markdown,
    ui_i18n,
)


def conversation_markdown(chat: list[dict[str, Any]] | None) -> str:
    """A chat as clean Markdown: each turn's plain text (never a Python repr of the browser's blocks)."""
    lines = [EXPORT_LABELS["heading"], ""]
    for m in chat or []:
        if not isinstance(m, dict) or m.get("role") not in ("user", "assistant"):
            continue
        text = message_text(m.get("content"))
        if text.strip():
            lines += [f"**{EXPORT_LABELS[m['role']]}:**", "", text.strip(), ""]
    return "\n".join(lines)


def build_app(assistant: Any, storage: Storage | None = None, authenticator: Any = None) -> Any:
    """Build the Gradio Blocks app around an Assistant (nothing is launched here)."""
    import gradio as gr

    from assistant.export import export_markdown
    from assistant.webapp_knowledge import knowledge_tab
    from assistant.webapp_plans import prepare_api, prepare_tab

    ctx = WebContext(assistant, storage or Storage(assistant.settings.app_db_path), authenticator)
    storage, who = ctx.storage, ctx.who

    def api_chat(message: str, history: list[Any] | None = None, situation: str | None = None,
                 request: gr.Request | None = None) -> dict[str, Any]:
        """Answer a message given the history (and a situation chosen after a clarifying question)."""
        try:
            person = who(request)
            if situation is not None and not isinstance(situation, str):
                raise CoachError(MESSAGES["bad_situation"])
            answer = assistant.ask(message, history or [], principal=person, situation=situation or None)
        except CoachError as exc:
            return {"error": str(exc)}
        d = answer.as_dict()
        cid = storage.new_conversation(person.name, answer.question[:120])
        storage.add_message(cid, "user", answer.question, user=person.name)
        storage.add_message(cid, "assistant", d["answer"], d, user=person.name)
        d["conversation_id"] = cid
        return d

    def converse(message: str, chat: list[dict[str, Any]], state: dict[str, Any], language: str, request: Any,
                 situation: str | None = None, shown: str | None = None):
        """Answer ``message`` (for a chosen ``situation`` after a clarifying question), streaming into the chat."""
        chat = list(chat or [])
        hide = gr.update(visible=False, choices=[], value=None)
        if not isinstance(message, str) or not message.strip():
            yield chat, state, gr.update(), message or "", gr.update()  # an empty Send does nothing
            return
        try:
            person = who(request)
            history = [{"role": m["role"], "content": message_text(m.get("content"))}
                       for m in chat if isinstance(m, dict) and m.get("role") in ("user", "assistant")
                       and message_text(m.get("content"))]
            if situation:
                history = list(state.get("history_before_clarify") or history)
            if not state.get("cid"):
                state = {"cid": storage.new_conversation(person.name, str(message)[:120]), "citations": []}
            chat.append({"role": "user", "content": escape_text(shown or message)})
            chat.append({"role": "assistant", "content": "…"})
            yield chat, state, gr.update(), "", hide
            text, answer, last = "", None, 0.0
            for event, value in assistant.stream(message, history, principal=person, situation=situation,
                                                 language=language if language in ("en", "nl") else None):
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
                    yield chat, state, gr.update(), "", hide
            assert answer is not None
            d = answer.as_dict()
            turn = len(chat) // 2
            storage.add_message(state["cid"], "user", answer.question, user=person.name)
            storage.add_message(state["cid"], "assistant", d["answer"], d, user=person.name)
            chat[-1] = {"role": "assistant", "content": render_answer(d["answer"], turn)}
            state = dict(state, citations=[(turn, d["citations"])] + state.get("citations", []))
            panel = "\n".join(passage_html(c, n) for n, c in state["citations"])
            options = hide
            if d.get("clarify"):
                # The options become buttons; choosing one answers the same question for that situation.
                state = dict(state, pending_question=answer.question, history_before_clarify=history,
                             clarify_labels=dict(zip(d["clarify"]["options"], d["clarify"]["labels"], strict=True)))
                options = gr.update(visible=True, value=None,
                                    choices=list(zip(d["clarify"]["labels"], d["clarify"]["options"], strict=True)))
            yield chat, state, panel, "", options
        except CoachError as exc:
            chat[-1:] = [{"role": "assistant", "content": "⚠️ " + escape_text(str(exc))}]
            yield chat, state, gr.update(), "", hide

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

    def new_conversation():
        return [], {}, "", "", gr.update(visible=False, choices=[], value=None)

    def history_list(request: gr.Request, keep: str | None = None):
        """The person's earlier conversations for the sidebar (the chosen one stays chosen)."""
        options = conversation_list.choices(storage, who(request).name)
        return gr.update(choices=options, value=keep if keep in {cid for _, cid in options} else None)

    def history_after_answer(state: dict[str, Any], request: gr.Request):
        return history_list(request, state.get("cid"))

    def open_conversation(cid: str | None, request: gr.Request):
        chat, state, panel = conversation_list.reopen(storage, cid or "", who(request).name)
        if not chat:
            raise gr.Error(MESSAGES["choose_conversation"])
        return chat, state, panel, "", gr.update(visible=False, choices=[], value=None)

    def rename_conversation(cid: str | None, title: str, request: gr.Request):
        try:
            done = bool(cid) and storage.rename_conversation(cid or "", title, who(request).name)
        except ValueError as exc:
            raise gr.Error(str(exc)) from exc
        if not done:
            raise gr.Error(MESSAGES["choose_conversation"])
        return history_list(request, cid), ""

    def delete_conversation(cid: str | None, state: dict[str, Any], request: gr.Request):
        if not cid:  # nothing chosen, or the confirmation was cancelled: leave everything as it is
            return gr.update(), gr.update(), gr.update(), gr.update()
        if not storage.delete_conversation(cid, who(request).name):
            return history_list(request), gr.update(), gr.update(), gr.update()
        if state.get("cid") == cid:  # the conversation on screen is gone: so is what shows it
            return history_list(request), [], {}, ""
        return history_list(request), gr.update(), gr.update(), gr.update()

    def on_like(data: gr.LikeData, chat: list[dict[str, Any]], state: dict[str, Any], request: gr.Request):
        idx = data.index[0] if isinstance(data.index, list | tuple) else data.index
        value = "up" if data.liked else "down"
        if not isinstance(idx, int) or not 0 < idx < len(chat or []):
            return state
        question = message_text(chat[idx - 1].get("content"))
        answer = message_text(chat[idx].get("content"))
        storage.add_feedback(state.get("cid", ""), idx, value, "", question, answer, who(request).name)
        return dict(state, last_feedback=idx)

    def save_comment(comment: str, state: dict[str, Any], request: gr.Request):
        if comment.strip() and state.get("cid"):
            storage.add_feedback(state["cid"], int(state.get("last_feedback", -1)), "comment", comment, "", "",
                                 who(request).name)
            return "", "✓"
        return comment, ""

    def export_conversation(chat: list[dict[str, Any]]):
        out = Path(tempfile.mkdtemp()) / "conversation.md"
        export_markdown(conversation_markdown(chat), out)
        return str(out)

    def about():
        return about_markdown(assistant)

    L = ui_i18n()
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.Markdown(L("heading"))
        state = gr.State({})
        with gr.Sidebar(label=L("history"), open=False, elem_id="sidebar") as sidebar:
            history = gr.Radio(choices=[], label=L("history"), elem_id="history")
            reopen = gr.Button(L("open"), elem_id="history-open", variant="primary")
            new_title = gr.Textbox(label=L("title"), elem_id="history-title")
            with gr.Row():
                rename = gr.Button(L("rename"), elem_id="history-rename")
                delete = gr.Button(L("delete"), elem_id="history-delete", variant="stop")
            plans = gr.Radio(choices=[], label=L("plans"), elem_id="plans")
            reopen_plan = gr.Button(L("open"), elem_id="plans-open")
        with gr.Tabs() as tabs:
            with gr.Tab(L("chat"), id="chat", elem_id="tab-chat"):
                with gr.Row():
                    with gr.Column(scale=3):
                        chatbot = gr.Chatbot(label=L("coach"), height=520, elem_id="chatbot", sanitize_html=True)
                        clarify = gr.Radio(choices=[], visible=False, elem_id="clarify", label=L("clarify"))
                        msg = gr.Textbox(label=L("question"), placeholder=L("placeholder"),
                                         elem_id="question", lines=2, max_length=20000)
                        with gr.Row():
                            send = gr.Button(L("send"), variant="primary", elem_id="send")
                            stop = gr.Button(L("stop"), variant="stop", elem_id="stop")
                            new = gr.Button(L("new"), elem_id="new")
                            lang = gr.Radio([(L("auto"), "auto"), *ANSWER_LANGUAGES], value="auto", label=L("language"),
                                            elem_id="answer-language")
                        gr.Examples(EXAMPLES, inputs=msg)
                        with gr.Row():
                            comment = gr.Textbox(label=L("comment"), scale=3)
                            save = gr.Button(L("save_comment"), scale=1)
                            saved = gr.Markdown()
                        export_btn = gr.Button(L("export"), elem_id="export")
                        export_file = gr.File(label=L("export"), interactive=False, elem_id="export-file")
                    with gr.Column(scale=2, elem_id="passages-col"):
                        gr.Markdown(L("passages"))
                        gr.Markdown(L("panel_hint"), elem_id="panel-hint")
                        panel = gr.HTML("", elem_id="passages")
                outs = [chatbot, state, panel, msg, clarify]
                answering = [send.click(respond, [msg, chatbot, state, lang], outs, concurrency_limit=8),
                             msg.submit(respond, [msg, chatbot, state, lang], outs, concurrency_limit=8),
                             clarify.input(choose, [clarify, chatbot, state, lang], outs, concurrency_limit=8,
                                           api_visibility="private")]
                # Stop ends a streaming answer where it is (what has arrived stays on the page).
                stop.click(None, None, None, cancels=answering,  # type: ignore[arg-type]  # its own event objects
                           api_visibility="private")
                for event in answering:
                    event.then(history_after_answer, state, history, api_visibility="private")
                # The reopened conversation is what the person wants to read: the sidebar gets out of its way.
                reopen.click(open_conversation, history, outs, api_visibility="private").then(
                    lambda: gr.Sidebar(open=False), None, sidebar, api_visibility="private")
                rename.click(rename_conversation, [history, new_title], [history, new_title], api_visibility="private")
                # Deleting cannot be undone: the browser asks first.
                # An answer still streaming into the conversation would bring it back: stop it first.
                delete.click(delete_conversation, [history, state], [history, chatbot, state, panel],
                             api_visibility="private", cancels=answering,  # type: ignore[arg-type]
                             js="(c, s) => (c && window.confirm('Delete this conversation? / "
                                "Dit gesprek verwijderen?')) ? [c, s] : [null, s]")
                demo.load(history_list, None, history, api_visibility="private")
                new.click(new_conversation, None, outs)
                new.click(lambda: None, None, export_file, api_visibility="private")  # the old export goes too
                chatbot.like(on_like, [chatbot, state], state)
                save.click(save_comment, [comment, state], [comment, saved])
                export_btn.click(export_conversation, chatbot, export_file)
            prepare_tab(ctx, demo, plans, reopen_plan, tabs)
            knowledge_tab(ctx, demo)
            with gr.Tab(L("about"), elem_id="tab-about"):
                gr.Markdown(about)
        gr.api(api_chat, api_name="chat")
        gr.api(prepare_api(ctx), api_name="prepare")
    demo.queue(default_concurrency_limit=8)
    return demo


def create_server(assistant: Any) -> Any:
    """A FastAPI app: the Gradio UI at / and a readiness route at /healthz."""
    import gradio as gr
    from fastapi import FastAPI
    from fastapi.responses import JSONResponse

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    app = FastAPI()

    @app.get("/healthz")
    def healthz() -> JSONResponse:
        health = assistant.health()
        return JSONResponse(health, status_code=503 if health["status"] in ("unavailable", "starting") else 200)

    authenticator = None
    if assistant.settings.users:
        from assistant.auth import make_auth

        authenticator = make_auth(assistant.settings.users)
    demo = build_app(assistant, authenticator=authenticator)
    data_dir = str(assistant.settings.data_dir.resolve())
    server = gr.mount_gradio_app(app, demo, path="", auth=authenticator, css=CSS, head=page_head(),
                                 theme=gr.themes.Soft(), max_file_size=f"{assistant.settings.max_upload_mb}mb",
                                 footer_links=["api", "settings"], blocked_paths=[data_dir], allowed_paths=[],
                                 i18n=ui_i18n())
    # Gradio checks which files an event may read or serve only once the app "has launched"; a mounted
    # app never launches, and without this any server path sent as a file would be copied and served.
    demo.has_launched = True
    return server


def serve(assistant: Any, host: str, port: int) -> None:
    """Run the web app until interrupted."""
    import uvicorn

    server = create_server(assistant)
    assistant.start_warm_up()  # the page answers at once; /healthz says "starting" until the models are trained
    uvicorn.run(server, host=host, port=port, log_level="warning")
