"""The benchmark's report: bench.md tables and the latency plot, from the results ``run_bench`` collects."""

from __future__ import annotations

from pathlib import Path
from typing import Any

BASELINES = ("baseline", "baseline_bare")
RATIOS = {"baseline": "ratios", "baseline_bare": "ratios_bare"}  # where bench.json keeps ours against each side


def _mb(n: int | None) -> str:
    return "—" if n is None else f"{n / 1e6:.1f}"


_LABEL = {"ours": "ours", "baseline": "baseline (like for like)", "baseline_bare": "baseline_bare (plain recipe)"}


def _cell(d: dict[str, Any], key: str) -> str:
    v = d.get(key)
    return "—" if not isinstance(v, dict) else f"{v['p95_ms']} ({v['p50_ms']})"


def _build_cell(d: dict[str, Any]) -> str:
    if "error" in d:
        return "error"
    how = f"embedded {d['embedded']}" if d["embedded"] else "reused cached vectors"
    return f"{d['chunks_per_s']} ({d['build_s']} s; {how})"


def _md_lines(results: dict[str, Any]) -> list[str]:
    rows = results["sizes"]
    sides = ("ours", *BASELINES)
    m = results["machine"]
    lines = ["# Benchmark", "",
             f"Chroma: {results['chroma_url'] or 'embedded (PersistentClient)'}; {m['cpus']} CPUs "
             f"(load average {m.get('loadavg_at_start')} at the start, OMP_NUM_THREADS={m.get('omp_num_threads')}); "
             f"questions: {results.get('questions')}. Each side runs in its own process; every side retrieves "
             f"k={results['k']} passages for quality and for latency and is given the same query for each question.",
             "", "| side | retrieval | k | query | embedded text |", "|---|---|---|---|---|"]
    lines += [f"| {_LABEL[s]} | {results['sides'][s]['retrieval']} | {results['sides'][s]['k']} | "
              f"{results['sides'][s]['query']} | {results['sides'][s]['embedded_text']} |" for s in sides]
    lines.append("")
    for size, r in rows.items():
        lines += [f"- {size} chunks, {s}: error: {r[s]['error']}" for s in sides if "error" in r[s]]
    lines += ["## Build", "",
              f"Sizes up to {results.get('cold_max')} chunks are built cold: ours embeds every passage itself "
              "from an empty cache; the like-for-like baseline embeds the same texts with the same model, so it "
              "reuses those cached vectors and its build is storing only; baseline_bare embeds its bare texts "
              "itself. Larger sizes embed every passage once in timed passes (search text, bare text) and every "
              "side builds from those "
              "vectors (storing and indexing only). A build ratio is given only when both sides did the same "
              "work (both embedded, or both reused).", "",
              "| chunks | build | ours chunks/s | baseline chunks/s | baseline_bare chunks/s | ours ÷ baseline | "
              "ours ÷ baseline_bare | embedding pass |", "|---|---|---|---|---|---|---|---|"]
    for r in rows.values():
        passes = [f"{label}: {e.get('passages')} passages, {e.get('embedded')} embedded in this run, "
                  f"{e.get('seconds')} s" for label, e in (("search text", r.get("embedding_pass")),
                                                          ("bare text", r.get("embedding_pass_bare"))) if e]
        pass_ = "; ".join(passes) or "—"
        ratios = [r[RATIOS[s]].get("build_chunks_per_s") or ("— (not comparable)" if r[RATIOS[s]] else "—")
                  for s in BASELINES]
        lines.append(f"| {r['ours'].get('chunks', '—')} | {r.get('build', 'cold')} | "
                     + " | ".join(_build_cell(r[s]) for s in sides) + f" | {ratios[0]} | {ratios[1]} | {pass_} |")
    lines += ["", f"## Query latency: p95 ms (p50), k={results['k']} on every side", "",
              "Answers are timed as a real install gives them: the knowledge base's shipped vectors in place, the "
              "models warmed up as `coach serve` does before it reports ready; on the first pass every question is "
              "new to the process (its embedding is part of the time), on the warm pass it is not.", "",
              "| chunks | ours dense | ours BM25 | ours hybrid | ours extractive answer (first pass) | "
              "ours extractive answer (warm) | baseline | baseline_bare | hybrid ÷ baseline (p95) |",
              "|---|---|---|---|---|---|---|---|---|"]
    for r in rows.values():
        o = r["ours"]
        lines.append(f"| {o.get('chunks', '—')} | {_cell(o, 'dense')} | {_cell(o, 'bm25')} | {_cell(o, 'hybrid')} | "
                     f"{_cell(o, 'extractive_answer')} | {_cell(o, 'extractive_answer_warm')} | "
                     f"{_cell(r['baseline'], 'dense')} | "
                     f"{_cell(r['baseline_bare'], 'dense')} | "
                     f"{r['ratios'].get('hybrid_p95_vs_baseline_p95')} |")
    lines += ["", "## Resources", "",
              "| chunks | disk MB ours / baseline / baseline_bare | peak RSS MB ours / baseline / baseline_bare | "
              "re-ingest unchanged s | first answer after cold ingest s | new process: open + first answer s | "
              "load average at the end |", "|---|---|---|---|---|---|---|"]
    for r in rows.values():
        o = r["ours"]
        disk = " / ".join(_mb(r[s].get("disk_bytes")) for s in sides)
        rss = " / ".join(str(r[s].get("peak_rss_mb", "—")) for s in sides)
        lines.append(f"| {o.get('chunks', '—')} | {disk} | {rss} | {o.get('reingest_unchanged_s')} | "
                     f"{o.get('first_answer_after_cold_ingest_s')} | {o.get('open_and_first_answer_s')} | "
                     f"{r.get('loadavg_at_end')} |")
    lines += ["", "The first answer after a cold ingest embeds the evidence sentences of the article and related "
              "notes, which the knowledge base's shipped vector file supplies in a real install (the benchmark "
              "corpus leaves it out so that builds are cold)."]
    quality = [(s, r) for s, r in rows.items() if all("quality" in r[side] for side in sides)]
    if quality:
        lines += ["", "## Retrieval quality (answerable questions with gold quotes)", "",
                  "Every side gets the same queries (the fingerprint of the query list is the same) and k. A "
                  "baseline hit on the English rendering of a gold paragraph is credited as a hit on the paragraph "
                  "(ours maps renderings back itself). Points: ours minus that side, ×100.", "",
                  "| chunks | side | k | questions | queries sha256 | embedded text | hit@5 | MRR | "
                  "hit@5 points (ours −) | MRR points (ours −) |", "|---|---|---|---|---|---|---|---|---|---|"]
        for size, r in quality:
            for s in sides:
                q, ratios = r[s]["quality"], r.get(RATIOS.get(s, ""), {})
                lines.append(f"| {size} | {_LABEL[s]} | {q['k']} | {q['n']} | {q['queries_sha256']} | "
                             f"{r[s]['embedded_text']} | {q['hit@5']} | {q['mrr']} | "
                             f"{ratios.get('hit@5_points', '—')} | {ratios.get('mrr_points', '—')} |")
        lines += ["", "Ours with one part taken away (the same queries and k): dense or BM25 ranking only, with the "
                  "rest unchanged (card links, the article leading when it scores close to the best, at most two "
                  "passages per section and per document apart from the article); or hybrid without card links "
                  "(the playbook cards name the article paragraphs that support them, and the best-matching cards "
                  "vote for those).", "", "| chunks | ours without | hit@5 | MRR |", "|---|---|---|---|"]
        removed = {"dense": "BM25 (dense only)", "bm25": "dense (BM25 only)", "no_links": "card links"}
        for size, r in quality:
            lines += [f"| {size} | {removed.get(name, name)} | {q['hit@5']} | {q['mrr']} |"
                      for name, q in r["ours"].get("quality_ablations", {}).items()]
    lines += ["", "![latency against corpus size](bench.png)"]
    return lines


def write_report(results: dict[str, Any], out_dir: Path) -> None:
    """Write bench.md (the tables) and bench.png (p95 latency against corpus size) into ``out_dir``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    (out_dir / "bench.md").write_text("\n".join(_md_lines(results)) + "\n", encoding="utf-8")
    rows = results["sizes"]
    ok = [int(s) for s, r in rows.items() if not any("error" in r[side] for side in ("ours", *BASELINES))]
    if ok:
        fig, ax = plt.subplots(figsize=(6, 3.5), dpi=100)
        k = results["k"]
        for label, side, key in (("ours hybrid", "ours", "hybrid"), ("ours dense", "ours", "dense"),
                                 ("ours bm25", "ours", "bm25"), (f"baseline k={k}", "baseline", "dense"),
                                 (f"baseline_bare k={k}", "baseline_bare", "dense"),
                                 ("ours answer", "ours", "extractive_answer")):
            ax.plot(ok, [rows[str(s)][side][key]["p95_ms"] for s in ok], marker="o", label=label)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("chunks")
        ax.set_ylabel("p95 ms")
        ax.legend(fontsize=7)
        fig.tight_layout()
        fig.savefig(out_dir / "bench.png")
        plt.close(fig)
