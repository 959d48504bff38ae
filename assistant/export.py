"""Export Markdown (answers, conversations, session plans) as Markdown, DOCX or PDF files."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.errors import CoachError

FORMATS = (".md", ".docx", ".pdf")


def _inline(text: str) -> str:
    return re.sub(r"\*\*(.+?)\*\*", r"\1", text).replace("  ", " ").strip()


_CELL = "\x1f"  # joins the cells of a table row in ``_lines``


def _lines(markdown: str) -> list[tuple[str, str]]:
    """(kind, text) per line: h1, h2, bullet, number, table (cells joined by ``_CELL``), text, blank."""
    out = []
    for raw in markdown.splitlines():
        line = raw.rstrip()
        if line.startswith("# "):
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
        for kind, text in _blocks(markdown):
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
            elif kind == "bullet":
                document.add_paragraph(_inline(text), style="List Bullet")
            elif kind in ("number", "table", "text"):
                document.add_paragraph(_inline(text))
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
            else:
                pdf.set_font("DejaVu", "", 10.5)
                pdf.multi_cell(0, 6, ("• " if kind == "bullet" else "") + _inline(text))
        pdf.output(str(path))
    return path
