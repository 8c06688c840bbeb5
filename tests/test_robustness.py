"""Bad and odd inputs: never an exception, always valid offsets (property tests)."""
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

import govie

SEED = (Path(__file__).resolve().parent.parent / "examples" / "000_5faf861f23ba1fc9.txt").read_text(encoding="utf-8")
PIECES = ["一、", "(一)", "1.", "1.1", "(1)", "①", "◆", "牵头单位:", "责任单位:", "完成时限:", "☆", "、", "(", ")",
          "“", "”", "《", "》", "年内", "2023年1月15日前", "200张", "4.5万平方米", "区民政局", "朱泾镇", "\n", " ", "\u3000",
          "\x00", "\ufeff", "😀", "abc", "。", "；", "%", "万", "亿"]


def check(doc, text):
    assert doc.text == text
    for e in doc.entities:
        assert 0 <= e.start < e.end <= len(text) and text[e.start:e.end] == e.text
    for t in doc.tasks:
        assert 0 <= t.start < t.end <= len(text) and text[t.start:t.end] == t.text
    record = doc.to_dict()
    ids = {e["id"] for e in record["entities"]}
    assert all(r["from_id"] in ids and r["to_id"] in ids for r in record["relations"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text(text):
    check(govie.extract(text, year=2020), text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_documents_built_from_plan_pieces(pieces):
    text = "".join(pieces)
    check(govie.extract(text), text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(SEED) - 1), st.integers(1, 400), st.sampled_from(PIECES + [""]))
def test_a_seed_cut_and_spliced(start, length, insert):
    text = SEED[:start] + insert + SEED[start + length:]
    check(govie.extract(text), text)


def test_text_over_the_limit_is_a_clear_error_and_a_batch_goes_on():
    import pytest

    ex = govie.Extractor(max_chars=1000)
    with pytest.raises(govie.InputError, match="E010.*1,000"):
        ex.extract("年" * 1001)
    docs = list(ex.extract_many(["年" * 1001, "一、主要任务\n1.新建学校。(区教育局牵头)"]))
    assert "E010" in docs[0].meta["error"] and docs[1].tasks
