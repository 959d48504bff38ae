"""Benchmarks: ours against the plain LangChain + Chroma recipe, in one run, reported as ratios."""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import random
import resource
import shutil
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from langchain_core.embeddings import Embeddings

from assistant.config import Settings


def grow_corpus(settings: Settings, size: int, out_dir: Path, seed: int = 11) -> int:
    """Write ``size`` chunks as Markdown: the real knowledge base plus passages recombined from its sentences.

    Each grown passage keeps one language and has a distinct text. Returns the number of chunks written.
    """
    from assistant.chunking import chunk_document
    from assistant.loading import find_files, load_document
    from assistant.text import sentences

    files, _ = find_files([settings.knowledge_dir])
    docs = [load_document(f) for f in files if f.suffix == ".md"]
    real = [c for d in docs for c in chunk_document(d, settings.chunk_chars)]
    out_dir.mkdir(parents=True, exist_ok=True)
    for d, f in zip(docs, files, strict=False):
        shutil.copyfile(f, out_dir / f"{d.doc_id}.md")
    # The router's example-question vectors ship with the knowledge base; they are not part of the index build
    # being measured (passage vectors are not copied: cold builds embed every passage).
    for seed_file in settings.knowledge_dir.glob(".embeddings-*-query.npz"):
        shutil.copyfile(seed_file, out_dir / seed_file.name)
    pool: dict[str, list[str]] = {"en": [], "nl": []}
    for c in real:
        pool[c.metadata["language"]].extend(s for s in sentences(c.text) if len(s) > 40)
    rng = random.Random(seed)
    remaining = max(0, size - len(real))
    seen: set[str] = set()
    per_file = 50
    n_file = 0
    while remaining > 0:
        lang = "nl" if n_file % 2 else "en"
        paras: list[str] = []
        while len(paras) < min(per_file, remaining):
            text = " ".join(rng.sample(pool[lang], rng.randint(2, 4)))
            if text not in seen:
                seen.add(text)
                paras.append(text)
        body = "\n\n".join(paras)
        (out_dir / f"grown-{n_file:05d}.md").write_text(
            f"---\nid: grown-{n_file:05d}\ntitle: Grown passages {n_file}\nlanguage: {lang}\nkind: user\n"
            f"---\n\n{body}\n", encoding="utf-8")
        remaining -= len(paras)
        n_file += 1
    return size if size >= len(real) else len(real)


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))]


def _lat(fn: Callable[[str], Any], queries: list[str]) -> dict[str, float]:
    for q in queries[:3]:
        fn(q)  # warm
    times = []
    for q in queries:
        t = time.perf_counter()
        fn(q)
        times.append((time.perf_counter() - t) * 1000)
    return {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(_pct(times, 95), 2)}


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _ours(settings: Settings, corpus: Path, queries: list[str], questions: Path | None) -> dict[str, Any]:
    from assistant.evaluation.run import evaluate
    from assistant.service import Assistant

    t = time.perf_counter()
    a = Assistant(settings)
    report = a.index.ingest([corpus], default_kind="user")
    build = time.perf_counter() - t
    chunks = len(a.index.chunks())
    out: dict[str, Any] = {"chunks": chunks, "build_s": round(build, 2), "chunks_per_s": round(chunks / build, 1),
                           "embedded": report.embedded}
    t = time.perf_counter()
    again = a.index.ingest([corpus], default_kind="user")
    out["reingest_unchanged_s"] = round(time.perf_counter() - t, 3)
    out["reingest_embedded"] = again.embedded
    t = time.perf_counter()  # what a newly started app process pays before its first answer (modules loaded)
    Assistant(settings).ask(queries[0])
    out["open_and_first_answer_s"] = round(time.perf_counter() - t, 3)
    for mode in ("dense", "bm25", "hybrid"):
        out[mode] = _lat(partial(a.search, k=5, mode=mode), queries)
    out["extractive_answer"] = _lat(lambda q: a.ask(q), queries)
    if questions is not None:
        m = evaluate(a, questions, settings.data_dir / "eval", retrieval_only=True)
        out["quality"] = {k: m["retrieval"]["overall"][k] for k in ("hit@5", "mrr")}
    out["disk_bytes"] = None if settings.chroma_url else _du(settings.index_dir)  # vectors live in the server
    return out


def _corpus_chunks(settings: Settings, corpus: Path) -> list[Any]:
    from assistant.chunking import chunk_document
    from assistant.loading import find_files, load_document

    files, _ = find_files([corpus.resolve()])
    return [c for f in files for c in chunk_document(load_document(f, root=None, default_kind="user"),
                                                     settings.chunk_chars)]


