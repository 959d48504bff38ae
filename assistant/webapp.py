"""The Gradio web app: a thin shell over the library API (chat, session preparation, knowledge, about).

The page's parts live beside it: its words (``webapp_copy``), style and script (``webapp_assets``), the chat
(``webapp_chat``), the conversation sidebar (``webapp_sidebar``), the Prepare tab (``webapp_plans``) and the
Knowledge tab (``webapp_knowledge``). This module lays out the page, connects the parts and serves it.
"""

import os
from typing import Any

from assistant.webapp_about import ABOUT_LANGUAGES, about_markdown
from assistant.webapp_assets import CSS, LANGUAGE_CHANGED, page_head
from assistant.webapp_context import WebContext
from assistant.webapp_copy import ANSWER_LANGUAGES, EXAMPLES, TITLE, confirm_js, ui_i18n


def build_app(assistant: Any, authenticator: Any = None) -> Any:
    """Build the Gradio Blocks app around an Assistant (nothing is launched here)."""
    import gradio as gr

    from assistant.webapp_chat import CONVERSATION_FORMATS, chat_handlers
    from assistant.webapp_knowledge import knowledge_tab
    from assistant.webapp_plans import prepare_api, prepare_tab
    from assistant.webapp_sidebar import sidebar_handlers
    from assistant.webapp_status import status_line

    ctx = WebContext(assistant, authenticator)
    # The storage opens now: a wrong COACH_DATABASE_URL or an unreachable database stops the start, not an answer.
    _ = assistant.storage
    chat, side = chat_handlers(ctx), sidebar_handlers(ctx)

    def about() -> str:
        return about_markdown(assistant, "en")

    def about_in(language: str) -> Any:
        return lambda: about_markdown(assistant, language)

    L = ui_i18n()
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.Markdown(L("heading"))
        status_line(ctx, demo)  # while the assistant starts: what it is doing (webapp_status)
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
                        # No share button: it posts to Hugging Face, which an offline coaching app has no use for.
                        chatbot = gr.Chatbot(label=L("coach"), elem_id="chatbot", sanitize_html=True,
                                             buttons=["copy", "copy_all"])
                        clarify = gr.Radio(choices=[], visible=False, elem_id="clarify", label=L("clarify"))
                        # One line that grows: Enter sends, Shift+Enter starts a new line (Gradio sends on Enter
                        # only in a box of one line).
                        msg = gr.Textbox(label=L("question"), placeholder=L("placeholder"),
                                         elem_id="question", lines=1, max_lines=10, max_length=20000)
                        with gr.Row():
                            send = gr.Button(L("send"), variant="primary", elem_id="send")
                            stop = gr.Button(L("stop"), variant="stop", elem_id="stop")
                            new = gr.Button(L("new"), elem_id="new")
                            lang = gr.Radio([(L("auto"), "auto"), *ANSWER_LANGUAGES], value="auto", label=L("language"),
                                            elem_id="answer-language")
                        # The examples of each language; the style sheet shows those of the interface's (EXAMPLES_CSS).
                        with gr.Column(elem_id="chat-examples"):
                            for language, questions in EXAMPLES.items():
                                gr.Examples(questions, inputs=msg, label=L("examples"), elem_id=f"examples-{language}")
                        with gr.Row():
                            comment = gr.Textbox(label=L("comment"), scale=3)
                            save = gr.Button(L("save_comment"), scale=1)
                            saved = gr.Markdown()
                        with gr.Row():
                            export_format = gr.Radio(list(CONVERSATION_FORMATS), value=CONVERSATION_FORMATS[0],
                                                     label=L("format"), elem_id="export-format", scale=1)
                            export_btn = gr.Button(L("export"), elem_id="export", scale=2)
                        export_file = gr.File(label=L("export"), interactive=False, elem_id="export-file")
                    with gr.Column(scale=2, elem_id="passages-col"):
                        gr.Markdown(L("passages"))
                        gr.Markdown(L("panel_hint"), elem_id="panel-hint")
                        panel = gr.HTML("", elem_id="passages")
                outs = [chatbot, state, panel, msg, clarify]
                answering = [send.click(chat.respond, [msg, chatbot, state, lang], outs, concurrency_limit=8),
                             msg.submit(chat.respond, [msg, chatbot, state, lang], outs, concurrency_limit=8),
                             clarify.input(chat.choose, [clarify, chatbot, state, lang], outs, concurrency_limit=8,
                                           api_visibility="private")]
                # Stop ends a streaming answer where it is: what has arrived stays on the page, marked as stopped, and
                # in the stored conversation with its question (``converse`` keeps them when it is cancelled).
                # The page runs a click's listeners in order, each after the one before has finished: the answer is
                # cancelled first, and the handler that follows waits for it to end (``AnswersInProgress``), so
                # nothing the answer still writes comes after it.
                stop.click(None, None, None, cancels=answering,  # type: ignore[arg-type]  # its own event objects
                           api_visibility="private")
                stop.click(chat.stop_answer, [chatbot, state], [chatbot, state], api_visibility="private")
                for event in answering:
                    event.then(side.history_after_answer, state, history, api_visibility="private")
                # The reopened conversation is what the person wants to read: the sidebar gets out of its way.
                reopen.click(side.open_conversation, history, outs, api_visibility="private").then(
                    lambda: gr.Sidebar(open=False), None, sidebar, api_visibility="private")
                rename.click(side.rename_conversation, [history, new_title], [history, new_title],
                             api_visibility="private")
                # Deleting cannot be undone: the browser asks first.
                # An answer still streaming into the conversation would bring it back: stop it first.
                delete.click(side.delete_conversation, [history, state], [history, chatbot, state, panel],
                             api_visibility="private", cancels=answering,  # type: ignore[arg-type]
                             js=f"(c, s) => (c && {confirm_js('confirm_delete')}) ? [c, s] : [null, s]")
                demo.load(side.history_list, None, history, api_visibility="private")
                # A new conversation starts clean: an answer still streaming stops first (it would put the old
                # conversation back on the page and in the state), and the old export and comment draft go too.
                # The chat's own trash icon does the same, so the next question is not added to the cleared one.
                for start_over, api in ((new.click, "public"), (chatbot.clear, "private")):
                    start_over(None, None, None, cancels=answering, api_visibility="private")  # type: ignore[arg-type]
                    start_over(chat.new_conversation, None, outs, api_visibility=api)
                    start_over(lambda: (None, ""), None, [export_file, comment], api_visibility="private")
                chatbot.like(chat.on_like, [chatbot, state], state)
                save.click(chat.save_comment, [comment, state], [comment, saved])
                export_btn.click(chat.export_conversation, [state, export_format], export_file)
            # What the server writes again when the page's language changes (see `language_changed` below).
            rewrites = [(side.history_again, history, history), (chat.panel_again, state, panel),
                        *prepare_tab(ctx, demo, plans, reopen_plan, tabs, sidebar), *knowledge_tab(ctx, demo)]
            with gr.Tab(L("about"), elem_id="tab-about"):
                # Every language is on the page; the style sheet shows the one the interface speaks (ABOUT_CSS).
                gr.Markdown(about, elem_classes=["about-page", "about-en"])  # also the `about` API, as before
                for language in ABOUT_LANGUAGES:
                    if language != "en":
                        page = gr.Markdown(elem_classes=["about-page", f"about-{language}"])
                        demo.load(about_in(language), None, page, api_visibility="private")
        # Pressed by the page's script when its language changes in Settings (see webapp_assets): what the server
        # wrote is written again in the new language. Made last, so the other components keep their ids.
        language_changed = gr.Button(visible="hidden", elem_id=LANGUAGE_CHANGED)
        for rewrite, inputs, outputs in rewrites:
            language_changed.click(rewrite, inputs, outputs, api_visibility="private")
        gr.api(chat.api_chat, api_name="chat")
        gr.api(chat.api_continue, api_name="continue")
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
        return JSONResponse(health, status_code=503 if health["status"] in ("unavailable", "indexing", "starting")
                            else 200)

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


def serve(assistant: Any, host: str, port: int, *, index_progress: Any = None, indexed: Any = None) -> None:
    """Run the web app until interrupted, indexing the knowledge base first when needed (in the background).

    The page answers at once: /healthz says "indexing" (reported to ``index_progress``, then the report handed to
    ``indexed``), then "starting" until the models are trained; the page shows which (``webapp_status``).
    """
    import uvicorn

    server = create_server(assistant)
    assistant.start_warm_up(index_first=True, progress=index_progress, indexed=indexed)
    uvicorn.run(server, host=host, port=port, log_level="warning")
