"""Export Markdown (answers, conversations, session plans) as Markdown, DOCX or PDF files."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from assistant.errors import CoachError

FORMATS = (".md", ".docx", ".pdf")


def _inline(text: str) -> str:
    """A line's text without Markdown's bold and italic stars."""
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = re.sub(r"(?<![\w*])\*(?![\s*])(.+?)(?<![\s*])\*(?![\w*])", r"\1", text)
    return text.replace("  ", " ").strip()


_CELL = "\x1f"  # joins the cells of a table row in ``_lines``


_NOTE = re.compile(r"^\[\^([\w-]+)\]:\s*(.*)$")  # a footnote's text: [^1]: ...
_NOTE_REF = re.compile(r"\[\^([\w-]+)\]")  # a reference to it in the text: [^1]


def _lines(markdown: str) -> list[tuple[str, str]]:
    """(kind, text) per line: h1, h2, bullet, number, table (cells joined by ``_CELL``), footnote, text, blank.

    A footnote's label and text are joined by ``_CELL`` too.
    """
    out = []
    for raw in markdown.splitlines():
        line = raw.rstrip()
        note = _NOTE.match(line)
        if note:
            out.append(("footnote", _CELL.join(note.groups())))
        elif line.startswith("# "):
            out.append(("h1", line[2:]))
        elif line.startswith("## "):
            out.append(("h2", line[3:]))
        elif re.match(r"^\s*[-*] ", line):
            out.append(("bullet", re.sub(r"^\s*[-*] (\[ \] )?", "", line)))
        elif re.match(r"^\d+\. ", line):
            out.append(("number", line))
        elif line.startswith("|"):
            if not re.match(r"^\|[-| ]+\|$", line):
                out.append(("table", _CELL.join(c.strip() for c in line.strip().strip("|").split("|"))))
        elif line.strip():
            out.append(("text", line))
        else:
            out.append(("blank", ""))
    return out


def _blocks(markdown: str) -> list[tuple[str, str | list[list[str]]]]:
    """``_lines`` with consecutive table rows gathered into one table (a list of rows of cells)."""
    out: list[tuple[str, str | list[list[str]]]] = []
    for kind, text in _lines(markdown):
        if kind == "table":
            row = [_inline(c) for c in text.split(_CELL)]
            if out and out[-1][0] == "table" and isinstance(out[-1][1], list):
                out[-1][1].append(row)
            else:
                out.append(("table", [row]))
        else:
            out.append((kind, text))
    return out


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


class _WordFootnotes:
    """Word footnotes in a python-docx document (python-docx writes none): a footnotes part, numbered references."""

    def __init__(self, document: Any, texts: dict[str, str]) -> None:
        from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
        from docx.opc.packuri import PackURI
        from docx.opc.part import XmlPart
        from docx.oxml import parse_xml

        self.texts = texts
        self.ids: dict[str, int] = {}
        # Word's two separators (ids -1 and 0) come first; the notes are numbered from 1.
        xml = (f'<w:footnotes xmlns:w="{_W}">'
               '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
               '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
               "</w:p></w:footnote></w:footnotes>")
        self.part = XmlPart(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, parse_xml(xml),
                            document.part.package)
        document.part.relate_to(self.part, RELATIONSHIP_TYPE.FOOTNOTES)

    def add_text(self, paragraph: Any, text: str) -> None:
        """Add ``text`` to ``paragraph``, each ``[^label]`` with a text of its own becoming a footnote reference."""
        from docx.oxml import parse_xml

        at = 0
        for ref in _NOTE_REF.finditer(text):
            if ref.group(1) not in self.texts:
                continue
            paragraph.add_run(text[at:ref.start()])
            run = paragraph.add_run()
            run.font.superscript = True
            run._r.append(parse_xml(f'<w:footnoteReference xmlns:w="{_W}" w:id="{self._id(ref.group(1))}"/>'))
            at = ref.end()
        paragraph.add_run(text[at:])

    def _id(self, label: str) -> int:
        from xml.sax.saxutils import escape

        from docx.oxml import parse_xml

        if label not in self.ids:
            self.ids[label] = len(self.ids) + 1
            self.part.element.append(parse_xml(
                f'<w:footnote xmlns:w="{_W}" w:id="{self.ids[label]}"><w:p>'
                '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
                f'<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> {escape(_inline(self.texts[label]))}'
                "</w:t></w:r></w:p></w:footnote>"))
        return self.ids[label]


def export_markdown(markdown: str, path: Path) -> Path:
    """Write ``markdown`` to ``path`` as .md, .docx or .pdf (by suffix)."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise CoachError(f"Cannot export to '{suffix}'; choose one of {', '.join(FORMATS)}.")
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".md":
        path.write_text(markdown, encoding="utf-8")
    elif suffix == ".docx":
        import docx

        document = docx.Document()
        blocks = _blocks(markdown)
        notes = dict(str(text).split(_CELL, 1) for kind, text in blocks if kind == "footnote")
        footnotes = _WordFootnotes(document, notes) if notes else None
        for kind, text in blocks:
            if isinstance(text, list):  # a table, as a table (the session agenda)
                width = max(len(r) for r in text)
                table = document.add_table(rows=len(text), cols=width)
                table.style = "Table Grid"
                for r, cells in enumerate(text):
                    for c, value in enumerate(cells):
                        table.cell(r, c).text = value
                        if r == 0:
                            for run in table.cell(r, c).paragraphs[0].runs:
                                run.bold = True
            elif kind == "h1":
                document.add_heading(_inline(text), level=1)
            elif kind == "h2":
                document.add_heading(_inline(text), level=2)
            elif kind in ("bullet", "number", "table", "text"):
                paragraph = document.add_paragraph(style="List Bullet" if kind == "bullet" else None)
                if footnotes is not None:
                    footnotes.add_text(paragraph, _inline(text))
                else:
                    paragraph.add_run(_inline(text))
        document.save(str(path))
    else:
        from fpdf import FPDF
        from matplotlib import get_data_path

        fonts = Path(get_data_path()) / "fonts" / "ttf"
        pdf = FPDF()
        pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
        pdf.set_auto_page_break(True, margin=15)
        pdf.add_page()
        for kind, text in _blocks(markdown):
            pdf.set_x(pdf.l_margin)
            if isinstance(text, list):  # a table, as a table
                pdf.set_font("DejaVu", "", 10.5)
                width = max(len(r) for r in text)
                with pdf.table(col_widths=(1,) + (4,) * (width - 1) if width > 1 else None, first_row_as_headings=True,
                               line_height=6) as table:
                    for cells in text:
                        row = table.row()
                        for value in cells + [""] * (width - len(cells)):
                            row.cell(value)
                pdf.ln(2)
            elif kind == "h1":
                pdf.set_font("DejaVu", "B", 16)
                pdf.multi_cell(0, 9, _inline(text))
            elif kind == "h2":
                pdf.set_font("DejaVu", "B", 13)
                pdf.ln(2)
                pdf.multi_cell(0, 8, _inline(text))
            elif kind == "blank":
                pdf.ln(2)
            elif kind == "footnote":  # in a PDF, a note is a small line where the Markdown has it (at the end)
                label, note = str(text).split(_CELL, 1)
                pdf.set_font("DejaVu", "", 8.5)
                pdf.multi_cell(0, 5, f"[{label}] {_inline(note)}")
            else:
                pdf.set_font("DejaVu", "", 10.5)
                pdf.multi_cell(0, 6, ("• " if kind == "bullet" else "") + _NOTE_REF.sub(r"[\1]", _inline(text)))
        pdf.output(str(path))
    return path
