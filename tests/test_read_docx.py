"""Word files: paragraphs and tables in document order, read like the same plain text."""
import docx
import pytest

import govie

PARAGRAPHS = ["2022年重点工作任务分工表", "一、主要任务", "1.新建学校3所。(区教育局牵头,各街道配合)",
              "2.年内新增养老床位200张。(区民政局牵头)", "二、民生实事分工"]
TABLE = [["序号", "工作任务", "牵头单位", "完成时限"],
         ["1", "改造老旧小区12个。", "区住房城乡建设局", "2022年10月底前"],
         ["2", "新建公共停车位500个。", "区交通运输局", "2022年12月"]]


def _make(path):
    document = docx.Document()
    for p in PARAGRAPHS:
        document.add_paragraph(p)
    table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    for r, row in enumerate(TABLE):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(path)


def test_docx_reads_as_its_plain_text(tmp_path):
    path = tmp_path / "plan.docx"
    _make(path)
    plain = "\n".join(PARAGRAPHS + [cell for row in TABLE for cell in row])
    assert govie.read(path).text == plain
    from_docx = govie.extract(govie.read(path).text, year=2022)
    from_plain = govie.extract(plain, year=2022)
    summary = lambda d: [(t.text, [e.text for e in t.lead], [x.norm["date"] for x in t.deadlines]) for t in d.tasks]
    assert summary(from_docx) == summary(from_plain)
    assert ("新建公共停车位500个。", ["区交通运输局"], ["2022-12-31"]) in summary(from_docx)


def test_a_damaged_docx_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(govie.InputError, match="E005.*docx"):
        govie.read(path)


def test_a_lead_cell_merged_down_two_rows_leads_both(tmp_path):
    """Decided case 6: a merged owner cell applies to every row it spans."""
    document = docx.Document()
    document.add_paragraph("2023年民生实事分工表")
    table = document.add_table(rows=3, cols=3)
    for c, value in enumerate(["序号", "工作任务", "牵头单位"]):
        table.cell(0, c).text = value
    table.cell(1, 0).text, table.cell(1, 1).text = "1", "改造老旧小区12个。"
    table.cell(2, 0).text, table.cell(2, 1).text = "2", "新建公共停车位500个。"
    merged = table.cell(1, 2).merge(table.cell(2, 2))
    merged.text = "区住房城乡建设局"
    path = tmp_path / "merged.docx"
    document.save(path)
    doc = govie.extract(govie.read(path).text, year=2023)
    assert [[e.text for e in t.lead] for t in doc.tasks] == [["区住房城乡建设局"], ["区住房城乡建设局"]]
