"""Owner notes in the forms plans write them."""
import pytest

from govie.structure.owner_notes import (looks_like_unit_list, parse_owner_line, parse_units,
                                         split_inline_note)


def units(text, note):
    return [(text[u.start:u.end], u.role, u.label) for u in note.units]


def test_division_line_with_lead_and_partners():
    t = "部门分工:省发展改革委牵头,各地、各部门配合。"
    assert units(t, parse_owner_line(t, 0, len(t))) == [
        ("省发展改革委", "lead", "AGENCY"), ("各地", "owner", "AGENCY"), ("各部门", "owner", "AGENCY")]


def test_lead_and_responsible_keys_on_one_line():
    t = "牵头单位:区发改委;责任单位:各镇、区财政局"
    assert units(t, parse_owner_line(t, 0, len(t))) == [
        ("区发改委", "lead", "AGENCY"), ("各镇", "owner", "TOWN"), ("区财政局", "owner", "AGENCY")]


def test_first_listed_is_lead_when_the_document_says_so():
    t = "责任单位:市住建局、市财政局"
    note = parse_owner_line(t, 0, len(t), first_is_lead=True)
    assert units(t, note) == [("市住建局", "lead", "AGENCY"), ("市财政局", "owner", "AGENCY")]


def test_deadline_and_person_lines():
    t = "完成时限:2021年6月底前"
    note = parse_owner_line(t, 0, len(t))
    assert [t[s:e] for s, e in note.deadlines] == ["2021年6月底前"] and not note.units
    t = "分管省领导:林克庆"
    note = parse_owner_line(t, 0, len(t))
    assert note.person and not note.units


def test_inline_note_closes_the_item():
    t = "推进土地流转公开市场建设(区农委牵头,各镇政府负责)。"
    end, note = split_inline_note(t, 0, len(t))
    assert t[:end] == "推进土地流转公开市场建设"
    assert units(t, note) == [("区农委", "lead", "AGENCY"), ("各镇政府", "owner", "AGENCY")]


def test_parenthesis_that_is_not_a_note_stays_in_the_item():
    t = "完成新江水质净化二厂(一期)建设。"
    end, note = split_inline_note(t, 0, len(t))
    assert note is None and end == len(t)


@pytest.mark.parametrize("cell, expected", [
    ("区规划土地局☆、各镇(金山工业区)", [("区规划土地局", "lead"), ("各镇", "owner"), ("金山工业区", "owner")]),
    ("区农委☆、区市场监管局、区经委(旅游局)", [("区农委", "lead"), ("区市场监管局", "owner"), ("区经委", "owner"),
                                         ("旅游局", "owner")]),
    ("区文广影视局☆、各镇(街道、工业区)", [("区文广影视局", "lead"), ("各镇", "owner"), ("街道", "owner"),
                                     ("工业区", "owner")]),
])
def test_table_cells_from_seed000(cell, expected):
    assert looks_like_unit_list(cell)
    assert [(cell[u.start:u.end], u.role) for u in parse_units(cell, 0, len(cell), "owner")] == expected


def test_a_title_cell_ending_in_bu_ju_is_not_a_unit_list():
    assert not looks_like_unit_list("推进土地“三权分置”改革试点,扩大土地流转公开市场建设。")


def test_a_note_with_only_a_time_is_the_items_deadline():
    t = "完善乡村教师待遇。(年内持续推进)"
    end, note = split_inline_note(t, 0, len(t))
    assert t[:end] == "完善乡村教师待遇。" and not note.units
    assert [t[s:e] for s, e in note.deadlines] == ["年内持续推进"]


def test_a_note_with_owners_and_a_time_gives_both():
    t = "推进基层治理改革(市政府各部门分别负责,年内持续推进)。"
    end, note = split_inline_note(t, 0, len(t))
    assert units(t, note) == [("市政府各部门", "owner", "AGENCY")]
    assert [t[s:e] for s, e in note.deadlines] == ["年内持续推进"]


def test_a_time_note_is_linked_due_through_extract():
    import govie

    doc = govie.extract("一、民生保障\n1.提高城乡居民基础养老金标准。(年内持续推进)\n", year=2021)
    assert [d.norm["date"] for d in doc.tasks[0].deadlines] == ["2021-12-31"]


def test_a_data_supplier_is_named_but_owns_nothing():
    """Decided case 15: 数据提供单位 stay AGENCY with no relation."""
    import govie

    t = "二、主要指标\n1.地区生产总值增长6.5%左右。(责任单位:市发改委,数据提供单位:市统计局)\n"
    doc = govie.extract(t, year=2019)
    task = doc.tasks[0]
    assert [e.text for e in task.owners + task.lead] == ["市发改委"]
    assert "市统计局" in [e.text for e in doc.entities if e.label == "AGENCY"]


def test_candidates_never_span_de_or_ji_between_bodies():
    from govie.entities.names import name_candidates

    t = "在旗委的坚强领导和人大的监督下,区委及镇党委"
    spans = [(i, i + 1) for i in range(len(t))]
    found = {t[s:e] for s, e in name_candidates(t, spans)}
    assert "旗委的坚强领导和人大" not in found and "区委及镇党委" not in found
    assert {"旗委", "人大", "区委", "镇党委"} <= found
