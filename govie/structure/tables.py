"""Flattened tables: a task table pasted as text, one cell per line.

Annexes such as seed 000's 任务分工表 lose their grid when copied from a web
page: the header becomes a run of short lines (``主要`` / ``任务`` /
``工作目标`` / ``具体内容`` / ``责任单位``), merged cells appear once, and each
row is a title cell, a content cell and an owner cell. The grid is rebuilt
from what each cell looks like, using the header only to name the columns.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .markers import match_marker
from .owner_notes import looks_like_unit_list

COLUMN_ROLES = {
    "seq": ("序号", "编号"),
    "category": ("主要任务", "重点任务", "任务类别", "工作类别", "类别", "领域", "板块"),
    "title": ("工作目标", "目标任务", "工作任务", "任务名称", "项目名称", "工作事项", "事项", "任务"),
    "content": ("具体内容", "工作内容", "主要内容", "具体措施", "工作措施", "任务内容", "建设内容",
                "重点工作", "工作举措", "具体任务", "主要措施", "推进措施", "内容"),
    "lead": ("牵头单位", "牵头部门", "主责部门", "主责单位", "主办单位", "牵头责任单位"),
    "owner": ("责任单位", "责任部门", "配合单位", "配合部门", "协办单位", "参与单位", "责任主体", "协同单位"),
    "deadline": ("完成时限", "完成时间", "时间节点", "时限要求", "时限", "进度安排", "时间安排"),
    "person": ("责任领导", "牵头领导", "分管领导", "责任人", "分管区领导", "分管市领导", "牵头市领导"),
    "note": ("备注", "说明"),
}
_HEADER_WORDS = {w: role for role, words in COLUMN_ROLES.items() for w in words}
_FRAGMENTS = {"主要", "任务", "工作", "目标", "具体", "内容", "责任", "单位", "牵头", "配合", "完成", "时限", "部门"}
_DEADLINE_CELL = re.compile(
    r"^((\d{4}年)?(\d{1,2}月)?(\d{1,2}日)?(底|末|中旬|上旬|下旬)?(前|以前|之前)?"
    r"|年内|年底前?|全年|长期|长期坚持|持续推进|持续开展|常态化|按计划推进|\d{4}年(上|下)半年"
    r"|(第[一二三四]|[一二三四])季度(末|底)?(前)?|每(月|季度|年|半年)[^。]{0,12})$")


@dataclass
class Row:
    """One task row: line indices of its cells by role."""

    category: int | None = None
    title: int | None = None
    content: list = field(default_factory=list)
    owners: list = field(default_factory=list)  # [(line index, column role)]
    deadlines: list = field(default_factory=list)
    seq: int | None = None


@dataclass
class Table:
    header_start: int  # line index of the first header line
    header_end: int  # line index after the header
    end: int  # line index after the last row
    columns: list  # column roles in order
    rows: list


def header_role(cell: str) -> str | None:
    return _HEADER_WORDS.get(re.sub(r"\s+", "", cell))


def find_header(cells: list[str], i: int) -> tuple[int, list[str]] | None:
    """If a table header starts at cell ``i``, return (cell after it, column roles)."""
    roles: list[str] = []
    j, pending = i, ""
    while j < len(cells):
        c = re.sub(r"\s+", "", cells[j])
        if pending and header_role(pending + c):
            roles.append(header_role(pending + c))
            pending = ""
        elif header_role(c):
            if pending:
                break
            roles.append(header_role(c))
        elif c in _FRAGMENTS and not pending:
            pending = c
        else:
            break
        j += 1
    if pending:
        j -= 1
    if len(roles) >= 3 and ({"lead", "owner"} & set(roles)) and ({"content", "title"} & set(roles)):
        return j, roles
    return None


def is_deadline_cell(cell: str) -> bool:
    return bool(_DEADLINE_CELL.match(cell.strip())) and bool(cell.strip())


def read_rows(cells: list[str], start: int, columns: list[str]) -> tuple[list[Row], int]:
    """Group the cells after a header into rows; stop at a note or a new part."""
    owner_cols = [c for c in columns if c in ("lead", "owner")]
    rows: list[Row] = []
    row: Row | None = None
    category: int | None = None
    i = start
    awaiting_category_text = False
    while i < len(cells):
        cell = cells[i].strip()
        if re.match(r"^(注|备注|说明)\s*[::]", cell) or re.match(r"^(附件|来源)\s*[::\d]?", cell):
            break
        marker = match_marker(cell)
        if awaiting_category_text:
            awaiting_category_text = False
            if not marker and len(cell) <= 60 and "。" not in cell:
                i += 1
                continue
        if marker and marker.kind in ("cn", "paren_cn", "part"):
            category = i
            awaiting_category_text = marker.end == len(cell)
            row = None
            i += 1
            continue
        kind = _cell_kind(cell, marker)
        if kind == "seq" or kind == "title":
            row = Row(category=category)
            rows.append(row)
            if kind == "seq":
                row.seq = i
            else:
                row.title = i
        elif kind == "owner":
            if row is None:
                i += 1
                continue
            col = owner_cols[min(len(row.owners), len(owner_cols) - 1)] if owner_cols else "owner"
            row.owners.append((i, col))
        elif kind == "deadline":
            if row is not None:
                row.deadlines.append(i)
        else:  # content
            if row is None or row.owners or row.deadlines:
                row = Row(category=category)
                rows.append(row)
            row.content.append(i)
        i += 1
    return [r for r in rows if r.content or r.title is not None], i


def _cell_kind(cell: str, marker) -> str:
    if re.fullmatch(r"\d{1,3}", cell):
        return "seq"
    if is_deadline_cell(cell):
        return "deadline"
    if marker and marker.kind in ("arabic", "decimal", "paren_arabic") and len(cell) <= 60 and "。" not in cell[:-1]:
        return "title"
    if looks_like_unit_list(cell):
        return "owner"
    return "content"
