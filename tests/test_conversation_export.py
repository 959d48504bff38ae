"""A stored conversation exported: title from the first question, the date, citations as footnotes, .md and .docx."""

import time
import zipfile

import docx
import pytest

from assistant.conversation_export import conversation_document
from assistant.export import export_markdown


@pytest.fixture
def conversation(records, fake_assistant):
    cid = records.new_conversation("ana", "x")
    for question in ("Managers who check everything: what do I do?", "And how do I let go?"):
        records.keep_exchange(cid, fake_assistant.ask(question).as_dict(), user="ana")
    records.keep_stopped(cid, "One more thing", "Start with [1]", user="ana")
    return records.messages(cid, "ana")


def test_a_conversation_exports_with_its_title_its_date_and_its_citations_as_footnotes(conversation):
    day = time.mktime((2026, 11, 30, 12, 0, 0, 0, 0, -1))
    doc = conversation_document(conversation, "en", day)
    md = doc.markdown
    assert doc.title == "Managers who check everything: what do I do?"
    assert doc.file_stem == "managers-who-check-everything-what-do-i-do"
    assert md.startswith("# Managers who check everything: what do I do?\n\n") and "30 November 2026" in md
    cited = [m["answer"]["citations"] for m in conversation
             if m["role"] == "assistant" and m["answer"].get("citations")]
    total = sum(len(c) for c in cited)
    assert total >= 2
    # Every citation is a footnote, numbered through the whole conversation; the answers' own lists are gone.
    for n in range(1, total + 1):
        assert f"[^{n}]" in md.split("\n[^1]:")[0] and f"\n[^{n}]: " in md
    assert "**Sources**" not in md and "\n- [1]" not in md
    first = cited[0][0]
    assert f"[^1]: {first['title']}" in md
    assert "Start with [1]" in md and "(stopped)" in md  # a stopped answer's markers point nowhere: left as typed
    assert "**You:**" in md and "**Coach:**" in md
    nl = conversation_document(conversation, "nl", day).markdown
    assert "30 november 2026" in nl and "**Jij:**" in nl and "(gestopt)" in nl


def test_the_docx_carries_the_footnotes_as_word_footnotes(conversation, tmp_path):
    doc = conversation_document(conversation, "en", time.time())
    path = export_markdown(doc.markdown, tmp_path / f"{doc.file_stem}.docx")
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "Managers who check everything" in text and "[^" not in text
    assert "Conversation with Trust Coach · " in text and "*" not in text  # Markdown's stars are not in Word
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode()
        notes = z.read("word/footnotes.xml").decode()
        types = z.read("[Content_Types].xml").decode()
    assert body.count("<w:footnoteReference ") == doc.markdown.count("\n[^")
    assert 'w:id="1"' in notes and "footnotes+xml" in types
    first = next(m["answer"]["citations"][0] for m in conversation if m["role"] == "assistant")
    assert first["title"] in notes
    assert export_markdown(doc.markdown, tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("title, stem", [
    ("Ik controleer álles wat mijn team doet!", "ik-controleer-alles-wat-mijn-team-doet"), ("???", ""),
    ("a" * 200, "a" * 60)])
def test_the_file_name_comes_from_the_title(title, stem):
    from assistant.conversation_export import file_stem

    assert file_stem(title) == stem