def _scored_texts(chunks: list[Any]) -> dict[str, str]:
    """The text each baseline hit is scored on: a translation also counts as the paragraph it renders.

    Gold passages are quoted from the Dutch article; the baseline cannot map an English rendering back
    to its original (ours does), so it is credited as if it had: the comparison measures ranking, not that.
    """
    from assistant.chunking import original_anchor

    first: dict[str, Any] = {}
    for c in chunks:
        first.setdefault(c.metadata["anchor"], c)
    out = {}
    for c in chunks:
        source = original_anchor(c)
        orig = first.get(source) if source else None
        out[c.id] = f"{c.text}\n{orig.text}" if orig is not None else c.text
    return out


class _Precomputed(Embeddings):
    """The baseline's embeddings when vectors were computed ahead.

    Each chunk text maps to the vector our index stored for it (title + section + text), looked up in the
    shared cache; questions are embedded by the same model as ours.
    """

    def __init__(self, cached: Any, search_text: dict[str, str]) -> None:
        self.cached = cached
        self.search_text = search_text

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Vectors for chunk texts, from the cache."""
        return self.cached.embed_documents([self.search_text.get(t, t) for t in texts])

    def embed_query(self, text: str) -> list[float]:
        """A question's vector, from the model."""
        return self.cached.embed_query(text)


def _embed_pass(settings: Settings, corpus: Path) -> dict[str, Any]:
    """Embed every passage our index will store into the shared cache, once; timed."""
    from assistant.embeddings import CachedEmbeddings, make_embeddings

    inner, name = make_embeddings(settings.embeddings, settings.embeddings_base_url)
    cache = CachedEmbeddings(inner, settings.embedding_cache_path, name)
    t = time.perf_counter()
    texts = [c.search_text() for c in _corpus_chunks(settings, corpus)]
    for i in range(0, len(texts), 1024):
        cache.embed_documents(texts[i : i + 1024])
    seconds = time.perf_counter() - t
    return {"passages": len(texts), "embedded": cache.misses, "seconds": round(seconds, 2),
            "embedded_per_s": round(cache.misses / seconds, 1) if cache.misses else None}


