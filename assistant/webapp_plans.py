"""The web app's session plans: the Prepare tab, the plans in the sidebar, and the ``prepare`` API."""

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant import conversation_list
from assistant.errors import CoachError
from assistant.export import FORMATS
from assistant.rendering import escape_text
from assistant.webapp_context import Rewrite, WebContext
from assistant.webapp_copy import export_label, ui_i18n


def prepare_api(ctx: WebContext) -> Callable[..., dict[str, Any]]:
    """The ``prepare`` API endpoint: a session plan for a situation, stored among the caller's plans."""
    import gradio as gr

    def api_prepare(situation: str, goal: str = "", minutes: float = 60,
                    request: gr.Request | None = None) -> dict[str, Any]:
        """Prepare a coaching session plan for a coachee's situation."""
        try:
            person = ctx.who(request)
            plan = ctx.assistant.prepare(situation, goal or "", 60 if minutes is None else minutes,
                                         viewer=person.viewer)
        except CoachError as exc:
            return {"error": str(exc)}
        d = plan.as_dict()
        d["plan_id"] = ctx.assistant.save_plan(str(situation), plan.markdown, person.name)
        return d

    return api_prepare


def prepare_tab(ctx: WebContext, demo: Any, plans: Any, reopen_plan: Any, tabs: Any, sidebar: Any) -> list[Rewrite]:
    """Add the Prepare tab to the Blocks ``demo`` being built; the ``sidebar``'s ``plans`` list reopens into it.

    Returns what to write again when the page's language changes: the list of plans.
    """
    import gradio as gr

    from assistant.export import export_markdown

    records = ctx.assistant

    def make_plan(situation: str, goal: str, minutes: float, request: gr.Request):
        try:
            person = ctx.who(request)
            plan = ctx.assistant.prepare(situation, goal or "", minutes, viewer=person.viewer)
        except CoachError as exc:
            return f"⚠️ {escape_text(str(exc))}", f"⚠️ {exc}"
        records.save_plan(situation, plan.markdown, person.name)
        return escape_text(plan.markdown), plan.markdown

    def export_plan(markdown: str, fmt: str, request: gr.Request):
        language = ctx.language(request)
        if not markdown.strip() or markdown.startswith("⚠️"):
            raise ctx.refuse("plan_first", request)
        out = Path(tempfile.mkdtemp()) / f"{export_label('plan_file', language)}{fmt}"
        export_markdown(markdown, out)
        return str(out)

    def plan_list(request: gr.Request, keep: str | None = None):
        options = conversation_list.plan_choices(records, ctx.who(request).name, language=ctx.language(request))
        return gr.update(choices=options, value=keep if keep in {pid for _, pid in options} else None)

    def plan_list_again(chosen: str | None, request: gr.Request):
        return plan_list(request, chosen)

    def open_plan(pid: str | None, request: gr.Request):
        found = conversation_list.plan(records, pid or "", ctx.who(request).name)
        if found is None:
            raise ctx.refuse("choose_plan", request)
        situation_text, markdown = found
        return situation_text, escape_text(markdown), markdown, gr.Tabs(selected="prepare")

    L = ui_i18n()
    with gr.Tab(L("prepare"), id="prepare", elem_id="tab-prepare"):
        situation = gr.Textbox(label=L("situation"), lines=4, elem_id="plan-situation")
        goal = gr.Textbox(label=L("goal"))
        minutes = gr.Slider(15, 180, value=60, step=5, label=L("minutes"))
        go = gr.Button(L("make_plan"), variant="primary", elem_id="plan-go")
        plan_md = gr.Markdown(elem_id="plan-view")
        plan_edit = gr.Textbox(label=L("edit_plan"), lines=16, elem_id="plan-edit")
        with gr.Row():
            fmt = gr.Radio(list(FORMATS), value=".md", label=L("format"))
            dl = gr.Button(L("export_plan"), elem_id="plan-export")
        plan_file = gr.File(label=L("plan_file"), interactive=False, elem_id="plan-file")
        go.click(make_plan, [situation, goal, minutes], [plan_md, plan_edit]).then(
            plan_list, None, plans, api_visibility="private")
        # The reopened plan is what the coach wants to read: the sidebar gets out of its way (on a phone it
        # would cover the plan).
        reopen_plan.click(open_plan, plans, [situation, plan_md, plan_edit, tabs], api_visibility="private").success(
            lambda: gr.Sidebar(open=False), None, sidebar, api_visibility="private")
        demo.load(plan_list, None, plans, api_visibility="private")
        plan_edit.change(lambda x: x, plan_edit, plan_md)
        dl.click(export_plan, [plan_edit, fmt], plan_file)
    return [(plan_list_again, plans, plans)]
