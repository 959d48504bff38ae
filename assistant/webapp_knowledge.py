"""The web app's Knowledge tab: the documents, uploading and removing one's own, and a passage search."""

import time
from pathlib import Path
from typing import Any

from assistant.errors import CoachError
from assistant.rendering import escape_text
from assistant.webapp_context import WebContext
from assistant.webapp_copy import DOCUMENT_COLUMNS, MESSAGES, SEARCH_COLUMNS, UPLOAD_COLUMNS, confirm_js, ui_i18n


def passage_rows(passages: list[Any]) -> list[list[Any]]:
    """Rows of the Knowledge tab's passage search, in the order of the score they show.

    Answers let the article lead (it is the primary source); a search list is read top-down by its score, so
    here the passages are sorted by it. A passage found by its words alone has no similarity: it says so.
    """
    ordered = sorted(passages, key=lambda p: -p.score)
    return [[round(p.score, 4), MESSAGES["words_only"] if p.similarity is None else f"{p.similarity:.3f}",
             p.meta["title"], f"{p.meta['section']} ¶{p.meta['paragraph']}", p.text] for p in ordered]


def knowledge_tab(ctx: WebContext, demo: Any) -> None:
    """Add the Knowledge tab to the Blocks ``demo`` being built, with its events (API: upload, remove, search)."""
    import gradio as gr
    from gradio.utils import get_upload_folder

    assistant = ctx.assistant

    def documents_table(request: gr.Request | None = None):
        return [[d.title, d.language, d.kind, d.chunks, time.strftime("%Y-%m-%d", time.localtime(d.added_at)),
                 d.doc_id] for d in assistant.documents(ctx.who(request))]

    def removable(request: gr.Request | None) -> list[tuple[str, str]]:
        person = ctx.who(request)
        return [(f"{d.title} ({d.doc_id})", d.doc_id) for d in assistant.documents(person)
                if assistant.is_upload(d) and (person.is_admin or d.owner == person.name)]

    def upload(files: list[Any] | None, request: gr.Request, progress=gr.Progress()):  # noqa: B008 - Gradio idiom
        rows = []
        try:
            person = ctx.who(request)
        except CoachError as exc:
            return [["", str(exc)]], gr.update(), gr.update()
        for f in files or []:
            path = Path(getattr(f, "path", None) or getattr(f, "name", None) or str(f))
            result = assistant.upload(path, path.name, principal=person, allowed_root=Path(get_upload_folder()),
                                      progress=lambda n, tot, label: progress((n, tot), desc=label))
            rows.append([result.name, result.status])
        return rows, documents_table(request), gr.update(choices=removable(request), value=None)

    def remove(doc_id: str, request: gr.Request):
        if not doc_id:
            return MESSAGES["nothing_removed"], documents_table(request), gr.update()
        try:
            message = assistant.remove(doc_id, principal=ctx.who(request))
        except CoachError as exc:
            message = str(exc)
        return escape_text(message), documents_table(request), gr.update(choices=removable(request), value=None)

    def passage_search(query: str, request: gr.Request):
        try:
            res = assistant.search(query, 8, viewer=ctx.who(request).viewer)
        except CoachError as exc:
            return [[str(exc), "", "", "", ""]]
        return passage_rows(res.passages)

    def on_load(request: gr.Request):
        return documents_table(request), gr.update(choices=removable(request))

    L = ui_i18n()
    with gr.Tab(L("knowledge"), elem_id="tab-knowledge"):
        docs = gr.Dataframe(headers=DOCUMENT_COLUMNS, interactive=False)
        files = gr.File(label=L("upload"), file_count="multiple",
                        file_types=[".md", ".txt", ".pdf", ".docx", ".html"])
        results = gr.Dataframe(headers=UPLOAD_COLUMNS, interactive=False)
        with gr.Row():
            which = gr.Dropdown(choices=[], label=L("your_doc"), elem_id="removable")
            rm = gr.Button(L("remove"), elem_id="remove")
            rm_out = gr.Markdown(elem_id="remove-result")
        files.upload(upload, files, [results, docs, which], api_name="upload")
        # One click must not lose a document: the browser asks first (the API caller has chosen already).
        rm.click(remove, which, [rm_out, docs, which], api_name="remove",
                 js=f"(d) => (d && {confirm_js('confirm_remove')}) ? d : null")
        demo.load(on_load, None, [docs, which], api_visibility="private")
        q = gr.Textbox(label=L("search"))
        hits = gr.Dataframe(headers=SEARCH_COLUMNS, datatype=["number", "str", "str", "str", "str"],
                            interactive=False, wrap=True)
        q.submit(passage_search, q, hits, api_name="search")
