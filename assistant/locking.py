"""One writer at a time: a lock that holds across threads and processes.

``WriterLock`` supplies the thread side (re-entrant within a thread, exclusive across threads) and leaves the process
side to a subclass: ``FileWriterLock`` (a file lock in the data directory, for processes on one machine) or
``manifest_pg.AdvisoryWriterLock`` (a PostgreSQL advisory lock, for workers on several machines).
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)


class WriterLock:
    """Re-entrant within a thread, exclusive across threads; subclasses make it exclusive across processes."""

    def __init__(self) -> None:
        self._thread_lock = threading.RLock()
        self._depth = 0

    def describe(self) -> str:
        """Where the lock lives (for the message shown while waiting)."""
        raise NotImplementedError

    def _try_acquire(self) -> bool:
        """Take the process-wide lock if it is free; return whether it was taken."""
        raise NotImplementedError

    def _acquire(self) -> None:
        """Wait for the process-wide lock and take it."""
        raise NotImplementedError

    def _release(self) -> None:
        """Give the process-wide lock back."""
        raise NotImplementedError

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Hold the lock for the block, waiting (and saying so once) while another process has it."""
        with self._thread_lock:
            if self._depth == 0 and not self._try_acquire():
                log.warning("another process is writing the index (%s); waiting for it to finish", self.describe())
                t0 = time.monotonic()
                self._acquire()
                log.info("index lock acquired after %.1f s", time.monotonic() - t0)
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._release()


class FileWriterLock(WriterLock):
    """An exclusive ``flock`` on a file: every process on this machine that opens the same data directory."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._fd: int | None = None

    def describe(self) -> str:
        """The lock file."""
        return str(self.path)

    def _open(self) -> int:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)

    def _try_acquire(self) -> bool:
        fd = self._open()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def _acquire(self) -> None:
        fd = self._open()
        fcntl.flock(fd, fcntl.LOCK_EX)
        self._fd = fd

    def _release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
