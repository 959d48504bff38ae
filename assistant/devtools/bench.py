"""Benchmarks: ours against the plain LangChain + Chroma recipe, like for like, in one run, reported as ratios."""

from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
import resource
import shutil
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlparse

from assistant.config import Settings
from assistant.devtools.bench_corpus import grow_corpus, shipped_vectors_dir
from assistant.devtools.bench_report import BASELINES, RATIOS, write_report
from assistant.stats import percentile

K = 5  # every side retrieves five passages, for quality and for latency: hit@5 scores all a side returns
QUERY_FORM = ("standalone question: a follow-up carries its conversation's topic "
              "(conversation.standalone_question, as `coach eval` retrieves)")
SEARCH_TEXT = "title — section + paragraph text (Chunk.search_text)"
BARE_TEXT = "paragraph text only"
SIDES: dict[str, dict[str, Any]] = {
    "ours": {"retrieval": "hybrid: dense + BM25, fusion, diversity, card links (as shipped)",
             "k": K, "query": QUERY_FORM, "embedded_text": SEARCH_TEXT},
    "baseline": {"retrieval": "langchain_chroma.Chroma + similarity_search, like for like",
                 "k": K, "query": QUERY_FORM, "embedded_text": SEARCH_TEXT},
    "baseline_bare": {"retrieval": "langchain_chroma.Chroma + similarity_search, the plain recipe",
                      "k": K, "query": QUERY_FORM, "embedded_text": BARE_TEXT},
}


class BenchQuery(NamedTuple):
    """One scored question: the query every side is given and the gold quotes a hit must contain."""

    id: str
    query: str
    gold: list[str]


def bench_queries(questions: list[Any], history_turns: int) -> list[str]:
    """The query every side gets for each question: the standalone form the app itself retrieves with."""
    from assistant.conversation import normalise_history, standalone_question

    return [standalone_question(q.question, normalise_history(q.history, history_turns)) for q in questions]


def scored_questions(questions: list[Any], history_turns: int) -> list[BenchQuery]:
    """The answerable questions with gold quotes, each with the query every side is given."""
    keep = [q for q in questions if q.answerable and q.gold]
    return [BenchQuery(q.id, query, list(q.gold))
            for q, query in zip(keep, bench_queries(keep, history_turns), strict=True)]


def embedded_texts(chunks: list[Any], side: str) -> list[str]:
    """The text a baseline side stores and embeds for each chunk: ours' search text, or the bare text."""
    like_ours = SIDES[side]["embedded_text"] == SEARCH_TEXT
    return [c.search_text() if like_ours else c.text for c in chunks]


def queries_digest(queries: list[str]) -> str:
    """A short fingerprint of a query list, so bench.json shows that every side was asked the same."""
    return hashlib.sha256("\n".join(queries).encode()).hexdigest()[:16]


def score_retrieval(search: Callable[[str, int], list[str]], items: list[BenchQuery], k: int = K) -> dict[str, Any]:
    """Mean hit@5 and MRR of ``search(query, k)`` over ``items``, with the k and the queries it was given."""
    from assistant.evaluation.metrics import retrieval_scores

    scores = []
    most = 0
    for item in items:
        texts = search(item.query, k)
        most = max(most, len(texts))
        scores.append(retrieval_scores(texts, item.gold))
    out: dict[str, Any] = {key: round(sum(s[key] for s in scores) / len(scores), 4) if scores else None
                           for key in ("hit@5", "mrr")}
    out.update(n=len(items), k=k, most_returned=most, queries_sha256=queries_digest([i.query for i in items]))
    return out


def _lat(fn: Callable[[str], Any], queries: list[str], warm: int = 3) -> dict[str, float]:
    for q in queries[:warm]:
        fn(q)  # warm
    times = []
    for q in queries:
        t = time.perf_counter()
        fn(q)
        times.append((time.perf_counter() - t) * 1000)
    p95 = percentile(times, 95)
    assert p95 is not None  # at least one query is always timed
    return {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(p95, 2)}


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _side_record(side: str, queries: list[str]) -> dict[str, Any]:
    """What a side was given: its k, query form and embedded text, and a fingerprint of the latency queries."""
    return {**SIDES[side], "latency_queries": len(queries), "latency_queries_sha256": queries_digest(queries)}


