import json

from click.testing import CliRunner

from assistant.cli import main


def test_ingest_search_stats(small_kb, isolated_data, monkeypatch):
    monkeypatch.setenv("COACH_EMBEDDINGS", "hashing")
    monkeypatch.setenv("COACH_KNOWLEDGE_DIR", str(small_kb))
    runner = CliRunner()
    r = runner.invoke(main, ["ingest"])
    assert r.exit_code == 0, r.output
    assert "3 added" in r.output and "chunks" in r.output
    r = runner.invoke(main, ["ingest"])
    assert "0 added" in r.output and "3 unchanged" in r.output and "0 passages embedded" in r.output
    r = runner.invoke(main, ["search", "delegate results", "--json", "--k", "2"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)
    assert len(rows) == 2
    assert {"id", "text", "title", "section", "source", "kind", "language", "score"} <= set(rows[0])
    r = runner.invoke(main, ["stats"])
    assert "documents: 3" in r.output and "hashing" in r.output


def test_ingest_reports_bad_files_in_one_line_each(small_kb, tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_EMBEDDINGS", "hashing")
    monkeypatch.setenv("COACH_KNOWLEDGE_DIR", str(small_kb))
    (tmp_path / "bad.xyz").write_text("x")
    r = CliRunner().invoke(main, ["ingest", str(tmp_path / "bad.xyz"), str(tmp_path / "nope.md")])
    assert r.exit_code == 1
    lines = [line for line in r.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 2
    assert "bad.xyz: unsupported file type" in lines[0] or "bad.xyz: unsupported file type" in lines[1]


def test_search_empty_query_is_a_clear_error(small_kb, monkeypatch):
    monkeypatch.setenv("COACH_EMBEDDINGS", "hashing")
    monkeypatch.setenv("COACH_KNOWLEDGE_DIR", str(small_kb))
    r = CliRunner().invoke(main, ["search", "   "])
    assert r.exit_code == 2
    assert "error: The question is empty" in r.output
    assert "Traceback" not in r.output
