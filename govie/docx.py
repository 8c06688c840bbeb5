"""Word documents (.docx): paragraphs and tables in the order they stand in the file.

python-docx reads the file; the body is walked in document order so that an
annexed table stays after the paragraphs that introduce it, and each table's
cells come out one per line, row after row, the layout govie's table reader
knows. A cell merged down several rows is written in each of them, because
decided case 6 applies it to every row it spans and the flattened layout has
no other way to say so; a cell merged across columns is written once.
"""
from __future__ import annotations


def docx_to_text(path) -> tuple[str, dict]:
    """The text of a .docx file and its ``meta`` (title from the core properties, when set)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text.strip()
            if text:
                lines.append(text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                seen = set()  # the cell elements themselves: their ids could be reused once freed
                for cell in row.cells:
                    if cell._tc in seen:  # merged across columns: once per row
                        continue
                    seen.add(cell._tc)
                    text = "\n".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
                    if text:
                        lines.append(text)
    meta = {}
    title = document.core_properties.title
    if title:
        meta["title"] = title
    return "\n".join(lines), meta