def _baseline(settings: Settings, corpus: Path, queries: list[str], questions: Path | None,
              precomputed: bool = False) -> dict[str, Any]:
    """The recipe most teams start from: langchain_chroma.Chroma + the same embeddings + similarity_search(k=4)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma

    from assistant.embeddings import CachedEmbeddings, make_embeddings

    emb, name = make_embeddings(settings.embeddings, settings.embeddings_base_url)
    t = time.perf_counter()
    chunks = _corpus_chunks(settings, corpus)
    if precomputed:
        emb = _Precomputed(CachedEmbeddings(emb, settings.embedding_cache_path, name),
                           {c.text: c.search_text() for c in chunks})
    path = settings.data_dir / "baseline-chroma"
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:  # the same server as ours, so the ratio compares like with like
        url = urlparse(settings.chroma_url)
        client = chromadb.HttpClient(host=url.hostname or "127.0.0.1", port=url.port or 8000,
                                     settings=chroma_settings)
    else:
        client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    store = Chroma(client=client, collection_name=settings.collection, embedding_function=emb)
    for i in range(0, len(chunks), 1000):
        part = chunks[i : i + 1000]
        store.add_texts([c.text for c in part], ids=[c.id for c in part])
    build = time.perf_counter() - t
    out: dict[str, Any] = {"chunks": len(chunks), "build_s": round(build, 2),
                           "chunks_per_s": round(len(chunks) / build, 1)}
    out["dense"] = _lat(lambda q: store.similarity_search(q, k=4), queries)
    if questions is not None:
        from assistant.evaluation.metrics import retrieval_scores
        from assistant.evaluation.questions import load_questions

        qs = [q for q in load_questions(questions) if q.answerable and q.gold]
        scored = _scored_texts(chunks)
        scores = [retrieval_scores([scored.get(d.id or "", d.page_content)
                                    for d in store.similarity_search(q.question, k=4)], q.gold)
                  for q in qs]
        out["quality"] = {k: round(sum(s[k] for s in scores) / len(scores), 4) for k in ("hit@5", "mrr")}
    out["disk_bytes"] = None if settings.chroma_url else _du(path)
    return out


def _child(kind: str, settings: Settings, corpus: Path, queries: list[str], questions: Path | None,
           q: Any) -> None:
    try:
        if kind == "embed":
            result = _embed_pass(settings, corpus)
        elif kind == "ours":
            result = _ours(settings, corpus, queries, questions)
        else:
            result = _baseline(settings, corpus, queries, questions, precomputed=kind == "baseline-precomputed")
        result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        q.put(result)
    except Exception as exc:  # noqa: BLE001 - reported in the benchmark output
        q.put({"error": f"{type(exc).__name__}: {exc}"})


def _isolated(kind: str, settings: Settings, corpus: Path, queries: list[str],
              questions: Path | None) -> dict[str, Any]:
    """Run one side in a fresh process, so peak memory belongs to it alone."""
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_child, args=(kind, settings, corpus, queries, questions, q))
    p.start()
    result = q.get()
    p.join()
    return result


def _mb(n: int | None) -> str:
    return "—" if n is None else f"{n / 1e6:.1f}"


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a is not None and b else None


def run_bench(settings: Settings, sizes: list[int], out_dir: Path, questions: Path | None,
              chroma_url: str = "", progress: Callable[[str], None] | None = None, cold_max: int = 10_000,
              embedding_cache: Path | None = None) -> dict[str, Any]:
    """Benchmark each corpus size for ours and the baseline; write bench.json, bench.md and a chart.

    Sizes up to ``cold_max`` are built cold: each side starts from an empty embedding cache and embeds
    every passage itself, so build figures include embedding. Larger sizes embed every passage once, in
    a timed pass of their own into ``embedding_cache`` (kept between runs); both sides then build from
    those vectors, so their build figures measure storing and indexing only.
    """
    from assistant.conversation import normalise_history, standalone_question
    from assistant.evaluation.questions import load_questions

    out_dir.mkdir(parents=True, exist_ok=True)
    qs = load_questions(questions) if questions else []
    queries = [standalone_question(q.question, normalise_history(q.history)) for q in qs] or ["trust"]
    results: dict[str, Any] = {"sizes": {}, "machine": {"cpus": os.cpu_count()}, "chroma_url": chroma_url,
                               "cold_max": cold_max}
    shared_cache = embedding_cache or out_dir / "embedding_cache.sqlite"
    for n, size in enumerate(sizes):
        work = out_dir / f"size-{size}"
        shutil.rmtree(work, ignore_errors=True)
        corpus = work / "corpus"
        grow_corpus(settings, size, corpus)
        quality = questions if n == 0 else None
        cold = size <= cold_max
        cache = work / "embedding_cache.sqlite" if cold else shared_cache
        row: dict[str, Any] = {"build": "cold" if cold else "precomputed embeddings"}
        if not cold:
            if progress:
                progress(f"{size}: embedding pass")
            row["embedding_pass"] = _isolated("embed", replace(settings, embedding_cache=str(cache)), corpus,
                                              queries, None)
        if progress:
            progress(f"{size}: ours")
        s_ours = replace(settings, data_dir=work / "ours", embedding_cache=str(cache), chroma_url=chroma_url,
                         collection=f"bench_{size}", knowledge_dir=corpus)
        ours = _isolated("ours", s_ours, corpus, queries, quality)
        if progress:
            progress(f"{size}: baseline")
        s_base = replace(settings, data_dir=work / "baseline", embedding_cache=str(cache), chroma_url=chroma_url,
                         collection=f"baseline_{size}")
        base = _isolated("baseline" if cold else "baseline-precomputed", s_base, corpus, queries, quality)
        row.update({"ours": ours, "baseline": base, "ratios": {}})
        if "error" not in ours and "error" not in base:
            r = row["ratios"]
            r["build_chunks_per_s"] = _ratio(ours["chunks_per_s"], base["chunks_per_s"])
            r["hybrid_p95_vs_baseline_p95"] = _ratio(ours["hybrid"]["p95_ms"], base["dense"]["p95_ms"])
            r["dense_p95_vs_baseline_p95"] = _ratio(ours["dense"]["p95_ms"], base["dense"]["p95_ms"])
            r["answer_p95_vs_baseline_p95"] = _ratio(ours["extractive_answer"]["p95_ms"], base["dense"]["p95_ms"])
            r["disk"] = _ratio(ours["disk_bytes"], base["disk_bytes"])
            r["peak_rss"] = _ratio(ours["peak_rss_mb"], base["peak_rss_mb"])
            if "quality" in ours and "quality" in base:
                r["hit@5_points"] = round(100 * (ours["quality"]["hit@5"] - base["quality"]["hit@5"]), 1)
                r["mrr"] = _ratio(ours["quality"]["mrr"], base["quality"]["mrr"])
        results["sizes"][str(size)] = row
        shutil.rmtree(corpus, ignore_errors=True)
    (out_dir / "bench.json").write_text(json.dumps(results, indent=2))
    _write_md(results, out_dir)
    return results


def _cell(d: dict[str, Any], key: str) -> str:
    v = d.get(key)
    return "—" if not isinstance(v, dict) else f"{v['p95_ms']} ({v['p50_ms']})"


def _write_md(results: dict[str, Any], out_dir: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = results["sizes"]
    ok = {s: r for s, r in rows.items() if "error" not in r["ours"] and "error" not in r["baseline"]}
    sizes = [int(s) for s in ok]
    lines = ["# Benchmark", "",
             f"Chroma: {results['chroma_url'] or 'embedded (PersistentClient)'}; {results['machine']['cpus']} CPUs. "
             "Ours: hybrid retrieval (dense + BM25, fusion, card links), k=5. Baseline: `langchain_chroma.Chroma` "
             "with the same embeddings and `similarity_search(k=4)`. Each side runs in its own process.", ""]
    for s, r in rows.items():
        for side in ("ours", "baseline"):
            if "error" in r[side]:
                lines.append(f"- {s} chunks, {side}: error: {r[side]['error']}")
    lines += ["## Build", "",
              f"Sizes up to {results.get('cold_max')} chunks are built cold (each side embeds every passage "
              "itself); larger sizes embed once in a timed pass and both sides build from those vectors "
              "(storing and indexing only).", "",
              "| chunks | build | ours chunks/s (s) | baseline chunks/s (s) | ours ÷ baseline | embedding pass |",
              "|---|---|---|---|---|---|"]
    for r in ok.values():
        o, b, e = r["ours"], r["baseline"], r.get("embedding_pass", {})
        pass_ = "—" if not e else (f"{e.get('passages')} passages, {e.get('embedded')} embedded in this run, "
                                   f"{e.get('seconds')} s")
        lines.append(f"| {o['chunks']} | {r.get('build', 'cold')} | {o['chunks_per_s']} ({o['build_s']}) | "
                     f"{b['chunks_per_s']} ({b['build_s']}) | {r['ratios'].get('build_chunks_per_s')} | {pass_} |")
    lines += ["", "## Query latency: p95 ms (p50)", "",
              "| chunks | ours dense | ours BM25 | ours hybrid | ours extractive answer | baseline k=4 | "
              "hybrid ÷ baseline (p95) |", "|---|---|---|---|---|---|---|"]
    for r in ok.values():
        o, b = r["ours"], r["baseline"]
        lines.append(f"| {o['chunks']} | {_cell(o, 'dense')} | {_cell(o, 'bm25')} | {_cell(o, 'hybrid')} | "
                     f"{_cell(o, 'extractive_answer')} | {_cell(b, 'dense')} | "
                     f"{r['ratios'].get('hybrid_p95_vs_baseline_p95')} |")
    lines += ["", "## Resources", "",
              "| chunks | disk MB ours / baseline (ratio) | peak RSS MB ours / baseline (ratio) | "
              "re-ingest unchanged s | new process: open + first answer s |", "|---|---|---|---|---|"]
    for r in ok.values():
        o, b = r["ours"], r["baseline"]
        lines.append(f"| {o['chunks']} | {_mb(o['disk_bytes'])} / {_mb(b['disk_bytes'])} ({r['ratios'].get('disk')})"
                     f" | {o['peak_rss_mb']} / {b['peak_rss_mb']} ({r['ratios'].get('peak_rss')}) | "
                     f"{o.get('reingest_unchanged_s')} | {o.get('open_and_first_answer_s')} |")
    quality = [(s, r) for s, r in ok.items() if "quality" in r["ours"] and "quality" in r["baseline"]]
    if quality:
        lines += ["", "## Retrieval quality (eval/questions.jsonl, answerable questions)", "",
                  "A baseline hit on the English rendering of a gold paragraph is credited as a hit on the "
                  "paragraph.", "",
                  "| chunks | hit@5 ours / baseline | points | MRR ours / baseline | ratio |", "|---|---|---|---|---|"]
        for s, r in quality:
            o, b = r["ours"]["quality"], r["baseline"]["quality"]
            lines.append(f"| {s} | {o['hit@5']} / {b['hit@5']} | {r['ratios'].get('hit@5_points')} | "
                         f"{o['mrr']} / {b['mrr']} | {r['ratios'].get('mrr')} |")
    lines += ["", "![latency against corpus size](bench.png)"]
    (out_dir / "bench.md").write_text("\n".join(lines) + "\n")
    if sizes:
        fig, ax = plt.subplots(figsize=(6, 3.5), dpi=100)
        for label, side, key in (("ours hybrid", "ours", "hybrid"), ("ours dense", "ours", "dense"),
                                 ("ours bm25", "ours", "bm25"), ("baseline k=4", "baseline", "dense"),
                                 ("ours answer", "ours", "extractive_answer")):
            ax.plot(sizes, [results["sizes"][str(s)][side][key]["p95_ms"] for s in sizes], marker="o", label=label)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("chunks")
        ax.set_ylabel("p95 ms")
        ax.legend(fontsize=7)
        fig.tight_layout()
        fig.savefig(out_dir / "bench.png")
        plt.close(fig)
