"""``coach eval``: runs, comparisons, sweeps, routing, safety and grounding figures, and the CI gate."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from assistant.cli_common import open_assistant, progress_bar


@click.group(invoke_without_command=True)
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

    a = open_assistant(backend=backend)
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

    a = open_assistant()
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
@click.option("--vary", multiple=True, metavar="NAME=A,B",
              help="A retrieval setting and the values to try, e.g. card_vote_weight=1.0,1.5,2.0 (repeatable).")
def sweep(questions: Path, out: Path, retrievers: str, ks: str, chunk_chars: str, backends: str,
          retrieval_only: bool, vary: tuple[str, ...]) -> None:
    """Run a grid of settings and write one comparison table (sweep.md) and chart (sweep.png).

    The run with the best dev MRR is chosen and its test figures reported: tune on dev, report test.
    """
    from assistant.evaluation.sweep import run_sweep

    grid: dict[str, list[str]] = {}
    for spec in vary:
        name, sep, values = spec.partition("=")
        if not sep or not values.strip(","):
            raise click.BadParameter(f"{spec!r}: write NAME=A,B (a setting and the values to try)",
                                     param_hint="--vary")
        grid[name.strip()] = [v.strip() for v in values.split(",") if v.strip()]
    a = open_assistant()
    with progress_bar("Sweeping", unit="run") as bar:
        rows = run_sweep(a.settings, questions, out, retrievers=retrievers.split(","),
                         ks=[int(x) for x in ks.split(",")], chunk_chars=[int(x) for x in chunk_chars.split(",")],
                         backends=backends.split(","), retrieval_only=retrieval_only, vary=grid, progress=bar)
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
    a = open_assistant()
    ids = {s["id"] for s in a.situations()}
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
    from assistant.evaluation.safety_eval import (
        CATEGORY_OF,
        bar_failures,
        decide_with,
        handling,
        load_safety_set,
        score_safety,
    )

    a = open_assistant()
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
                got = handling(row["got"])
                ok = got == expected or (expected == "in_scope" and got == "check_in") or (
                    expected in ("off_topic", "injection") and got not in ("in_scope", "check_in"))
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
    from assistant.grounding import Thresholds

    settings = load_settings()
    rows = load_pairs(pairs)
    embed = None if no_embeddings else unit_embedder(settings)
    from assistant.service import knowledge_authors

    names = knowledge_authors(settings)  # as the answer step passes them: the articles' authors
    with progress_bar("Checking", unit="pair") as bar:
        m = score_pairs(rows, embed, progress=bar, names=names, thresholds=Thresholds.of(settings))
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
