import docx
import pytest
from click.testing import CliRunner

from assistant.errors import InvalidQuestionError
from assistant.export import export_markdown
from assistant.sessions import agenda, prepare_session


def test_plan_is_grounded_and_complete(real_assistant):
    plan = prepare_session(real_assistant, "My coachee is a team lead who checks everything", "let go", 45)
    md = plan.markdown
    for heading in ("## Themes", "## Key passages", "## Reflective questions", "## Exercises", "## Agenda",
                    "## Commitments to follow up", "## Sources"):
        assert heading in md
    assert plan.citations and plan.language == "en"
    assert "| 0–" in md and "–45 |" in md


def test_agenda_adds_up():
    rows = agenda(50, ["a", "b", "c", "d", "e"])
    assert rows[0][0] == 0 and rows[-1][1] == 50
    assert all(r[1] == n[0] for r, n in zip(rows, rows[1:], strict=False))


def test_bad_plan_input(real_assistant):
    with pytest.raises(InvalidQuestionError):
        prepare_session(real_assistant, "  ")
    with pytest.raises(InvalidQuestionError, match="between 15 and 240"):
        prepare_session(real_assistant, "My team resists change", minutes=2)


def test_exports(tmp_path):
    md = "# Plan\n\n## Themes\n\n- Vertrouwen “echt”\n\n| min | |\n|---|---|\n| 0–5 | Check-in |\n"
    assert export_markdown(md, tmp_path / "p.md").read_text() == md
    d = docx.Document(str(export_markdown(md, tmp_path / "p.docx")))
    assert any("Vertrouwen" in p.text for p in d.paragraphs)
    assert export_markdown(md, tmp_path / "p.pdf").read_bytes().startswith(b"%PDF")


def test_cli_prepare_writes_docx(real_assistant, tmp_path, monkeypatch):
    from assistant.cli import main

    out = tmp_path / "plan.docx"
    r = CliRunner().invoke(main, ["prepare", "Mijn team verzet zich tegen verandering", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert out.exists()


def test_storage_survives_restart_and_separates_users(tmp_path):
    from assistant.storage import Storage

    s = Storage(tmp_path / "app.sqlite")
    cid = s.new_conversation("ann", "first")
    s.add_message(cid, "user", "hello", user="ann")
    s.add_feedback(cid, 1, "down", "too vague", "q", "a", "ann")
    again = Storage(tmp_path / "app.sqlite")
    assert again.messages(cid, "ann")[0]["content"] == "hello"
    assert again.messages(cid, "bob") == []
    with pytest.raises(PermissionError):
        again.add_message(cid, "user", "intrude", user="bob")
    assert again.feedback("down")[0]["comment"] == "too vague"


def test_auth_and_upload_names(tmp_path):
    from assistant.auth import hash_password, make_auth
    from assistant.uploads import safe_name

    check = make_auth(f"ann:{hash_password('s3cret')}")
    assert check("ann", "s3cret") and not check("ann", "wrong") and not check("bob", "s3cret")
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("..\\..\\evil.md") == "evil.md"


def test_upload_bad_inputs(fake_assistant, tmp_path):
    from assistant.uploads import accept_upload

    before = set(fake_assistant.index.chunks())
    zero = tmp_path / "zero.md"
    zero.write_bytes(b"")
    assert "empty" in accept_upload(fake_assistant, zero)[1]
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ")
    assert "unsupported file type" in accept_upload(fake_assistant, exe)[1]
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(60 * 1024 * 1024)
    assert "over the 20 MB limit" in accept_upload(fake_assistant, big)[1]
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 nonsense")
    assert "not a readable PDF" in accept_upload(fake_assistant, bad)[1]
    good = tmp_path / "good.md"
    good.write_text("# Buddies\n\nEvery new hire gets a buddy.\n")
    assert "added" in accept_upload(fake_assistant, good, "../../good.md")[1]
    assert "already" in accept_upload(fake_assistant, good, "good.md")[1]
    assert before < set(fake_assistant.index.chunks())
    assert (fake_assistant.settings.uploads_dir / "good.md").exists()
