"""The HTML view: a page a reader can check the extraction against, parsed back with lxml."""
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

import govie
from govie.cli import main
from govie.document import Document, Entity, Task
from govie.output import ROW_FIELDS
from govie.render import to_html

ROOT = Path(__file__).resolve().parent.parent


def parse(page: str):
    assert page.startswith("<!DOCTYPE html>")
    return lxml.html.document_fromstring(page)


def plain_text(text_div) -> str:
    """The document text as the page holds it: the text pane without the task panels."""
    pane = lxml.html.fromstring(lxml.html.tostring(text_div, encoding="unicode"))
    for panel in pane.xpath('.//div[@class="facts"]'):
        panel.drop_tree()
    return pane.text_content()


@pytest.fixture(scope="module")
def seed000(seed_docs):
    doc = seed_docs["000"]
    return doc, parse(doc.to_html())


def test_page_is_self_contained_chinese_html(seed000):
    doc, root = seed000
    assert root.get("lang") == "zh-CN"
    assert root.xpath("//meta[@charset]")[0].get("charset") == "utf-8"
    assert not root.xpath("//script | //link | //img | //iframe | //*[@src]")
    css = "".join(root.xpath("//style/text()"))
    assert "url(" not in css and "@import" not in css and "http" not in css
    assert '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei"' in css
    assert root.xpath("//title/text()") == ["2018年金山区国家新型城镇化综合试点重点工作安排"]


def test_one_mark_per_entity_with_its_label_and_exact_text(seed000):
    doc, root = seed000
    marks = root.xpath('//div[@class="text"]//mark')
    assert len(marks) == len(doc.entities) == 210
    by_span = {(e.start, e.end): e for e in doc.entities}
    for mark in marks:
        e = by_span[int(mark.get("data-start")), int(mark.get("data-end"))]
        assert (mark.get("data-label"), mark.text_content()) == (e.label, e.text)
    labels = {m.get("data-label") for m in marks}
    assert labels == {"AGENCY", "TOWN", "METRIC", "DEADLINE"}


def test_the_text_is_shown_whole_and_unaltered(seed000):
    doc, root = seed000
    (pane,) = root.xpath('//div[@class="text"]')
    assert plain_text(pane) == doc.text


def test_every_task_is_numbered_highlighted_and_followed_by_its_owners(seed000):
    doc, root = seed000
    badges = root.xpath('//a[@class="tno"]')
    assert [b.get("data-n") for b in badges] == [f"T{i}" for i in range(1, 49)]
    for i, task in enumerate(doc.tasks, 1):
        runs = root.xpath(f'//span[@class="tk"][contains(concat(" ", @data-t, " "), " T{i} ")]')
        assert "".join(r.text_content() for r in runs) == task.text
    panels = root.xpath('//div[@class="facts"]')
    assert [p.get("data-task") for p in panels] == [f"T{i}" for i in range(1, 49)]
    # T1 (body item 1): its lead is only stated in the annex row, so it is shown as inferred
    lead = panels[0].xpath(".//dt[.='lead']/following-sibling::dd[1]//a")
    assert [(a.text, a.get("data-inferred")) for a in lead] == [("区规划土地局", "true")]
    # T25 (annex row 1) states it: not inferred
    lead = panels[24].xpath(".//dt[.='lead']/following-sibling::dd[1]//a")
    assert [(a.text, a.get("data-inferred")) for a in lead] == [("区规划土地局", None)]


def test_inferred_relations_are_marked_as_such_and_only_those(seed000):
    doc, root = seed000
    inferred = [r for r in doc.relations if r.inferred]
    assert len(inferred) == 84
    assert len(root.xpath('//div[@class="facts"]//a[@data-inferred="true"]')) == len(inferred)
    assert len(root.xpath('//table//span[@data-inferred="true"]')) == len(inferred)
    assert all("annex row" in a.get("title") for a in root.xpath('//a[@data-inferred="true"]'))


def test_the_table_has_one_row_per_task_with_the_rows_values(seed000):
    doc, root = seed000
    header = [th.text_content() for th in root.xpath("//table[@class='rows']/thead//th")]
    assert header == ["#"] + ROW_FIELDS[1:]
    trs = root.xpath("//table[@class='rows']/tbody/tr")
    assert len(trs) == len(doc.tasks) == 48
    for tr, row in zip(trs, doc.rows()):
        cells = {td.get("data-field"): td.text_content() for td in tr.xpath("td[@data-field]")}
        assert cells == {f: str(row[f]) for f in ROW_FIELDS[1:]}
    annex_leads = [tr.xpath("td[@data-field='lead']")[0].text_content()
                   for tr in trs if tr.get("data-source") == "table"]
    assert len(annex_leads) == 24
    assert annex_leads[0] == "区规划土地局" and "区农委" in annex_leads