def _ours(settings: Settings, corpus: Path, queries: list[str], items: list[BenchQuery]) -> dict[str, Any]:
    from assistant.embeddings import clear_query_cache
    from assistant.service import Assistant

    t = time.perf_counter()
    a = Assistant(settings)
    report = a.index.ingest([corpus], default_kind="user")
    build = time.perf_counter() - t
    chunks = len(a.index.chunks())
    out: dict[str, Any] = {**_side_record("ours", queries), "chunks": chunks, "build_s": round(build, 2),
                           "chunks_per_s": round(chunks / build, 1), "embedded": report.embedded}
    t = time.perf_counter()
    again = a.index.ingest([corpus], default_kind="user")
    out["reingest_unchanged_s"] = round(time.perf_counter() - t, 3)
    out["reingest_embedded"] = again.embedded
    # The first answer after a cold ingest also embeds the evidence sentences (article and related notes) that the
    # knowledge base's shipped vector file would otherwise supply: grow_corpus leaves that file out.
    t = time.perf_counter()
    a.ask(queries[0])
    out["first_answer_after_cold_ingest_s"] = round(time.perf_counter() - t, 3)
    t = time.perf_counter()  # what a newly started app process pays before its first answer (modules loaded)
    Assistant(settings).ask(queries[0])
    out["open_and_first_answer_s"] = round(time.perf_counter() - t, 3)
    for mode in ("dense", "bm25", "hybrid"):  # each mode embeds its questions itself, as the baselines do
        a.search("warming up the search path", k=K, mode=mode)
        clear_query_cache()
        out[mode] = _lat(partial(a.search, k=K, mode=mode), queries, warm=0)
    # Answers timed as a user of a real install meets them: the knowledge base's shipped vectors in place (a card's
    # steps and the evidence sentences are not embedded per answer; the corpus left them out so the build above was
    # cold), the models warmed up as `coach serve` does before it reports ready, and every question new to the
    # process, so its embedding is part of the time.
    for seed in sorted(shipped_vectors_dir(corpus).glob("*.npz")):
        if not (corpus / seed.name).exists():
            shutil.copyfile(seed, corpus / seed.name)
    served = Assistant(settings)
    served.warm_up()
    clear_query_cache()
    out["extractive_answer"] = _lat(lambda q: served.ask(q), queries, warm=0)  # retrieves settings.k = K passages
    # The same questions again: now the question embeddings are cached too.
    out["extractive_answer_warm"] = _lat(lambda q: served.ask(q), queries)
    if items:  # what `coach eval --retrieval-only` computes (evaluation.run._run_one), at k = K
        from assistant.retrieval import Retriever

        def texts(query: str, k: int, mode: str | None = None) -> list[str]:
            return [p.text for p in a.search(query, k, mode=mode).passages]

        no_links = Retriever(a.index, settings.retriever, vote_cards=0)
        out["quality"] = score_retrieval(texts, items)
        # Ours with one part taken away, as `coach eval` compares: shows where the gap to the baseline comes from.
        out["quality_ablations"] = {
            "dense": score_retrieval(partial(texts, mode="dense"), items),
            "bm25": score_retrieval(partial(texts, mode="bm25"), items),
            "no_links": score_retrieval(lambda q, k: [p.text for p in no_links.retrieve(q, k).passages], items),
        }
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


def _embed_pass(settings: Settings, corpus: Path, side: str = "baseline") -> dict[str, Any]:
    """Embed every passage ``side`` stores into the shared cache, once; timed (ours stores what ``baseline`` does)."""
    from assistant.embeddings import CachedEmbeddings, make_embeddings

    inner, name = make_embeddings(settings.embeddings, settings.embeddings_base_url)
    cache = CachedEmbeddings(inner, settings.embedding_cache_path, name)
    t = time.perf_counter()
    chunks = _corpus_chunks(settings, corpus)
    texts = embedded_texts(chunks, side)
    for i in range(0, len(texts), 1024):
        cache.embed_documents(texts[i : i + 1024])
    seconds = time.perf_counter() - t
    return {"passages": len(texts), "embedded": cache.misses, "seconds": round(seconds, 2),
            "embedded_per_s": round(cache.misses / seconds, 1) if cache.misses else None}


