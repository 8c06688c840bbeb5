"""Reading documents from files: bytes in whatever encoding users have, text out.

Plain text files are decoded; saved web pages (.html, .htm) are reduced to
the document's own text by ``govie.html``; Word files (.docx) are read by
``govie.docx`` and PDF files by ``govie.pdf``.

UTF-8 (with or without BOM) is tried first because it is unambiguous; other
encodings (GBK/GB18030, Big5) are detected by charset-normalizer rather than
guessed by hand.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import FileContentError, InputError

TEXT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".docx", ".pdf")


@dataclass
class ReadResult:
    text: str
    meta: dict = field(default_factory=dict)


def read(path) -> ReadResult:
    """Read a document file and return its text and what is known about it."""
    path = Path(path)
    if not path.is_file():
        raise InputError("E003", path=path)
    suffix = path.suffix.lower()
    if suffix in _BINARY:
        kind, reader = _BINARY[suffix]
        try:
            text, file_meta = reader(path)
        except FileContentError as err:
            raise InputError("E005", path=path, reason=str(err)) from None
        except Exception as err:  # each library raises its own kinds for a damaged file
            raise InputError("E005", path=path, reason=f"not a readable {kind} file ({type(err).__name__})") from None
        return ReadResult(text, {"source": str(path), **file_meta})
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError("E005", path=path, reason=err.strerror or str(err)) from None
    text, encoding = decode(data)
    if text is None:
        raise InputError("E005", path=path, reason="not text in any encoding govie recognises")
    meta = {"source": str(path), "encoding": encoding}
    if path.suffix.lower() in (".html", ".htm"):
        from .html import html_to_text

        try:
            text, page_meta = html_to_text(text)
        except ValueError as err:  # lxml's word for a page it cannot parse
            raise InputError("E005", path=path, reason=f"not a readable HTML page ({err})") from None
        meta.update(page_meta)
    return ReadResult(text, meta)


def _read_docx(path):
    from .docx import docx_to_text

    return docx_to_text(path)


def _read_pdf(path):
    from .pdf import pdf_to_text

    return pdf_to_text(path)


# Formats that are not text in some encoding: suffix -> (name in errors, reader)
_BINARY = {".docx": (".docx", _read_docx), ".pdf": (".pdf", _read_pdf)}


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Text and encoding name; None when the bytes are not text in any encoding we can tell.

    >>> text = "一、主要任务\\n1.新增养老床位200张。(区民政局牵头)"
    >>> decode(text.encode("gb18030"))[0] == text
    True
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "gbk", "big5", "utf_16"]).best()
    if best is None:
        return None, None
    return str(best), best.encoding


def iter_paths(paths) -> list[Path]:
    """Expand directories into their text files, sorted, so runs are reproducible."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES))
        else:
            out.append(p)
    return out
