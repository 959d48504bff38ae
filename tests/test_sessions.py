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
    assert "| min | what |" in md  # every column of the agenda has a heading


@pytest.mark.parametrize("minutes,exercise", [(50, 0), (60, 35), (60, 40), (30, 35), (180, 35), (15, 20)])
def test_agenda_adds_up_and_gives_the_exercise_its_time(minutes, exercise):
    rows = agenda(minutes, ["a", "b", "c", "d", "e"], exercise)
    assert rows[0][0] == 0 and rows[-1][1] == minutes
    assert all(r[1] == n[0] for r, n in zip(rows, rows[1:], strict=False))
    assert all(e > s for s, e, _ in rows)  # every part of the session keeps some time
    length = rows[3][1] - rows[3][0]
    if exercise:  # as long as its steps, never more than 60% of the session
        assert length == min(exercise, round(minutes * 0.6)), rows


def test_an_exercise_takes_the_minutes_its_title_or_its_steps_name():
    from assistant.sessions import exercise_minutes

    assert exercise_minutes("**Check log** \n1. (5 min) Log.\n2. (10 min) Mark.\n3. (10 min) Ask.") == 25
    assert exercise_minutes("**Het bewijsdossier** (40 minuten). Voor …\n1. (10 min) A\n2. (15 min) B") == 40
    assert exercise_minutes("Talk it through, then agree on one step (and see in 5 minutes).") == 0


def test_the_plans_agenda_fits_its_exercise(real_assistant):
    """The exercise row is as long as the card's exercise; a session too short for it says to choose steps."""
    from assistant.sessions import exercise_minutes

    for minutes in (60, 30):
        plan = prepare_session(real_assistant, "My coachee checks every report her team writes", minutes=minutes)
        needed = exercise_minutes(plan.exercises[0])
        assert needed >= 20
        row = next(line for line in plan.markdown.splitlines() if "| Exercise" in line)
        start, end = (int(x) for x in row.split("|")[1].strip().split("–"))
        assert end - start == min(needed, round(minutes * 0.6)), row
        assert ("choose the steps" in row) == (needed > round(minutes * 0.6)), row


@pytest.mark.parametrize("minutes", [2, "abc", 1e400, float("nan"), None, [60]])
def test_bad_plan_minutes(fake_assistant, minutes):
    from assistant.errors import InvalidInputError

    with pytest.raises(InvalidInputError, match="minutes"):
        prepare_session(fake_assistant, "My team resists change", minutes=minutes)


def test_bad_plan_input(fake_assistant):
    with pytest.raises(InvalidQuestionError):
        prepare_session(fake_assistant, "  ")
    assert prepare_session(fake_assistant, "My team resists change", minutes="45").markdown


