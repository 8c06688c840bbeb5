"""Plans in traditional characters: found like their simplified text, reported as written."""
from pathlib import Path

import opencc
import pytest

import govie
from govie.text.script import to_simplified

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture(scope="module")
def plan():
    simplified = (EXAMPLES / "000_5faf861f23ba1fc9.txt").read_text(encoding="utf-8")
    traditional = opencc.OpenCC("s2t").convert(simplified)
    assert len(traditional) == len(simplified) and traditional != simplified
    return simplified, traditional


def test_a_traditional_plan_yields_the_same_spans(plan):
    simplified, traditional = plan
    s, t = govie.extract(simplified), govie.extract(traditional)
    spans = lambda d: [(e.label, e.start, e.end) for e in d.entities]
    assert spans(t) == spans(s)
    assert [(x.start, x.end) for x in t.tasks] == [(x.start, x.end) for x in s.tasks]
    assert [(r.type, r.task.start, r.target.start) for r in t.relations] == \
        [(r.type, r.task.start, r.target.start) for r in s.relations]


def test_entities_come_out_as_written_with_a_simplified_name(plan):
    simplified, traditional = plan
    doc = govie.extract(traditional)
    assert doc.meta["script"] == "traditional"
    for e in doc.entities:
        assert e.text == traditional[e.start:e.end]
    names = {e.text: e.norm["name"] for e in doc.entities if e.label in ("AGENCY", "TOWN")}
    assert names["區規劃土地局"] == "区规划土地局"
    assert names["金山工業區"] == "金山工业区"
    row = next(r for r in doc.rows() if r["lead"] == "區規劃土地局")
    assert "規劃" in row["task"] and "任務" in row["section"]
    assert "區" in doc.meta["title"]


def test_a_simplified_plan_is_left_alone(plan):
    simplified, _ = plan
    doc = govie.extract(simplified)
    assert "script" not in doc.meta
    assert all(e.norm is None or "name" not in e.norm for e in doc.entities)


def test_stray_traditional_characters_do_not_convert_a_simplified_text():
    # OpenCC would turn 乾安县 into 干安县: a simplified plan keeps its own names.
    assert to_simplified("吉林省乾安县2023年工作要点:1.新建学校3所。(县教育局牵头)") is None
    assert to_simplified("吉林省乾安縣2023年工作要點:1.新建學校3所。(縣教育局牽頭)") is not None


def test_text_that_is_not_utf8_clean_still_converts():
    # Bytes decoded with errors="surrogateescape" leave lone surrogates, which OpenCC cannot take.
    text = "區發展改革委牽頭\udc80,年底前完成"
    doc = govie.extract(text)
    assert doc.meta["script"] == "traditional"
    assert all(e.text == text[e.start:e.end] for e in doc.entities)


def test_a_big5_file_reads_and_extracts_like_its_text(tmp_path, plan):
    simplified, _ = plan
    # Taiwan's standard characters, as Big5 files have them; the few lines with characters
    # Big5 lacks (浜 of 新浜镇, symbols of the page furniture) are left out.
    lines = opencc.OpenCC("s2tw").convert(simplified).split("\n")
    body = "\n".join(line for line in lines if _encodes(line, "big5"))
    assert len(body) > 0.9 * len(simplified)
    path = tmp_path / "plan-big5.txt"
    path.write_bytes(body.encode("big5"))
    result = govie.read(path)
    assert result.text == body
    assert result.meta["encoding"].replace("_", "").lower() in ("big5", "big5hkscs", "cp950")
    from_file, from_text = govie.extract(result.text), govie.extract(body)
    assert [(e.label, e.text) for e in from_file.entities] == [(e.label, e.text) for e in from_text.entities]
    assert any(t.lead and t.lead[0].text == "區規劃土地局" for t in from_file.tasks)


def _encodes(text, encoding):
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True
