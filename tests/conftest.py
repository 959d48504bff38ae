"""Shared fixtures: isolated data directories, a small fake-embedded index and the real one."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"
# Servers and scripts the tests start import the code under test, not whichever copy is installed (an editable
# install may point at another checkout, such as the main worktree when testing a second one).
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)


@pytest.fixture(autouse=True)
def isolated_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data directory and no stray configuration."""
    data = tmp_path / "data"
    monkeypatch.setenv("COACH_DATA_DIR", str(data))
    for var in list(os.environ):
        if var.startswith("COACH_") and var != "COACH_DATA_DIR":
            monkeypatch.delenv(var)
    monkeypatch.chdir(tmp_path)
    return data


def write_md(path: Path, title: str, body: str, *, language: str = "en", kind: str = "related",
             extra: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {title}\nlanguage: {language}\nkind: {kind}\n{extra}---\n\n{body}\n",
                    encoding="utf-8")
    return path


@pytest.fixture
def small_kb(tmp_path: Path) -> Path:
    """A three-document knowledge base in two languages."""
    kb = tmp_path / "kb"
    write_md(kb / "control.en.md", "Control and trust",
             "## Checking\n\nManagers who check everything signal distrust. People stop taking "
             "initiative when every step is reviewed.\n\n## Letting go\n\nDelegate results, not methods. "
             "Agree on check-in moments in advance.")
    write_md(kb / "veiligheid.nl.md", "Psychologische veiligheid",
             "## Durven\n\nMensen durven te experimenteren als ze zich veilig voelen. Fouten bespreken "
             "helpt een team leren.", language="nl")
    write_md(kb / "urgency.en.md", "Urgency",
             "A shared sense of urgency helps change. False urgency is panic and pressure.")
    return kb


@pytest.fixture
def fake_settings(isolated_data: Path, small_kb: Path):
    from assistant.config import load_settings

    # The relevance calibration is for the real model; with the fake embedding every passage counts.
    return load_settings(knowledge_dir=small_kb, embeddings="hashing", min_relevance=0.0)


@pytest.fixture
def fake_assistant(fake_settings):
    from assistant.service import Assistant

    a = Assistant(fake_settings)
    a.ingest()
    return a


@pytest.fixture
def records(tmp_path, fake_assistant):
    """What people keep (``UserRecords``) in a SQLite file of the test's own, for the fake assistant's settings."""
    from assistant.storage import SQLiteStorage
    from assistant.user_records import UserRecords

    return UserRecords(fake_assistant.settings, SQLiteStorage(tmp_path / "app.sqlite"))


_REAL_CACHE: dict[str, Path] = {}


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """One throwaway PostgreSQL server for the session's storage and manifest tests (``tests.pg``)."""
    from tests.pg import postgres_server

    with postgres_server() as url:
        yield url


@pytest.fixture(scope="session")
def real_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real knowledge base indexed once per session with the real embedding model."""
    from assistant.config import load_settings
    from assistant.service import Assistant

    data = tmp_path_factory.mktemp("real") / "data"
    a = Assistant(load_settings(data_dir=data, knowledge_dir=KNOWLEDGE))
    a.ingest()
    return data


@pytest.fixture
def real_assistant(real_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An Assistant over a private copy of the real index."""
    from assistant.config import load_settings
    from assistant.service import Assistant

    data = tmp_path / "realdata"
    shutil.copytree(real_data_dir, data)
    monkeypatch.setenv("COACH_DATA_DIR", str(data))
    return Assistant(load_settings(data_dir=data, knowledge_dir=KNOWLEDGE))


@contextmanager
def running_app(data: Path, workdir: Path, **env_extra: str):
    """`coach serve` as a real process on a free loopback port; yields its URL."""
    from assistant.devtools.cluster import running_worker

    env = {**os.environ, "COACH_DATA_DIR": str(data), "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1",
           "COACH_KNOWLEDGE_DIR": str(KNOWLEDGE), **env_extra}
    with running_worker(env, workdir, timeout=120) as worker:
        yield worker.url


@pytest.fixture(scope="module")
def server(real_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """`coach serve` over a copy of the real index, one per test module; yields its URL and data directory."""
    data = tmp_path_factory.mktemp("web") / "data"
    shutil.copytree(real_data_dir, data)
    with running_app(data, tmp_path_factory.mktemp("cwd")) as url:
        yield url, data


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextmanager
def chromium_page(width: int = 1280, height: int = 900, locale: str = "en-US"):
    """A page in Debian's headless chromium (/usr/bin/chromium) driven by Playwright; skips without it."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser.new_page(viewport={"width": width, "height": height}, locale=locale)
        finally:
            browser.close()


SERVER_FIXTURES = {"open_server", "auth_server", "server", "client"}  # each starts a real `coach serve`


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that need a running server belong to the slow lane (the fast lane is `pytest -m "not slow"`)."""
    for item in items:
        if SERVER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def small_questions(tmp_path: Path) -> Path:
    """A three-question set over the small knowledge base (dev and test rows, one with a field the loader ignores)."""
    import json

    path = tmp_path / "q.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in [
        {"id": "a", "question": "How do I delegate results?", "language": "en", "kind": "situational",
         "gold": ["Delegate results, not methods."], "answerable": True, "split": "dev"},
        {"id": "b", "question": "Durven mensen te experimenteren?", "language": "nl", "kind": "concept",
         "gold": ["Mensen durven te experimenteren"], "answerable": True, "split": "test"},
        {"id": "c", "question": "urgency panic", "language": "en", "kind": "concept",
         "gold": ["False urgency is panic"], "answerable": True, "extra_field": 1, "split": "dev"},
    ]) + "\n")
    return path
