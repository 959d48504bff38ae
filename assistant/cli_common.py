"""What every ``coach`` command shares: a progress bar on stderr and an assistant with its index made current."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click


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


def open_assistant(ensure: bool = True, **overrides: Any) -> Any:
    """The assistant for a command; with ``ensure``, the knowledge base indexed first (with a progress bar)."""
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
