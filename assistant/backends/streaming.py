"""Reading an LLM stream safely: an overall deadline kept by a timer, and a stream must say it finished."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from typing import Any

# Clients of wire protocols that report how a generation ended; a stream from them without that report
# was cut off (a dropped connection, a killed server) and is not a complete answer.
_PROTOCOL_CLIENTS = ("ChatOpenAI", "AzureChatOpenAI", "ChatOllama")
_FINISH_KEYS = ("finish_reason", "done_reason", "stop_reason")
_END = object()


class IncompleteStreamError(RuntimeError):
    """The model's stream ended without saying it had finished."""


def _finished(chunk: Any, protocol: bool) -> bool:
    meta = getattr(chunk, "response_metadata", None) or {}
    if any(meta.get(k) for k in _FINISH_KEYS) or meta.get("done") is True:
        return True
    # Models that speak no wire protocol (in-process and test models) end when their generator ends,
    # which LangChain marks on the last chunk.
    return not protocol and getattr(chunk, "chunk_position", None) == "last"


def stream_text(model: Any, messages: Any, timeout: float) -> Iterator[str]:
    """Yield the text pieces of a model's answer; raise TimeoutError at the deadline, even mid-silence.

    The model is read in a worker thread, so a server that stops sending is noticed when the deadline
    passes, not only when (or if) its next chunk arrives.
    """
    protocol = type(model).__name__ in _PROTOCOL_CLIENTS or type(getattr(model, "bound", None)).__name__ \
        in _PROTOCOL_CLIENTS
    box: queue.Queue[Any] = queue.Queue()

    def pump() -> None:
        try:
            for chunk in model.stream(messages):
                box.put(chunk)
            box.put(_END)
        except BaseException as exc:  # noqa: BLE001 - handed to the reader, who raises it
            box.put(exc)

    threading.Thread(target=pump, name="llm-stream", daemon=True).start()
    deadline = time.monotonic() + timeout
    finished = False
    while True:
        try:
            item = box.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise TimeoutError(f"no complete answer within {timeout:.0f} s") from None
        if item is _END:
            break
        if isinstance(item, BaseException):
            raise item
        finished = finished or _finished(item, protocol)
        piece = str(getattr(item, "content", "") or "")
        if piece:
            yield piece
    if not finished:
        raise IncompleteStreamError("the model's answer stopped before it was finished")