def test_exports(tmp_path):
    md = "# Plan\n\n## Themes\n\n- Vertrouwen “echt”\n\n| min | |\n|---|---|\n| 0–5 | Check-in |\n"
    assert export_markdown(md, tmp_path / "p.md").read_text() == md
    d = docx.Document(str(export_markdown(md, tmp_path / "p.docx")))
    assert any("Vertrouwen" in p.text for p in d.paragraphs)
    # The agenda stays a table: a header row and one row per item, each cell in its own column.
    assert len(d.tables) == 1
    assert [[c.text for c in row.cells] for row in d.tables[0].rows] == [["min", ""], ["0–5", "Check-in"]]
    assert not any("0–5" in p.text for p in d.paragraphs)
    pdf = export_markdown(md, tmp_path / "p.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    import pypdf

    text = pypdf.PdfReader(str(pdf)).pages[0].extract_text()
    assert "0–5" in text and "Check-in" in text


def test_cli_prepare_writes_docx(real_assistant, tmp_path, monkeypatch):
    from assistant.cli import main

    out = tmp_path / "plan.docx"
    r = CliRunner().invoke(main, ["prepare", "Mijn team verzet zich tegen verandering", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert out.exists()


def test_storage_survives_restart_and_separates_users(tmp_path):
    from assistant.storage import SQLiteStorage as Storage

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

    check = make_auth(f"ann:{hash_password('s3cret-pass')}")
    assert check("ann", "s3cret-pass") and not check("ann", "wrong") and not check("bob", "s3cret-pass")
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("..\\..\\evil.md") == "evil.md"


def test_upload_bad_inputs(fake_assistant, tmp_path):
    before = set(fake_assistant.index.chunks())
    zero = tmp_path / "zero.md"
    zero.write_bytes(b"")
    assert "empty" in fake_assistant.upload(zero).status
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ")
    assert "unsupported file type" in fake_assistant.upload(exe).status
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(60 * 1024 * 1024)
    assert "over the 20 MB limit" in fake_assistant.upload(big).status
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 nonsense")
    assert "not a readable PDF" in fake_assistant.upload(bad).status
    good = tmp_path / "good.md"
    good.write_text("# Buddies\n\nEvery new hire gets a buddy.\n")
    first = fake_assistant.upload(good, "../../good.md")
    assert first.ok and "added" in first.status
    assert "already" in fake_assistant.upload(good, "good.md").status
    assert before < set(fake_assistant.index.chunks())
    stored = list(fake_assistant.settings.uploads_dir.rglob("*good.md"))
    assert len(stored) == 1 and stored[0].name != "good.md"  # a generated name: nobody overwrites anybody
    assert set(fake_assistant.index.chunks()) - before  # nothing lost, something added


def test_a_plan_names_a_second_theme_only_when_it_is_close(real_assistant):
    plan = prepare_session(real_assistant, "My coachee is a plant manager who checks every report his supervisors "
                                           "write, and they have stopped taking initiative", goal="let go of checking")
    assert plan.themes and "check" in plan.themes[0]
    assert not any("micromanaged" in t for t in plan.themes), plan.themes


def _opening(block: str, themes: list[str]) -> str:
    """The first sentence of an exercise's Markdown (its introduction), the theme it names left out.

    Two exercises that open alike but for the theme they name open with the same sentence.
    """
    from assistant.text import sentences

    first = next(line for line in block.splitlines() if line.strip())
    sentence = (sentences(first) or [first])[0].strip()
    for theme in themes:
        sentence = sentence.replace(theme, "…")
    return sentence


@pytest.mark.parametrize("language", ["en", "nl"])
def test_exercises_in_one_plan_open_with_different_sentences(real_assistant, language):
    from assistant.citations import Citations
    from assistant.sessions import exercise_blocks

    knowledge = real_assistant.knowledge
    ids = ["checking-everything", "micromanaged-by-boss"]
    cards = [knowledge.card(sid, language) for sid in ids]
    themes = [knowledge.label(sid, language) for sid in ids]
    blocks = exercise_blocks(cards, themes, language, Citations())
    assert len(blocks) == 2
    openings = [_opening(b, themes) for b in blocks]
    assert len(set(openings)) == len(openings), openings
    # Each exercise keeps its own title, and its parts stay paragraphs (the debrief is not read as the last step).
    assert blocks[0].split("\n\n")[1] != blocks[1].split("\n\n")[1]
    assert all(b.count("\n\n") >= 3 for b in blocks)


def test_a_plan_with_two_themes_has_an_exercise_for_each_opening_differently(real_assistant):
    plan = prepare_session(real_assistant, "My coachee checks everything her team does, and since the layoffs the "
                                           "team does not trust her")
    assert len(plan.exercises) == len(plan.themes) >= 1
    openings = [_opening(b, plan.themes) for b in plan.exercises]
    assert len(set(openings)) == len(openings), openings
    assert all(b in plan.markdown for b in plan.exercises)


def _plan_headings(markdown: str) -> list[str]:
    """What names the parts of a plan: headings, bold labels, the agenda's header and the sources' section names."""
    import re

    out = [line.lstrip("# ").strip() for line in markdown.splitlines() if line.startswith("#")]
    out += re.findall(r"^\*\*([^*]+):\*\*", markdown, re.M)
    out += [cell.strip() for line in markdown.splitlines() if line.startswith("| min") for cell in line.split("|")
            if cell.strip()]
    out += [m.rsplit(" ¶", 1)[0] for m in re.findall(r"^- \[\d+\] .+? — (.+)$", markdown, re.M)]
    return out


@pytest.mark.parametrize("language, situation", [
    ("en", "My coachee is a team lead who checks everything"),
    ("nl", "Mijn coachee is een teamleider die alles controleert"),
    ("en", "My coachee checks everything her team does, and since the layoffs the team does not trust her"),
    ("nl", "Mijn coachee leidt een team waar twee collega's al maanden ruzie hebben"),
])
def test_a_plan_keeps_to_one_language_in_its_headings(real_assistant, language, situation):
    from assistant.sessions import LABELS

    plan = prepare_session(real_assistant, situation)
    assert plan.language == language
    other = "nl" if language == "en" else "en"
    # The other language's words for the plan's parts: its labels and the section names of its documents.
    chunks = real_assistant.index.chunks().values()
    own = {str(c.metadata["section"]) for c in chunks if c.metadata["language"] == language}
    own |= {v for v in LABELS[language].values() if isinstance(v, str)} | set(LABELS[language]["agenda_columns"])
    foreign = {str(c.metadata["section"]) for c in chunks if c.metadata["language"] == other}
    foreign |= {v for v in LABELS[other].values() if isinstance(v, str)} | set(LABELS[other]["agenda_columns"])
    headings = _plan_headings(plan.markdown)
    assert headings and not [h for h in headings if h in foreign - own], headings


def test_the_library_api_prepares_the_same_plan(fake_assistant):
    """``Assistant.prepare`` is the session plan the CLI and the web app show (one API, no second path)."""
    direct = prepare_session(fake_assistant, "My coachee checks everything", "let go", 45)
    assert fake_assistant.prepare("My coachee checks everything", "let go", 45).markdown == direct.markdown
