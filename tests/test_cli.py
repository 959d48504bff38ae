import json

import pytest
from click.testing import CliRunner

from assistant.cli import main
from tests.conftest import ROOT


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


def test_stats_writes_nothing(small_kb, isolated_data, monkeypatch):
    """`coach stats` reports and never writes: no file of the data directory changes, Chroma's neither."""
    import hashlib

    monkeypatch.setenv("COACH_EMBEDDINGS", "hashing")
    monkeypatch.setenv("COACH_KNOWLEDGE_DIR", str(small_kb))
    runner = CliRunner()
    assert runner.invoke(main, ["ingest"]).exit_code == 0
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # as a new `coach stats` process would start

    def files() -> dict[str, str]:
        return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(isolated_data.rglob("*"))
                if p.is_file()}

    before = files()
    r = runner.invoke(main, ["stats"])
    assert r.exit_code == 0 and "documents: 3" in r.output and "not checked" in r.output
    assert files() == before


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


def test_ask_json_and_chat(real_assistant):
    runner = CliRunner()
    r = runner.invoke(main, ["ask", "Ik controleer alles wat mijn team doet", "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert {"answer", "language", "refused", "citations", "backend", "grounding", "latency_ms"} <= set(d)
    assert d["language"] == "nl" and d["citations"]
    assert {"marker", "id", "text", "title", "section", "source"} <= set(d["citations"][0])
    session = "My team resists change\n/sources\nand what if they don't trust me?\n/lang nl\n/reset\n/quit\n"
    r = runner.invoke(main, ["chat"], input=session)
    assert r.exit_code == 0, r.output
    assert "What you can try" in r.output and "(new conversation)" in r.output
    assert "(answer language: nl)" in r.output and "[1] My team resists the change" in r.output


def test_chat_offers_numbered_choices_for_a_clarifying_question(real_assistant):
    r = CliRunner().invoke(main, ["chat"], input="het vertrouwen is weg\n1\n/quit\n")
    assert r.exit_code == 0, r.output
    assert "  1) " in r.output and "  2) " in r.output
    assert "Wat je kunt proberen" in r.output  # choosing 1 answered the same question for that situation


def test_ask_json_carries_routing(real_assistant):
    r = CliRunner().invoke(main, ["ask", "Since we moved to hybrid work I keep checking who is online", "--json"])
    d = json.loads(r.output)
    assert d["situations"][0]["id"] == "remote-team" and d["question_type"] == "situational"
    assert d["clarify"] is None and d["advice"] and {"step", "citations", "evidence"} <= set(d["advice"][0])


def test_ask_with_history_file(real_assistant, tmp_path):
    h = tmp_path / "h.json"
    h.write_text(json.dumps([{"role": "user", "content": "I broke a promise to my team."}]))
    r = CliRunner().invoke(main, ["ask", "What should I say to them?", "--history", str(h), "--json"])
    assert r.exit_code == 0, r.output
    assert "promise" in json.loads(r.output)["standalone_question"]


@pytest.mark.slow
def test_bench_smoke(real_assistant, tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_EMBEDDINGS", "hashing")  # the bench embeds both sides cold: keep it cheap here
    q = tmp_path / "q.jsonl"
    q.write_text('{"id": "a", "question": "Why is trust a verb?", "language": "en", "kind": "concept", '
                 '"gold": ["Vertrouwen kan gezien worden als een zelfstandig naamwoord of een werkwoord"], '
                 '"answerable": true}\n')
    r = CliRunner().invoke(main, ["bench", "--sizes", "200", "--out", str(tmp_path / "b"), "--questions", str(q)])
    assert r.exit_code == 0, r.output
    data = json.loads((tmp_path / "b" / "bench.json").read_text())
    row = data["sizes"]["200"]
    assert "error" not in row["ours"] and "error" not in row["baseline"], row
    assert row["ratios"]["hybrid_p95_vs_baseline_p95"] > 0
    assert (tmp_path / "b" / "bench.md").exists() and (tmp_path / "b" / "bench.png").exists()
    # What a new user waits: coach serve on an empty data directory to its first answer, in the report.
    start = json.loads((tmp_path / "b" / "first_start.json").read_text())
    assert start["answered"] and 0 < start["reachable_s"] <= start["first_answer_s"]
    assert "## First start" in (tmp_path / "b" / "bench.md").read_text()


@pytest.mark.slow
def test_bench_cold_sizes_embed_everything_and_large_sizes_share_one_pass(tmp_path, monkeypatch):
    """Cold sizes start from empty caches (no vectors leak from a smaller size); larger sizes embed once."""
    monkeypatch.setenv("COACH_EMBEDDINGS", "hashing")
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    out = tmp_path / "b"
    args = ["bench", "--no-first-start", "--sizes", "1000,1100,1300", "--cold-max", "1100", "--out", str(out),
            "--questions",
            str(ROOT / "eval" / "questions.jsonl")]
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 0, r.output
    sizes = json.loads((out / "bench.json").read_text())["sizes"]
    for size in ("1000", "1100"):  # above the built-in knowledge base's own chunks
        assert sizes[size]["build"] == "cold"
        assert sizes[size]["ours"]["embedded"] == sizes[size]["ours"]["chunks"] == int(size)
    big = sizes["1300"]
    assert big["build"] == "precomputed embeddings"
    assert big["embedding_pass"]["passages"] == 1300 and big["embedding_pass"]["embedded"] == 1300
    assert big["ours"]["embedded"] == 0 and big["baseline"]["chunks"] == 1300
    assert big["ratios"]["build_chunks_per_s"] > 0
    assert "quality" in sizes["1000"]["ours"] and "quality" not in big["ours"]
    assert "precomputed embeddings" in (out / "bench.md").read_text()
    # A second run reuses the shared pass: nothing is embedded twice.
    r = CliRunner().invoke(main, [*args[:3], "1300", *args[4:]])
    assert r.exit_code == 0, r.output
    again = json.loads((out / "bench.json").read_text())["sizes"]["1300"]
    assert again["embedding_pass"]["embedded"] == 0 and again["ours"]["embedded"] == 0


@pytest.mark.slow
def test_bench_server_mode_runs_both_sides_against_one_chroma_server(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_EMBEDDINGS", "hashing")
    out = tmp_path / "srv"
    r = CliRunner().invoke(main, ["bench", "--no-first-start", "--sizes", "1000", "--server", "--out", str(out),
                                  "--questions",
                                  str(ROOT / "eval" / "questions.jsonl")])
    assert r.exit_code == 0, r.output
    data = json.loads((out / "bench.json").read_text())
    assert data["chroma_url"].startswith("http://127.0.0.1:")
    row = data["sizes"]["1000"]
    assert "error" not in row["ours"] and "error" not in row["baseline"], row
    assert row["baseline"]["chunks"] == row["ours"]["chunks"] == 1000
    assert row["ours"]["disk_bytes"] is None and row["baseline"]["disk_bytes"] is None  # vectors live in the server
    assert not (out / "chroma-server").exists()


def test_serve_warns_when_open_to_the_network_without_sign_in(fake_settings, monkeypatch):
    import assistant.webapp

    monkeypatch.setenv("COACH_KNOWLEDGE_DIR", str(fake_settings.knowledge_dir))
    monkeypatch.setenv("COACH_EMBEDDINGS", "hashing")
    monkeypatch.setattr(assistant.webapp, "serve", lambda a, h, p, **kw: None)
    r = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0"])
    assert r.exit_code == 0 and "without sign-in" in r.output
    r = CliRunner().invoke(main, ["serve"])
    assert "without sign-in" not in r.output and "127.0.0.1" in r.output


def test_chat_shows_a_chat_models_checked_text_when_it_differs_from_the_stream(monkeypatch):
    """The terminal cannot take back streamed tokens: the checked text (notes, verified markers, sources) follows."""
    import assistant.cli as cli

    class Answer:
        text, clarify, citations = "*Check-in.*\n\nDelegate results [1].\n\n**Sources**\n- [1] X", None, []

    class Stub:
        def stream(self, question, history, language=None, situation=None):
            yield "token", "Delegate results [1]."
            yield "reset", Answer.text
            yield "answer", Answer()

    monkeypatch.setattr(cli, "open_assistant", lambda backend=None: Stub())
    r = CliRunner().invoke(main, ["chat"], input="How do I delegate?\n/quit\n")
    assert r.exit_code == 0, r.output
    assert cli.RESET_RULE in r.output and "*Check-in.*" in r.output.split(cli.RESET_RULE)[1]
