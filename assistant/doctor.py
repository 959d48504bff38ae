"""`coach doctor`: check the data directory and repair what can be rebuilt, saying what was done."""

from __future__ import annotations

import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from assistant.config import Settings
from assistant.errors import CoachError


@dataclass
class Finding:
    """One check: what was looked at, whether it is fine, and what was (or would be) done."""

    name: str
    ok: bool
    detail: str
    repaired: str = ""


@dataclass
class DoctorReport:
    """All findings of one run."""

    findings: list[Finding] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        """Whether nothing is wrong (after repairs, when repairing)."""
        return all(f.ok or f.repaired for f in self.findings)

    def lines(self) -> list[str]:
        """One line per finding."""
        out = []
        for f in self.findings:
            mark = "ok  " if f.ok else ("FIXED" if f.repaired else "FAIL")
            out.append(f"{mark} {f.name}: {f.detail}" + (f" -> {f.repaired}" if f.repaired else ""))
        return out


def _sqlite_state(path: Path) -> str:
    """'missing', 'ok', or what is wrong with an SQLite file."""
    if not path.exists():
        return "missing"
    try:
        db = sqlite3.connect(path, timeout=10)
        try:
            result = str(db.execute("PRAGMA integrity_check").fetchone()[0])
        finally:
            db.close()
        return "ok" if result == "ok" else result
    except sqlite3.DatabaseError as exc:
        return str(exc)


def _move_aside(path: Path) -> Path:
    target = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def _database_finding(settings: Settings) -> Finding:
    """Whether the database ``database_url`` names is reachable and holds storage and manifest."""
    from assistant.manifest import open_manifest
    from assistant.storage import open_storage

    try:
        storage, manifest = open_storage(settings), open_manifest(settings)
        return Finding("database", True, f"conversations in {storage.describe()}; index manifest in "
                                         f"{manifest.describe()} ({manifest.integrity()})")
    except CoachError as exc:
        return Finding("database", False, str(exc))


def run_doctor(settings: Settings, repair: bool = False) -> DoctorReport:
    """Check every state file of the data directory; with ``repair``, rebuild what is damaged."""
    report = DoctorReport()
    data = settings.data_dir
    try:
        data.mkdir(parents=True, exist_ok=True)
        probe = data / ".write-test"
        probe.write_text("ok")
        probe.unlink()
        report.findings.append(Finding("data directory", True, str(data.resolve())))
    except OSError as exc:
        report.findings.append(Finding("data directory", False, f"{data} is not writable ({exc.strerror})"))
        return report

    rebuild_index = False
    files = [("conversations", settings.app_db_path), ("manifest", settings.db_path)]
    if settings.database_url:  # conversations and the manifest live in that database, not in the data directory
        files = []
        report.findings.append(_database_finding(settings))
    for name, path in (*files, ("embedding cache", settings.embedding_cache_path)):
        state = _sqlite_state(path)
        if state in ("ok", "missing"):
            report.findings.append(Finding(name, True, f"{path} {'is fine' if state == 'ok' else 'not created yet'}"))
            continue
        finding = Finding(name, False, f"{path} is damaged ({state})")
        if repair:
            moved = _move_aside(path)
            finding.repaired = f"moved to {moved.name}; a new empty file is used"
            if name == "conversations":
                finding.repaired += " (earlier conversations could not be kept)"
            if name == "manifest":
                rebuild_index = True
                finding.repaired += "; the index is rebuilt from the knowledge base and uploads"
        report.findings.append(finding)

    lexical = settings.index_dir / "bm25"
    if lexical.exists():
        try:
            import json

            json.loads((lexical / "ids.json").read_text())
            report.findings.append(Finding("lexical index", True, f"{lexical} is readable"))
        except (OSError, ValueError) as exc:
            finding = Finding("lexical index", False, f"{lexical} is damaged ({type(exc).__name__})")
            if repair:
                shutil.rmtree(lexical, ignore_errors=True)
                finding.repaired = "removed; it is rebuilt on the next search"
            report.findings.append(finding)

    if repair and rebuild_index:
        from assistant.vectorstore import make_vector_store

        try:
            make_vector_store(settings.chroma_url, settings.index_dir / "chroma", settings.collection).reset()
        except CoachError:
            pass
    try:
        from assistant.service import Assistant

        assistant = Assistant(settings)
        if repair and (rebuild_index or assistant.index.is_empty()):
            done = assistant.ingest()
            report.findings.append(Finding("index", True, done.summary(), "re-indexed"))
        check = assistant.index.check_vectors(thorough=True)
        finding = Finding("vectors", check.ok, check.describe())
        if not check.ok and repair:
            after = assistant.index.repair_vectors()
            finding.repaired = after.describe()
        report.findings.append(finding)
        stale = assistant.index.is_stale(assistant.knowledge_roots())
        finding = Finding("knowledge base", not stale, "indexed and current" if not stale else
                          "files changed since the last ingest; run `coach ingest`")
        if stale and repair:
            finding.repaired = assistant.ingest().summary()
        report.findings.append(finding)
    except CoachError as exc:
        report.findings.append(Finding("index", False, str(exc)))
    return report
