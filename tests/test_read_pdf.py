"""PDF files: a plan printed to pages reads, and extracts, like its plain text."""
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

import govie

SEED = Path(__file__).parent.parent / "examples" / "002_6318302602e1007d.txt"
WIDTH = 30  # characters a printed line holds
LINES_PER_PAGE = 36


def _print_to_pdf(text: str, path: Path, title: str | None = None) -> int:
    """Lay ``text`` out as an official document is printed: lines broken at the margin, numbered pages.

    The font is one of the CJK fonts every PDF reader knows (not embedded), so
    the test needs no font file on the machine.
    """
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    printed = []
    for line in text.split("\n"):
        printed.extend([line[i:i + WIDTH] for i in range(0, len(line), WIDTH)] or [""])
    pdf = canvas.Canvas(str(path))
    if title:
        pdf.setTitle(title)
    pages = [printed[i:i + LINES_PER_PAGE] for i in range(0, len(printed), LINES_PER_PAGE)]
    for number, page in enumerate(pages, 1):
        pdf.setFont("STSong-Light", 12)
        for row, line in enumerate(page):
            pdf.drawString(40, 800 - 20 * row, line)
        pdf.drawString(280, 40, f"— {number} —")
        pdf.showPage()
    pdf.save()
    return len(pages)


def _summary(doc):
    return ([(e.label, e.text) for e in doc.entities],
            [(t.text, [e.text for e in t.lead], [e.text for e in t.owners]) for t in doc.tasks])


def _printable(text: str) -> str:
    """The seed without blank lines and with no line that fills the margin exactly.

    A printed line that ends at the margin cannot say whether its paragraph
    ended there; real plans rarely hit it, and the test should not depend on it.
    """
    lines = [ln for ln in text.split("\n") if ln.strip()]
    return "\n".join(ln + "。" if len(ln) % WIDTH >= WIDTH * 0.9 or len(ln) % WIDTH == 0 else ln for ln in lines)


def test_a_printed_plan_reads_back_as_its_text(tmp_path):
    text = _printable(SEED.read_text(encoding="utf-8"))
    path = tmp_path / "plan.pdf"
    n_pages = _print_to_pdf(text, path, title="2020年工作要点")
    result = govie.read(path)
    assert n_pages > 1, "the seed must run over a page break"
    assert result.text == text
    assert result.meta["pages"] == n_pages
    assert result.meta["title"] == "2020年工作要点"


def test_a_printed_plan_extracts_like_its_text(tmp_path):
    text = _printable(SEED.read_text(encoding="utf-8"))
    path = tmp_path / "plan.pdf"
    _print_to_pdf(text, path)
    from_pdf = govie.extract(govie.read(path).text)
    from_text = govie.extract(text)
    assert _summary(from_pdf) == _summary(from_text)
    assert len(from_pdf.tasks) > 50 and any(t.metrics for t in from_pdf.tasks)


def test_the_cli_reads_pdf_files(tmp_path, capsys):
    from govie.cli import main

    path = tmp_path / "plan.pdf"
    _print_to_pdf("2022年工作要点\n1.新建学校3所。(区教育局牵头)", path)
    assert main(["extract", str(path), "--format", "jsonl"]) == 0
    assert "区教育局" in capsys.readouterr().out


def test_a_pdf_without_a_text_layer_is_a_clear_error(tmp_path):
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(50, 50, 200, 200)  # a page with a picture and no text, as a scan has
    pdf.showPage()
    pdf.save()
    with pytest.raises(govie.InputError, match="E005.*no text layer"):
        govie.read(path)


def test_a_damaged_pdf_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n garbage without objects")
    with pytest.raises(govie.InputError, match="E005.*pdf"):
        govie.read(path)