def _baseline(settings: Settings, corpus: Path, queries: list[str], items: list[BenchQuery], side: str = "baseline",
              reuse: bool = False) -> dict[str, Any]:
    """The recipe most teams start from: langchain_chroma.Chroma + the same embeddings + similarity_search(k=K).

    ``side`` picks the stored and embedded text (``embedded_texts``). With ``reuse`` the passage vectors come
    from the shared embedding cache where they exist (``embedded`` counts the rest); without it the
    side embeds every passage itself.
    """
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma

    from assistant.embeddings import CachedEmbeddings, make_embeddings

    emb, name = make_embeddings(settings.embeddings, settings.embeddings_base_url)
    cache = CachedEmbeddings(emb, settings.embedding_cache_path, name) if reuse else None
    t = time.perf_counter()
    chunks = _corpus_chunks(settings, corpus)
    texts = embedded_texts(chunks, side)
    path = settings.data_dir / "baseline-chroma"
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:  # the same server as ours, so the ratio compares like with like
        url = urlparse(settings.chroma_url)
        client = chromadb.HttpClient(host=url.hostname or "127.0.0.1", port=url.port or 8000,
                                     settings=chroma_settings)
    else:
        client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    store = Chroma(client=client, collection_name=settings.collection, embedding_function=cache or emb)
    for i in range(0, len(chunks), 1000):
        store.add_texts(texts[i : i + 1000], ids=[c.id for c in chunks[i : i + 1000]])
    build = time.perf_counter() - t
    out: dict[str, Any] = {**_side_record(side, queries), "chunks": len(chunks), "build_s": round(build, 2),
                           "chunks_per_s": round(len(chunks) / build, 1),
                           "embedded": cache.misses if cache is not None else len(chunks)}
    out["dense"] = _lat(lambda q: store.similarity_search(q, k=K), queries)
    if items:
        scored = _scored_texts(chunks)
        out["quality"] = score_retrieval(
            lambda q, k: [scored.get(d.id or "", d.page_content) for d in store.similarity_search(q, k=k)], items)
    out["disk_bytes"] = None if settings.chroma_url else _du(path)
    return out


def _child(kind: str, settings: Settings, corpus: Path, queries: list[str], items: list[BenchQuery], reuse: bool,
           q: Any) -> None:
    try:
        if kind.startswith("embed:"):
            result = _embed_pass(settings, corpus, kind.removeprefix("embed:"))
        elif kind == "ours":
            result = _ours(settings, corpus, queries, items)
        else:
            result = _baseline(settings, corpus, queries, items, side=kind, reuse=reuse)
        result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        q.put(result)
    except Exception as exc:  # noqa: BLE001 - reported in the benchmark output
        q.put({"error": f"{type(exc).__name__}: {exc}"})


def _isolated(kind: str, settings: Settings, corpus: Path, queries: list[str], items: list[BenchQuery],
              reuse: bool = False) -> dict[str, Any]:
    """Run one side in a fresh process, so peak memory belongs to it alone."""
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_child, args=(kind, settings, corpus, queries, items, reuse, q))
    p.start()
    result = q.get()
    p.join()
    return result


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a is not None and b else None


