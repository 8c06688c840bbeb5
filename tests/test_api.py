"""The public API: extract, extract_many, load, Document.to_dict."""
import pytest

import govie
from govie.corpus.records import check_record


def test_offsets_point_into_the_callers_string_even_after_normalisation():
    text = "一、主要任务\n１．新增养老床位２００张。（区民政局牵头，各镇配合）"
    doc = govie.extract(text, year=2018)
    task = doc.tasks[0]
    assert text[task.start:task.end] == task.text == "新增养老床位２００张。"
    for e in doc.entities:
        assert text[e.start:e.end] == e.text
    assert [e.text for e in task.lead] == ["区民政局"]
    assert [(e.text, e.label) for e in task.owners] == [("各镇", "TOWN")]


def test_to_dict_is_a_valid_record_with_scores(seed_docs):
    for doc in seed_docs.values():
        rec = doc.to_dict()
        assert check_record(rec) == []
        assert all("score" in e for e in rec["entities"])
        assert all("score" in r for r in rec["relations"])
        ids = {e["id"]: e for e in rec["entities"]}
        for r in rec["relations"]:
            assert ids[r["from_id"]]["label"] == "TASK"


def test_to_dict_of_seed000_links_each_annex_row_to_its_units(seed_docs):
    rec = seed_docs["000"].to_dict()
    ents = {e["id"]: e for e in rec["entities"]}
    text = rec["text"]
    leads = [(text[ents[r["from_id"]]["start_offset"]:ents[r["from_id"]]["start_offset"] + 8],
              text[ents[r["to_id"]]["start_offset"]:ents[r["to_id"]]["end_offset"]])
             for r in rec["relations"] if r["type"] == "LEAD" and not r.get("inferred")]
    assert ("以“多规融合”为", "区规划土地局") in leads
    assert len(leads) == 29
    inferred = [r for r in rec["relations"] if r.get("inferred")]
    assert inferred and all(r["evidence"].startswith("annex row") for r in inferred)


def test_body_items_inherit_the_owners_of_their_annex_row(seed_docs):
    tasks = seed_docs["000"].tasks
    body = {t.number: t for t in tasks if t.source == "body"}
    rows = {t.number: t for t in tasks if t.source == "table"}
    assert len(body) == len(rows) == 24
    for number, row in rows.items():
        assert [e.text for e in body[number].lead] == [e.text for e in row.lead], number
    assert [e.text for e in body["20"].lead] == ["区委“1+7”推进办", "区建设管理委"]


def test_year_argument_wins_and_is_checked():
    assert govie.extract("2018年工作要点\n1.完成改造。", year=2019).year == 2019
    assert govie.extract("2018年工作要点\n1.完成改造。").year == 2018
    with pytest.raises(govie.InputError, match="E002"):
        govie.extract("1.完成改造。", year=20)


def test_non_str_is_a_clear_type_error():
    with pytest.raises(TypeError, match="E001"):
        govie.extract(b"\xe4\xb8\x80")


@pytest.mark.parametrize("text", ["", "   \n\t  ", "\x00\x01\x02"])
def test_empty_or_junk_text_gives_an_empty_document(text):
    doc = govie.extract(text)
    assert doc.tasks == [] and doc.entities == [] and doc.relations == []


def test_extract_many_keeps_order_and_survives_a_bad_document():
    texts = ["一、主要任务\n1.完成老旧小区改造。(区建委牵头)", None,
             "一、主要任务\n1.新建学校。(区教育局牵头)\n2.新建医院。(区卫健委牵头)"]
    docs = list(govie.extract_many(texts))
    assert [len(d.tasks) for d in docs] == [1, 0, 2]
    assert "E001" in docs[1].meta["error"]


def test_extract_many_with_two_processes_matches_one():
    texts = [f"一、主要任务\n{i}.完成第{i}项改造。(区建委牵头)" for i in range(1, 9)]
    one = [d.to_dict() for d in govie.extract_many(texts)]
    two = [d.to_dict() for d in govie.extract_many(texts, n_process=2, batch_size=2)]
    assert one == two


def test_load_returns_an_extractor_with_the_same_results(seed_text):
    ex = govie.load()
    assert ex.extract(seed_text["004"]).to_dict() == govie.extract(seed_text["004"]).to_dict()
