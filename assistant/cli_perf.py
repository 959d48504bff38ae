"""``coach bench`` and ``coach loadtest``: speed against a baseline measured in the same run, many users at once."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from assistant.cli_common import open_assistant


@click.command()
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
@click.option("--first-start/--no-first-start", default=True, show_default=True,
              help="Time `coach serve` on an empty data directory to its first answer (OUT/first_start.json).")
@click.option("--first-start-only", is_flag=True, help="Only that.")
def bench(sizes: str, out: Path, questions: Path, server: bool, cold_max: int,
          embedding_cache: Path | None, first_start: bool, first_start_only: bool) -> None:
    """Benchmark index build, latency and quality against plain LangChain + Chroma (ratios, one run).

    Every run also times what a new user waits: `coach serve` on an empty data directory to its first answer.
    """
    from assistant.config import load_settings
    from assistant.devtools.bench import run_bench
    from assistant.devtools.first_start import time_first_start

    out.mkdir(parents=True, exist_ok=True)
    start: dict[str, Any] | None = None
    if first_start or first_start_only:
        start = time_first_start(out / "first-start")
        (out / "first_start.json").write_text(json.dumps(start, indent=2), encoding="utf-8")
        click.echo(f"coach serve -> reachable {start['reachable_s']} s, first answer {start['first_answer_s']} s "
                   f"({'answered' if start['answered'] else 'NOT answered'})")
    if first_start_only:
        return

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
    if start is not None:  # run_bench wrote bench.md afresh
        with (out / "bench.md").open("a", encoding="utf-8") as md:
            md.write(f"\n## First start\n\n`coach serve` on an empty data directory: reachable after "
                     f"{start['reachable_s']} s, first answer (asked at once, over the API) after "
                     f"{start['first_answer_s']} s (`first_start.json`).\n")
    click.echo((out / "bench.md").read_text())


@click.command()
@click.option("--url", default="", help="A running coach serve (default: start one on loopback).")
@click.option("--users", default="20,50", show_default=True, help="Simultaneous conversations per round.")
@click.option("--turns", default=2, show_default=True)
@click.option("--workers", default="", help="Compare clusters of this many workers behind nginx, e.g. 1,2 "
              "(each round on the same fresh index in a Chroma server started on loopback).")
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Append each round as a JSON line here.")
def loadtest(url: str, users: str, turns: int, workers: str, out: Path | None) -> None:
    """Simultaneous conversations through gradio_client: answers/s, p95, errors, lost or crossed turns."""
    from assistant.devtools.loadtest import run_load

    def rounds(base: str, **extra: Any) -> None:
        for n in (int(x) for x in users.split(",")):
            r = {**extra, **run_load(base, n, turns)}
            click.echo(json.dumps(r))
            if out is not None:
                with out.open("a", encoding="utf-8") as f:
                    f.write(json.dumps(r) + "\n")

    if url:
        rounds(url)
    elif workers:
        from assistant.devtools.cluster import compare_workers

        compare_workers([int(x) for x in workers.split(",")], rounds,
                        progress=lambda m: click.echo(f"… {m}", err=True))
    else:
        _single_process(rounds)


def _single_process(rounds: Callable[..., None]) -> None:
    """Serve the configured assistant in this process on a free port for the rounds."""
    import threading
    import time

    import uvicorn

    from assistant.ports import free_port
    from assistant.webapp import create_server

    a = open_assistant()
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_server(a), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.1)
    try:
        rounds(f"http://127.0.0.1:{port}/")
    finally:
        server.should_exit = True
        thread.join(10)
