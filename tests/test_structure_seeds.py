"""The structure parser on the five seed documents: what a reader sees, item by item."""
from pathlib import Path

import pytest

from govie.corpus.markup import compile_markup, to_record
from govie.structure.parser import parse
from govie.text import normalize

ROOT = Path(__file__).resolve().parent.parent


def _items(text):
    n = normalize(text)
    s = parse(n.text)
    return n, s


def test_seed000_has_24_body_items_and_24_annex_rows(seed_docs):
    doc = seed_docs["000"]
    body = [t for t in doc.tasks if t.source == "body"]
    table = [t for t in doc.tasks if t.source == "table"]
    assert [t.number for t in body] == [str(i) for i in range(1, 25)]
    assert [t.number for t in table] == [str(i) for i in range(1, 25)]
    assert body[0].title == "加强规划引领"
    assert body[0].text.startswith("加强规划引领。推进区镇总体规划编制。")
    assert table[0].title == "加强规划引领"
    assert table[0].text.startswith("以“多规融合”为基础")
    assert body[0].section == ["二、主要任务", "(一)着力强化城镇功能互补,增强城镇综合承载力"]
    assert table[6].section[-1] == "(二)着力强化区域生态功能,推动城乡绿色发展"


def test_seed000_annex_leads_follow_the_star(seed_docs):
    table = [t for t in seed_docs["000"].tasks if t.source == "table"]
    row = {t.number: t for t in table}
    assert [e.text for e in row["1"].lead] == ["区规划土地局"]
    assert [e.text for e in row["1"].owners] == ["各镇", "金山工业区"]
    assert [e.label for e in row["1"].owners] == ["TOWN", "TOWN"]
    assert [e.text for e in row["3"].lead] == ["区规划土地局", "区水务局"]
    assert "新城区发展公司" in [e.text for e in row["3"].owners]
    assert [e.text for e in row["11"].owners][:4] == ["区市场监管局", "区经委", "旅游局", "区规划土地局"]
    assert [e.text for e in row["20"].lead] == ["区委“1+7”推进办", "区建设管理委"]
    assert [e.text for e in row["24"].lead] == ["区发展改革委", "区财政局"] and not row["24"].owners
    assert all(t.lead for t in table)


def test_seed000_notice_metadata(seed_docs):
    doc = seed_docs["000"]
    assert doc.year == 2018
    assert doc.meta["doc_number"] == "金府办发〔2018〕33号"
    assert doc.meta["issuer"] == "上海市金山区人民政府办公室"
    assert doc.meta["date"] == "2018-06-28"
    assert doc.meta["title"] == "2018年金山区国家新型城镇化综合试点重点工作安排"
    assert [s.title for s in doc.sections] == ["一、总体目标", "二、主要任务", "三、工作要求"]
    assert [s.task_section for s in doc.sections] == [False, True, False]
    assert len(doc.sections[1].children) == 5


def test_seed001_report_paragraphs_are_tasks_and_forum_junk_is_skipped(seed_docs):
    doc = seed_docs["001"]
    assert doc.year == 2020
    assert len(doc.tasks) == 28
    assert doc.tasks[0].title == "准确把握经济形势"
    assert doc.tasks[0].section == ["二、2020年主要任务", "(一)注重高质量,心无旁骛推动经济提质增效"]
    assert [t.title for t in doc.tasks[-4:]] == ["旗帜鲜明讲政治", "规范履职讲法治", "真抓实干讲担当", "改进作风讲纪律"]
    assert not any("积分" in t.text or "2019年工作回顾" in t.text for t in doc.tasks)
    assert [s.task_section for s in doc.sections] == [False, True, True, False]


def test_seed002_decimal_items_with_and_without_space(seed_docs):
    doc = seed_docs["002"]
    assert len(doc.tasks) == 92
    assert doc.tasks[0].number == "1.1" and doc.tasks[-1].number == "20.3"
    t25 = next(t for t in doc.tasks if t.number == "2.5")
    assert t25.text.startswith("全面落实个人所得税改革")
    assert t25.section == ["一、全面落实“三项新的重大任务”", "2.着力激发科技创新发展活力"]


def test_seed003_quarterly_plan(seed_docs):
    doc = seed_docs["003"]
    assert doc.year == 2016
    assert doc.meta["doc_number"] == "青府办发〔2016〕8号"
    assert doc.meta["title"] == "青浦区人民政府2016年第一季度工作要点"
    assert len(doc.tasks) == 20
    assert doc.tasks[0].title == "大力推进产业升级发展"
    assert doc.tasks[-1].title == "进一步加强廉政建设"


def test_seed004_town_plan(seed_docs):
    doc = seed_docs["004"]
    assert doc.year == 2020
    assert doc.meta["issuer"] == "金泽镇人民政府"
    assert len(doc.tasks) == 13
    assert doc.tasks[0].title == "不断提升空间布局品质"
    assert doc.tasks[-1].section == ["(五)不断加强政府自身建设,着力优化一体化组织保障"]


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_task_spans_match_the_annotated_seeds(seed, seed_text):
    """Every gold TASK span of the seed is found exactly (seed 004 has one unnumbered preamble task)."""
    markup = next((ROOT / "data" / "markup" / "seeds").glob(f"{seed}_*.txt"))
    gold_rec = to_record(compile_markup(markup.read_text(encoding="utf-8")))
    gold = {(e["start_offset"], e["end_offset"]) for e in gold_rec["entities"] if e["label"] == "TASK"}
    n, s = _items(seed_text[seed])
    pred = {n.to_original(i.start, i.end) for i in s.items}
    assert pred <= gold
    assert len(gold - pred) == (1 if seed == "004" else 0)
