"""Evaluation reports: Markdown and a self-contained HTML page with charts, failures first."""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path
from typing import Any

from assistant.evaluation.gate import failure_reasons

HEADLINE = [("retrieval", "hit@5"), ("retrieval", "mrr"), ("answers", "cited_gold_rate"),
            ("answers", "citation_validity"), ("answers", "language_match"), ("answers", "refusal_recall")]


def _fmt(v: Any) -> str:
    return "—" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))


def _charts(metrics: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, str]:
    """PNG charts as base64: metrics by language and by kind, and a latency histogram."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = {}
    for group in ("by_language", "by_kind"):
        fig, ax = plt.subplots(figsize=(8, 3.2), dpi=100)
        names = list(metrics["retrieval"][group])
        series = [("hit@5", "retrieval"), ("mrr", "retrieval"), ("cited_gold_rate", "answers")]
        width = 0.8 / len(series)
        for i, (key, section) in enumerate(series):
            if section not in metrics:
                continue
            vals = [metrics[section][group].get(n, {}).get(key) or 0 for n in names]
            ax.bar([x + i * width for x in range(len(names))], vals, width, label=key)
        ax.set_xticks([x + width for x in range(len(names))], names, rotation=20, fontsize=8)
        ax.set_ylim(0, 1.05)
        ax.set_title(f"Metrics {group.replace('_', ' ')}")
        ax.legend(fontsize=8, loc="lower right")
        fig.tight_layout()
        out[group] = _png(fig)
        plt.close(fig)
    fig, ax = plt.subplots(figsize=(8, 3), dpi=100)
    lat = [r["latency_ms"] for r in rows if r.get("latency_ms") is not None] or [r["retrieval_ms"] for r in rows]
    ax.hist(lat, bins=30, color="#2f6f5e")
    ax.set_xlabel("ms")
    ax.set_title("Latency per question")
    fig.tight_layout()
    out["latency"] = _png(fig)
    plt.close(fig)
    return out


def _png(fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return base64.b64encode(buf.getvalue()).decode()


def _headline(metrics: dict[str, Any]) -> list[tuple[str, str, str]]:
    rows = []
    for section, key in HEADLINE:
        if section in metrics:
            ci = metrics[section].get("ci95", {}).get(key)
            rows.append((key, _fmt(metrics[section]["overall"].get(key)), f"{ci[0]:.3f}–{ci[1]:.3f}" if ci else ""))
    return rows


def _comparisons(metrics: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Ours and each baseline/ablation with their retrieval figures, ours first."""
    if "comparisons" not in metrics:
        return []
    return [("ours", metrics["retrieval"]["overall"]), *metrics["comparisons"].items()]


COMPARISON_NOTES = {
    "ours": "as configured for this run",
    "question_blind": "the same passages for every question: those holding the most gold quotes of this set",
    "no_links": "ours without the playbook cards lending their supporting paragraphs",
    "dense": "embeddings only (playbook links still on)", "bm25": "words only, BM25 (playbook links still on)",
}


def _markdown_html(text: str) -> str:
    """An answer rendered as Markdown, raw HTML in it shown as text."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).render(text)


def pass_counts(metrics: dict[str, Any], rows: list[dict[str, Any]]) -> tuple[int, int]:
    """How many questions pass and fail, by the gate's rule for this kind of run."""
    retrieval_only = "answers" not in metrics
    failed = sum(bool(failure_reasons(r, retrieval_only)) for r in rows)
    return len(rows) - failed, failed


