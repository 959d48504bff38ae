"""Sweeps: run a grid of settings over one question set and write one comparison table and chart."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from assistant.config import Settings, with_changes
from assistant.errors import ConfigError

# The settings a sweep may vary: they change what retrieval returns, which the sweep chooses on (dev MRR).
RETRIEVAL_SETTINGS = ("retrieval_candidates", "card_vote_weight", "card_voters", "article_lead_ratio", "min_relevance")


def run_sweep(settings: Settings, questions: Path, out_dir: Path, *, retrievers: list[str], ks: list[int],
              chunk_chars: list[int], backends: list[str], retrieval_only: bool = False,
              vary: dict[str, list[str]] | None = None,
              progress: Callable[[int, int, str], None] | None = None) -> list[dict[str, Any]]:
    """Evaluate every combination; indexes for other chunk sizes share the embedding cache.

    ``vary`` names further settings and the values to try (``{"card_vote_weight": ["1.0", "1.5"]}``): every
    combination is evaluated over the same index.
    """
    from assistant.evaluation.run import evaluate
    from assistant.service import Assistant

    vary = vary or {}
    other = sorted(set(vary) - set(RETRIEVAL_SETTINGS))
    if other:  # the sweep chooses on retrieval MRR, which these cannot change
        raise ConfigError(f"A sweep varies retrieval settings only ({', '.join(RETRIEVAL_SETTINGS)}); for {other} "
                          "use tools/routing_tune.py, which scores routing and answers on eval/situations.jsonl dev.")
    for name, values in vary.items():  # every value is checked before the first run
        for value in values:
            with_changes(settings, **{name: value})
    out_dir.mkdir(parents=True, exist_ok=True)
    combos = [dict(zip(vary, values, strict=True)) for values in itertools.product(*vary.values())]
    grid = list(itertools.product(chunk_chars, combos, retrievers, ks, backends))
    rows: list[dict[str, Any]] = []
    assistants: dict[tuple[int, str], Any] = {}
    for n, (chunks, combo, retriever, k, backend) in enumerate(grid, start=1):
        varied = "".join(f"-{key}{value}" for key, value in combo.items())
        name = f"chunks{chunks}{varied}-{retriever}-k{k}-{backend}"
        if progress:
            progress(n, len(grid), name)
        if (chunks, varied) not in assistants:
            s = settings if chunks == settings.chunk_chars else replace(
                settings, chunk_chars=chunks, data_dir=settings.data_dir / "sweep" / f"chunks{chunks}",
                embedding_cache=str(settings.embedding_cache_path))
            a = Assistant(with_changes(s, **combo))
            a.ensure_index()
            assistants[(chunks, varied)] = a
        metrics = evaluate(assistants[(chunks, varied)], questions, out_dir / name, retrieval_only=retrieval_only,
                           retriever=retriever, k=k, backend=backend)
        row: dict[str, Any] = {"run": name, "chunk_chars": chunks, **combo, "retriever": retriever, "k": k,
                               "backend": backend}
        row.update({f"retrieval.{key}": metrics["retrieval"]["overall"][key] for key in ("hit@5", "mrr", "ndcg@5")})
        if "answers" in metrics:
            ans = metrics["answers"]["overall"]
            for key in ("cited_gold_rate", "citation_validity", "language_match"):
                row[f"answers.{key}"] = ans[key]
        row["latency.retrieval_p95"] = metrics["latency_ms"]["retrieval_p95"]
        for split in ("dev", "test"):
            figures = metrics["retrieval"].get("by_split", {}).get(split, {})
            row[f"{split}.mrr"] = figures.get("mrr")
        rows.append(row)
    choice = choose_on_dev(rows)
    (out_dir / "sweep.json").write_text(json.dumps({"runs": rows, "chosen_on_dev": choice}, indent=2))
    keys = list(rows[0]) if rows else []
    table = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    table += ["| " + " | ".join(f"{r[k]:.3f}" if isinstance(r[k], float) else str(r[k]) for k in keys) + " |"
              for r in rows]
    verdict = (f"Chosen on the dev split (highest dev MRR): **{choice['run']}**; its figures on the test split, "
               f"which played no part in the choice: MRR {choice['test.mrr']}." if choice else
               "The question set has no dev/test split: nothing is chosen (tune on dev, report test).")
    (out_dir / "sweep.md").write_text("# Sweep\n\n" + "\n".join(table) + f"\n\n{verdict}\n\n"
                                      "![hit@5 and MRR](sweep.png)\n")
    _chart(rows, out_dir / "sweep.png")
    return rows


def choose_on_dev(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The run with the best dev MRR (ties: the earlier run), or None when the set has no dev split."""
    scored = [r for r in rows if r.get("dev.mrr") is not None]
    return max(scored, key=lambda r: r["dev.mrr"]) if scored else None


def _chart(rows: list[dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(max(6, len(rows) * 0.9), 3.5), dpi=100)
    x = range(len(rows))
    ax.bar([i - 0.2 for i in x], [r["retrieval.hit@5"] or 0 for r in rows], 0.4, label="hit@5")
    ax.bar([i + 0.2 for i in x], [r["retrieval.mrr"] or 0 for r in rows], 0.4, label="MRR")
    ax.set_xticks(list(x), [r["run"] for r in rows], rotation=30, ha="right", fontsize=7)
    ax.set_ylim(0, 1.05)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