def test_ids_are_unique_and_links_resolve_with_several_documents(seed_docs):
    root = parse(to_html([("a", seed_docs["000"]), ("b", seed_docs["004"])]))
    sections = root.xpath("//section[@class='doc']")
    assert [s.get("data-name") for s in sections] == ["a", "b"]
    ids = root.xpath("//@id")
    assert len(ids) == len(set(ids))
    targets = {h[1:] for h in root.xpath("//a/@href")}
    assert targets <= set(ids)
    assert len(sections[1].xpath(".//mark")) == len(seed_docs["004"].entities)


def test_markup_in_the_text_is_escaped():
    text = '<script>alert("x")</script> R&D\n一、主要任务\n1.新建<b>学校</b>&食堂。(区教育局牵头)\n'
    doc = govie.extract(text, year=2021)
    doc.meta["title"] = "<i>title</i> & co"
    page = doc.to_html()
    root = parse(page)
    assert not root.xpath("//script | //b | //i")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert root.xpath("//title/text()") == ["<i>title</i> & co"]
    assert plain_text(root.xpath('//div[@class="text"]')[0]) == text
    (task,) = doc.tasks
    assert "&" in task.text and root.xpath("//table//td[@data-field='task']")[0].text_content() == task.text
    assert [m.text_content() for m in root.xpath("//mark")] == [e.text for e in doc.entities]


def test_label_and_attribute_values_are_escaped():
    doc = Document('x"y<局>', entities=[Entity('A"<b>', 1, 6, '"y<局>')])
    root = parse(doc.to_html())
    (mark,) = root.xpath("//mark")
    assert (mark.get("data-label"), mark.text_content()) == ('A"<b>', '"y<局>')


@pytest.mark.parametrize("doc", [Document(text=""), govie.extract("", year=2020), Document(text="\n\n")])
def test_an_empty_document_renders_a_valid_page(doc):
    root = parse(doc.to_html())
    assert root.tag == "html" and root.find("head") is not None and root.find("body") is not None
    assert not root.xpath("//mark") and not root.xpath("//table")
    assert "No tasks found." in root.text_content()


def test_no_documents_is_still_a_page():
    root = parse(to_html([]))
    assert "No documents." in root.text_content()


def test_overlapping_entities_and_tasks_that_cut_entities_still_nest():
    text = "由区民政局和区卫健委负责完成"
    outer = Entity("AGENCY", 1, 5, "区民政局")
    inner = Entity("TOWN", 1, 2, "区")
    crossing = Entity("METRIC", 4, 7, "局和区")
    task = Task(3, 12, text[3:12])  # begins inside 区民政局, ends inside nothing
    doc = Document(text, entities=[outer, inner, crossing], tasks=[task])
    root = parse(doc.to_html())
    marks = root.xpath("//div[@class='text']//mark")
    assert [(m.get("data-label"), m.text_content()) for m in marks] == [("AGENCY", "区民政局"), ("TOWN", "区")]
    assert marks[1].getparent() is marks[0]
    assert plain_text(root.xpath("//div[@class='text']")[0]) == text
    runs = root.xpath("//span[@class='tk']")
    assert "".join(r.text_content() for r in runs) == task.text


def test_a_document_that_failed_says_why():
    doc = Document(text="", meta={"error": "InputError: E003 <missing>"})
    root = parse(doc.to_html())
    assert root.xpath("//p[@class='error']")[0].text_content().endswith("E003 <missing>")


def test_cli_render_writes_the_page(tmp_path, seeds, capsys):
    out = tmp_path / "out.html"
    assert main(["render", str(seeds["000"]), str(seeds["004"]), "-o", str(out), "--year", "2018"]) == 0
    root = parse(out.read_text(encoding="utf-8"))
    sections = root.xpath("//section[@class='doc']")
    assert [s.get("data-name") for s in sections] == ["000_5faf861f23ba1fc9", "004_304b8f80a1f0d01d"]
    assert "plan year 2018" in sections[1].text_content()
    assert len(sections[0].xpath(".//table[@class='rows']/tbody/tr")) == 48
    assert capsys.readouterr().err == ""


def test_cli_render_a_bad_path_is_reported_and_the_others_still_render(tmp_path, seeds, capsys):
    out = tmp_path / "out.html"
    missing = tmp_path / "missing.txt"
    assert main(["render", str(missing), str(seeds["004"]), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "missing.txt" in err and "E003" in err
    root = parse(out.read_text(encoding="utf-8"))
    bad, good = root.xpath("//section[@class='doc']")
    assert "No such file" in bad.xpath(".//p[@class='error']")[0].text_content()
    assert len(good.xpath(".//mark")) > 0 and good.xpath(".//table[@class='rows']")


def test_cli_render_needs_an_output_file(seeds, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["render", str(seeds["004"])])
    assert exc.value.code == 2 and "-o/--output" in capsys.readouterr().err


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium")
def test_screenshot_script_photographs_a_seed(tmp_path, seeds):
    png = tmp_path / "shot.png"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "screenshot.py"), str(seeds["004"]),
                           "-o", str(png), "--height", "900"], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 900) and len(data) > 20_000
