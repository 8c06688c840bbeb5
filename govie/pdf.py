"""PDF files: the text of every page, in page order, with paragraphs joined again.

pypdf extracts the text layer; what it gives is the printed page: every line
broken at the right margin, a page number (``— 3 —``) at the foot, and
paragraphs that run on over the page break. The structure parser reads lines
as paragraphs and items, so wrapped lines are joined back: a line that reaches
the right margin continues on the next unless that one opens a paragraph
(indented) or an item (a list marker). Scanned PDFs have no text layer and
are refused with a clear error rather than read as empty.
"""
from __future__ import annotations

import re

from .errors import FileContentError
from .structure.markers import match_marker

_PAGE_NUMBER = re.compile(r"^\s*[-—–－]*\s*(第\s*)?\d{1,4}\s*(页)?\s*[-—–－]*\s*$")
_INDENT = re.compile(r"^[ \t\u3000]{2,}|^\u3000")
# A line this close to the longest lines of the document reached the margin.
_FULL = 0.9


def pdf_to_text(path) -> tuple[str, dict]:
    """Text and ``meta`` (title, date, pages) of a PDF file."""
    import pypdf

    reader = pypdf.PdfReader(str(path))
    if reader.is_encrypted and not reader.decrypt(""):
        raise FileContentError("the PDF is encrypted with a password")
    pages = [(page.extract_text() or "") for page in reader.pages]
    text = reflow(pages)
    if not text.strip() and reader.pages:
        raise FileContentError("the PDF has no text layer (a scan?); run OCR on it first")
    meta: dict = {"pages": len(reader.pages)}
    info = reader.metadata or {}
    title = str(info.get("/Title") or "").strip()
    if title and title.lower() not in ("untitled", "无标题"):
        meta["title"] = title
    date = info.get("/CreationDate")
    m = re.match(r"D:(\d{4})(\d{2})(\d{2})", str(date or ""))
    if m:
        meta["date"] = "-".join(m.groups())
    return text, meta


def reflow(pages: list[str]) -> str:
    """Join the lines that the page width broke; pages are given in order.

    >>> reflow(["一、主要任务\\n1.新增养老床位200张,年底前\\n完成。\\n2.完成老旧小区改造。\\n- 1 -",
    ...         "  这是新的段落。"])
    '一、主要任务\\n1.新增养老床位200张,年底前完成。\\n2.完成老旧小区改造。\\n  这是新的段落。'
    """
    lines: list[str] = []
    for page in pages:
        page_lines = [ln.rstrip() for ln in page.splitlines()]
        while page_lines and (not page_lines[-1].strip() or _PAGE_NUMBER.match(page_lines[-1])):
            page_lines.pop()
        while page_lines and (not page_lines[0].strip() or _PAGE_NUMBER.match(page_lines[0])):
            page_lines.pop(0)
        lines.extend(page_lines)
    widths = sorted(len(ln) for ln in lines if ln.strip())
    if not widths:
        return ""
    margin = _FULL * widths[int(0.9 * (len(widths) - 1))]
    out: list[str] = []
    for line in lines:
        if out and len(out[-1]) >= margin and _continues(line):
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


def _continues(line: str) -> bool:
    return bool(line.strip()) and not _INDENT.match(line) and match_marker(line) is None
