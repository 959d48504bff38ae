"""The web app's Knowledge tab: the documents, uploading and removing one's own, and a passage search."""

import time
from pathlib import Path
from typing import Any

from assistant.errors import CoachError
from assistant.rendering import escape_text
from assistant.webapp_context import Rewrite, WebContext
from assistant.webapp_copy import (
    DOCUMENT_COLUMNS,
    SEARCH_COLUMNS,
    UPLOAD_COLUMNS,
    columns,
    confirm_js,
    kind_name,
    outcome,
    say,
    ui_i18n,
)


def passage_rows(passages: list[Any]) -> list[list[Any]]:
    """Rows of the Knowledge tab's passage search: match, title, where, text, best match first.

    One number per passage, the one the list is sorted by: the retriever's fused score (meaning and words
    together; the page says so under the table). Answers let the article lead (it is the primary source); a
    search list is read top-down by its number.
    """
    ordered = sorted(passages, key=lambda p: -p.score)
    return [[round(p.score, 4), p.meta["title"], f"{p.meta['section']} ¶{p.meta['paragraph']}", p.text]
            for p in ordered]


def table(headings: dict[str, list[str]], rows: list[list[Any]], language: str = "en") -> dict[str, Any]:
    """A Knowledge tab table with its column headings in ``language`` (English for an API caller, as always)."""
    return {"headers": columns(headings, language), "data": rows}


def rows_of(frame: Any) -> list[list[Any]]:
    """The rows a table on the page holds (Gradio hands them over as a pandas DataFrame; an empty one as blanks)."""
    rows = [] if frame is None else [[v.item() if hasattr(v, "item") else v for v in row]
                                     for row in frame.itertuples(index=False)]
    return [row for row in rows if any(v not in ("", None) for v in row)]


def knowledge_tab(ctx: WebContext, demo: Any) -> list[Rewrite]:
    """Add the Knowledge tab to the Blocks ``demo`` being built, with its events (API: upload, remove, search).

    Returns what to write again when the page's language changes: its tables.
    """
    import gradio as gr
    from gradio.utils import get_upload_folder

    assistant = ctx.assistant

    def documents_table(request: gr.Request | None = None):
        language = ctx.language(request)
        return table(DOCUMENT_COLUMNS, [[d.title, d.language, kind_name(d.kind, language), d.chunks,
                                         time.strftime("%Y-%m-%d", time.localtime(d.added_at)), d.doc_id]
                                        for d in assistant.documents(ctx.who(request))], language)

    def removable(request: gr.Request | None) -> list[tuple[str, str]]:
        person = ctx.who(request)
        return [(f"{d.title} ({d.doc_id})", d.doc_id) for d in assistant.documents(person)
                if assistant.is_upload(d) and (person.is_admin or d.owner == person.name)]

    def upload(files: list[Any] | None, request: gr.Request, progress=gr.Progress()):  # noqa: B008 - Gradio idiom
        rows = []
        language = ctx.language(request)
        try:
            person = ctx.who(request)
        except CoachError as exc:
            return table(UPLOAD_COLUMNS, [["", str(exc)]], language), gr.update(), gr.update()
        for f in files or []:
            path = Path(getattr(f, "path", None) or getattr(f, "name", None) or str(f))
            result = assistant.upload(path, path.name, principal=person, allowed_root=Path(get_upload_folder()),
                                      progress=lambda n, tot, label: progress((n, tot), desc=label))
            rows.append([result.name, outcome(result.code, result.args, language) if result.code else result.status])
        return (table(UPLOAD_COLUMNS, rows, language), documents_table(request),
                gr.update(choices=removable(request), value=None))

    def remove(doc_id: str, request: gr.Request):
        if not doc_id:
            return say("nothing_removed", ctx.language(request)), documents_table(request), gr.update()
        language = ctx.language(request)
        try:
            said: Any = assistant.remove(doc_id, principal=ctx.who(request))
        except CoachError as exc:
            said = exc
        code = getattr(said, "code", "")  # the outcome in the page's language when it has a name
        text = outcome(code, getattr(said, "args", {}), language) if code else str(said)
        return escape_text(text), documents_table(request), gr.update(choices=removable(request), value=None)

    def passage_search(query: str, request: gr.Request):
        language = ctx.language(request)
        try:
            res = assistant.search(query, 8, viewer=ctx.who(request).viewer)
        except CoachError as exc:
            return table(SEARCH_COLUMNS, [[None, "", "", str(exc)]], language)
        return table(SEARCH_COLUMNS, passage_rows(res.passages), language)

    def on_load(request: gr.Request):
        # The empty tables get their headings in the page's language too (the components start in English).
        language = ctx.language(request)
        return (documents_table(request), gr.update(choices=removable(request)),
                table(UPLOAD_COLUMNS, [], language), table(SEARCH_COLUMNS, [], language))

    def on_language_changed(results: Any, hits: Any, request: gr.Request):
        # What is on screen stays; the headings change language (and the documents table with them).
        language = ctx.language(request)
        return (documents_table(request), table(UPLOAD_COLUMNS, rows_of(results), language),
                table(SEARCH_COLUMNS, rows_of(hits), language))

    L = ui_i18n()
    with gr.Tab(L("knowledge"), elem_id="tab-knowledge"):
        docs = gr.Dataframe(headers=columns(DOCUMENT_COLUMNS), interactive=False, wrap=True,
                            column_widths=["36%", "9%", "12%", "9%", "12%", "22%"])
        files = gr.File(label=L("upload"), file_count="multiple",
                        file_types=[".md", ".txt", ".pdf", ".docx", ".html"])
        results = gr.Dataframe(headers=columns(UPLOAD_COLUMNS), interactive=False, wrap=True,
                               column_widths=["30%", "70%"])
        with gr.Row():
            which = gr.Dropdown(choices=[], label=L("your_doc"), elem_id="removable")
            rm = gr.Button(L("remove"), elem_id="remove")
            rm_out = gr.Markdown(elem_id="remove-result")
        files.upload(upload, files, [results, docs, which], api_name="upload")
        # One click must not lose a document: the browser asks first (the API caller has chosen already).
        rm.click(remove, which, [rm_out, docs, which], api_name="remove",
                 js=f"(d) => (d && {confirm_js('confirm_remove')}) ? d : null")
        q = gr.Textbox(label=L("search"), elem_id="search-query")
        gr.Markdown(L("search_note"), elem_id="search-note")  # what the one number means, above the list
        # Fixed column widths: the passage's text wraps in its cell, readable whole, instead of widening the table.
        hits = gr.Dataframe(headers=columns(SEARCH_COLUMNS), datatype=["number", "str", "str", "str"],
                            column_widths=["12%", "20%", "15%", "53%"], interactive=False, wrap=True,
                            max_height=700, elem_id="search-hits")
        q.submit(passage_search, q, hits, api_name="search")
        demo.load(on_load, None, [docs, which, results, hits], api_visibility="private")
    return [(on_language_changed, [results, hits], [docs, results, hits])]