def write_reports(out_dir: Path, metrics: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    """Write ``report.md`` and ``report.html`` into ``out_dir``: headline, baselines, then failures with reasons."""
    retrieval_only = "answers" not in metrics
    reasons = {r["id"]: failure_reasons(r, retrieval_only) for r in rows}
    ordered = sorted(rows, key=lambda r: (not reasons[r["id"]], r["id"]))
    n_pass, n_fail = pass_counts(metrics, rows)
    md = ["# Evaluation report", "", f"{len(rows)} questions: {n_pass} pass, {n_fail} fail.", "",
          "| metric | value | 95% CI |", "|---|---|---|"]
    md += [f"| {k} | {v} | {ci} |" for k, v, ci in _headline(metrics)]
    comparisons = _comparisons(metrics)
    if comparisons:
        md += ["", "## Against baselines and ablations (same questions, same query, same k)", "",
               "| retriever | hit@5 | MRR | nDCG@5 | recall@5 | what it is |", "|---|---|---|---|---|---|"]
        md += [f"| {name} | {_fmt(m.get('hit@5'))} | {_fmt(m.get('mrr'))} | {_fmt(m.get('ndcg@5'))} | "
               f"{_fmt(m.get('recall@5'))} | {COMPARISON_NOTES.get(name, '')} |" for name, m in comparisons]
    md += ["", "## Questions (failures first)", ""]
    for r in ordered:
        mark = "❌" if reasons[r["id"]] else "✅"
        md += [f"### {mark} {r['id']} ({r['language']}, {r['kind']})", "", f"**Q:** {r['question']}", ""]
        md += [f"- **Why it fails:** {why}" for why in reasons[r["id"]]] + ([""] if reasons[r["id"]] else [])
        if r.get("answer"):
            md += [r["answer"], ""]
        else:
            md += ["Retrieved: " + "; ".join(f"{p['title']} — {p['section']}" for p in r["retrieved"][:3]), ""]
    (out_dir / "report.md").write_text("\n".join(md), encoding="utf-8")

    charts = _charts(metrics, rows)
    head = "".join(f"<tr><td>{k}</td><td>{v}</td><td>{ci}</td></tr>" for k, v, ci in _headline(metrics))
    comp = "".join(
        f"<tr><td>{html.escape(name)}</td>" + "".join(f"<td>{_fmt(m.get(key))}</td>"
                                                      for key in ("hit@5", "mrr", "ndcg@5", "recall@5"))
        + f"<td>{html.escape(COMPARISON_NOTES.get(name, ''))}</td></tr>" for name, m in comparisons)
    comp_table = ("<h2>Against baselines and ablations</h2><p>Same questions, same (rewritten) query, same k.</p>"
                  "<table id='comparisons'><tr><th>retriever</th><th>hit@5</th><th>MRR</th><th>nDCG@5</th>"
                  f"<th>recall@5</th><th>what it is</th></tr>{comp}</table>") if comparisons else ""
    items = []
    for r in ordered:
        cites = "".join(f"<li>[{c['marker']}] {html.escape(c['title'])} — {html.escape(c['section'])}</li>"
                        for c in r.get("citations", []))
        why = "".join(f"<li>{html.escape(w)}</li>" for w in reasons[r["id"]])
        body = _markdown_html(r["answer"]) if r.get("answer") else html.escape(
            "Retrieved: " + "; ".join(f"{p['title']} — {p['section']}" for p in r["retrieved"][:3]))
        state = "fail" if reasons[r["id"]] else "pass"
        items.append(
            f"<tr class='{state}'><td>{html.escape(r['id'])}</td><td>{r['language']}</td>"
            f"<td>{r['kind']}</td><td>{'FAIL' if reasons[r['id']] else 'pass'}<ul class='why'>{why}</ul></td>"
            f"<td>{html.escape(r['question'])}</td><td><div class='answer'>{body}</div><ul>{cites}</ul></td></tr>")
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Evaluation report</title>
<style>body{{font-family:system-ui,sans-serif;max-width:1100px;margin:2rem auto;color:#1b1b1b}}
table{{border-collapse:collapse;width:100%}}
td,th{{border:1px solid #ccc;padding:4px 6px;vertical-align:top;font-size:13px}}
tr.fail{{background:#fff1ee}}.answer{{font-size:12px}}.answer p{{margin:.3em 0}}
ul.why{{color:#8a1c0c;padding-left:1.1em}}
img{{max-width:100%}}</style></head>
<body><h1>Evaluation report</h1><p>{len(rows)} questions: {n_pass} pass, {n_fail} fail.</p>
<table id="headline"><tr><th>metric</th><th>value</th><th>95% CI</th></tr>{head}</table>
{comp_table}
<h2>Charts</h2>
<img class="chart" alt="metrics by language" src="data:image/png;base64,{charts['by_language']}">
<img class="chart" alt="metrics by kind" src="data:image/png;base64,{charts['by_kind']}">
<img class="chart" alt="latency histogram" src="data:image/png;base64,{charts['latency']}">
<h2>Questions (failures first)</h2>
<table id="questions"><tr><th>id</th><th>lang</th><th>kind</th><th>result</th><th>question</th><th>answer</th></tr>
{''.join(items)}</table></body></html>"""
    (out_dir / "report.html").write_text(page, encoding="utf-8")
