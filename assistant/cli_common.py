"""What every ``coach`` command shares: a progress bar on stderr and an assistant with its index made current."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click


class ProgressBar:
    """A tqdm progress bar on stderr as a ``progress(n, total, label)`` callback, shown from its first call."""

    def __init__(self, desc: str, unit: str = "file") -> None:
        self.desc, self.unit = desc, unit
        self.bar: Any = None

    def __call__(self, n: int, total: int, label: str) -> None:
        """Show that ``n`` of ``total`` are done, ``label`` the one at hand."""
        from tqdm import tqdm

        if self.bar is None:
            self.bar = tqdm(total=total, desc=self.desc, unit=self.unit, file=sys.stderr, leave=False)
        self.bar.set_postfix_str(label[:30], refresh=False)
        self.bar.update(n - self.bar.n)

    def close(self) -> None:
        """Take the bar off the terminal (it may be shown again by a later call)."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None


@contextmanager
def progress_bar(desc: str, unit: str = "file") -> Iterator[ProgressBar]:
    """A ``ProgressBar`` that is closed when the block ends."""
    bar = ProgressBar(desc, unit)
    try:
        yield bar
    finally:
        bar.close()


def report_indexed(report: Any) -> None:
    """Say on stderr what indexing did (nothing when the index was current)."""
    if report is not None:
        click.echo(f"Indexed: {report.summary()}", err=True)
        for err in report.errors:
            click.echo(f"error: {err}", err=True)


def open_assistant(ensure: bool = True, **overrides: Any) -> Any:
    """The assistant for a command; with ``ensure``, the knowledge base indexed first (with a progress bar)."""
    from assistant.config import load_settings
    from assistant.service import Assistant

    a = Assistant(load_settings(**overrides))
    if ensure:
        with progress_bar("Indexing knowledge base") as bar:
            report = a.ensure_index(progress=bar)
        report_indexed(report)
    return a