def compare(ours: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """Ours against one baseline side: ratios, and quality differences in points.

    Build speeds are compared only when both sides embedded their passages, or both reused vectors.
    """
    if "error" in ours or "error" in base:
        return {}
    same_work = (ours["embedded"] == 0) == (base["embedded"] == 0)
    r: dict[str, Any] = {
        "build_chunks_per_s": _ratio(ours["chunks_per_s"], base["chunks_per_s"]) if same_work else None,
        "hybrid_p95_vs_baseline_p95": _ratio(ours["hybrid"]["p95_ms"], base["dense"]["p95_ms"]),
        "dense_p95_vs_baseline_p95": _ratio(ours["dense"]["p95_ms"], base["dense"]["p95_ms"]),
        "answer_p95_vs_baseline_p95": _ratio(ours["extractive_answer"]["p95_ms"], base["dense"]["p95_ms"]),
        "disk": _ratio(ours["disk_bytes"], base["disk_bytes"]),
        "peak_rss": _ratio(ours["peak_rss_mb"], base["peak_rss_mb"]),
    }
    if "quality" in ours and "quality" in base:
        o, b = ours["quality"], base["quality"]
        r["hit@5_points"] = round(100 * (o["hit@5"] - b["hit@5"]), 1)
        r["mrr_points"] = round(100 * (o["mrr"] - b["mrr"]), 1)
        r["mrr"] = _ratio(o["mrr"], b["mrr"])
    return r


def run_bench(settings: Settings, sizes: list[int], out_dir: Path, questions: Path | None,
              chroma_url: str = "", progress: Callable[[str], None] | None = None, cold_max: int = 10_000,
              embedding_cache: Path | None = None) -> dict[str, Any]:
    """Benchmark each corpus size for ours and both baselines; write bench.json, bench.md and a chart.

    Every side gets the same queries (``bench_queries``) and retrieves ``K`` passages. Sizes up to
    ``cold_max`` are built cold: ours starts from an empty embedding cache and embeds every passage itself;
    the like-for-like baseline then reuses those vectors (same text, same model) and the bare baseline
    embeds its own texts. Larger sizes embed every passage once, in two timed passes of their own (the search
    text, then the bare text) into ``embedding_cache`` (kept between runs); every side then builds from those
    vectors, so build figures measure storing and indexing only.
    """
    from assistant.evaluation.questions import load_questions

    out_dir.mkdir(parents=True, exist_ok=True)
    qs = load_questions(questions) if questions else []
    queries = bench_queries(qs, settings.history_turns) or ["trust"]
    items = scored_questions(qs, settings.history_turns)
    machine = {"cpus": os.cpu_count(), "omp_num_threads": os.environ.get("OMP_NUM_THREADS"),
               "loadavg_at_start": [round(x, 2) for x in os.getloadavg()]}
    results: dict[str, Any] = {"sizes": {}, "machine": machine, "chroma_url": chroma_url,
                               "cold_max": cold_max, "k": K, "sides": SIDES,
                               "questions": str(questions) if questions else None}
    shared_cache = embedding_cache or out_dir / "embedding_cache.sqlite"
    for n, size in enumerate(sizes):
        work = out_dir / f"size-{size}"
        shutil.rmtree(work, ignore_errors=True)
        corpus = work / "corpus"
        grow_corpus(settings, size, corpus)
        quality = items if n == 0 else []
        cold = size <= cold_max
        cache = work / "embedding_cache.sqlite" if cold else shared_cache
        row: dict[str, Any] = {"build": "cold" if cold else "precomputed embeddings"}
        if not cold:  # one pass for the text ours and the like-for-like baseline embed, one for the bare text
            for side, key in (("baseline", "embedding_pass"), ("baseline_bare", "embedding_pass_bare")):
                if progress:
                    progress(f"{size}: {key.replace('_', ' ')}")
                row[key] = _isolated(f"embed:{side}", replace(settings, embedding_cache=str(cache)), corpus,
                                     queries, [])
        if progress:
            progress(f"{size}: ours")
        s_ours = replace(settings, data_dir=work / "ours", embedding_cache=str(cache), chroma_url=chroma_url,
                         collection=f"bench_{size}", knowledge_dir=corpus, k=K)
        row["ours"] = _isolated("ours", s_ours, corpus, queries, quality)
        for side in BASELINES:
            if progress:
                progress(f"{size}: {side}")
            s_side = replace(settings, data_dir=work / side, embedding_cache=str(cache), chroma_url=chroma_url,
                             collection=f"{side}_{size}")
            # Cold, the like-for-like side reuses the vectors ours just embedded for the same texts.
            row[side] = _isolated(side, s_side, corpus, queries, quality, reuse=not cold or side == "baseline")
        row.update({RATIOS[side]: compare(row["ours"], row[side]) for side in BASELINES})
        row["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]  # other work on the machine skews timings
        results["sizes"][str(size)] = row
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(shipped_vectors_dir(corpus), ignore_errors=True)
    (out_dir / "bench.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    write_report(results, out_dir)
    return results


