"""``coach backup``, ``coach restore`` and ``coach feedback-export``: what users wrote, in and out of storage."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import click

from assistant.errors import CoachError
from assistant.uploads_archive import archive_uploads, check_archive, stage_uploads, swap_in

MANIFEST = "backup.json"


@click.command("backup")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Directory to write the backup into (created; must not hold a backup already).")
def backup(out_dir: Path) -> None:
    """Back up conversations, feedback, session plans (SQLite or PostgreSQL, as configured) and uploaded files."""
    from assistant.config import load_settings
    from assistant.storage import open_storage

    if (out_dir / MANIFEST).exists():
        raise CoachError(f"{out_dir} already holds a backup; choose a new directory so nothing is overwritten.")
    settings = load_settings()
    storage = open_storage(settings)
    counts = storage.counts()
    written = storage.backup(out_dir)
    archive, uploads = archive_uploads(settings.uploads_dir, out_dir)
    (out_dir / MANIFEST).write_text(json.dumps({
        "engine": storage.dialect, "file": written.name, "schema_version": storage.schema_version(),
        "counts": {**counts, "uploaded files": uploads}, "uploads": archive.name,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "source": storage.describe(),
    }, indent=2), encoding="utf-8")
    click.echo(f"Backed up {storage.describe()} to {written} "
               f"({', '.join(f'{n} {t}' for t, n in counts.items())}) and {uploads} uploaded files to {archive}.")


@click.command("restore")
@click.argument("backup_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore(backup_dir: Path, yes: bool) -> None:
    """Replace the configured storage's contents and the uploaded files with BACKUP_DIR (from coach backup)."""
    from assistant.config import load_settings
    from assistant.storage import check_backup_version, open_storage

    try:
        meta = json.loads((backup_dir / MANIFEST).read_text(encoding="utf-8"))
        file = backup_dir / str(meta["file"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CoachError(f"{backup_dir}: no readable {MANIFEST}; is this a directory written by coach backup? "
                         f"({exc})") from None
    settings = load_settings()
    storage = open_storage(settings)
    if meta.get("engine") != storage.dialect:
        raise CoachError(f"{backup_dir} is a {meta.get('engine')} backup, but the configured storage is "
                         f"{storage.dialect}; nothing was changed.")
    if file.parent != backup_dir or not file.is_file():
        raise CoachError(f"{file} is missing; nothing was changed.")
    check_backup_version(file, int(meta.get("schema_version") or 1))
    archive = backup_dir / str(meta["uploads"]) if meta.get("uploads") else None  # older backups have none
    if archive is not None:
        if archive.parent != backup_dir or not archive.is_file():
            raise CoachError(f"{archive} is missing; nothing was changed.")
        check_archive(archive)
    if not yes:
        click.confirm(f"Replace everything in {storage.describe()}"
                      f"{f' and {settings.uploads_dir}' if archive else ''} with the backup of {meta.get('created')}?",
                      abort=True)
    # the uploaded files are unpacked before anything is replaced, so a bad archive or a full disk changes nothing
    staging = stage_uploads(archive, settings.uploads_dir) if archive is not None else None
    try:
        storage.restore(file)
    except BaseException:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        raise
    click.echo(f"Restored {storage.describe()} from {file} "
               f"({', '.join(f'{n} {t}' for t, n in storage.counts().items())}).")
    if staging is not None:
        from assistant.service import Assistant

        restored = swap_in(staging, settings.uploads_dir)
        assistant = Assistant(settings)
        uploads_before = {d.doc_id for d in assistant.documents() if assistant.is_upload(d)}
        report = assistant.ingest()  # also drops the uploads the backup does not hold
        gone = len(set(report.removed) & uploads_before)
        click.echo(f"Restored {restored} uploaded files to {settings.uploads_dir}; {gone} uploads no longer in the "
                   f"backup were removed from the index; re-indexing: {report.summary()}")


@click.command("feedback-export")
@click.option("--out", type=click.Path(path_type=Path), default=Path("eval/feedback-candidates.jsonl"))
def feedback_export(out: Path) -> None:
    """Write thumbs-down answers (with comments) as candidate questions for review."""
    from assistant.config import load_settings
    from assistant.evaluation.feedback import export_candidates
    from assistant.user_records import UserRecords

    n = export_candidates(UserRecords(load_settings()), out)
    click.echo(f"{n} candidate questions written to {out}")
