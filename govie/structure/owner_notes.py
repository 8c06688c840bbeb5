"""Owner notes: who leads, who else is responsible, by when.

Plans state ownership in a handful of written forms, all parsed here into
units with a role, so that both the rule output (before a model exists) and
the relation classifier's features come from one reading:

- owner lines after an item: ``牵头单位:区发改委``, ``责任单位:…``,
  ``部门分工:省发展改革委牵头,各地、各部门配合``, ``完成时限:6月底前``;
- an inline note closing an item: ``(市发展改革委牵头,各区政府负责)``;
- a table cell: ``区规划土地局☆、各镇(金山工业区)``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

LEAD_KEYS = ("牵头单位", "牵头部门", "主责部门", "主责单位", "主办单位", "牵头责任单位", "责任牵头单位", "省牵头单位",
             "市牵头单位", "区牵头单位", "县牵头单位", "牵头落实单位", "主要责任单位")
OWNER_KEYS = ("责任单位", "责任部门", "配合单位", "配合部门", "协办单位", "参与单位", "责任主体", "协同责任单位",
              "配合责任单位", "实施单位", "落实单位", "协同单位", "协助单位", "承办单位", "具体负责", "参加单位",
              "协同部门", "责任科室", "责任股室")
MIXED_KEYS = ("部门分工", "责任分工", "分工")
DEADLINE_KEYS = ("完成时限", "完成时间", "时间节点", "时限要求", "办结时限", "时限")
# Units that only supply data for a target are named but own nothing (decided case 15).
DATA_KEYS = ("数据提供单位", "数据来源单位", "数据来源", "统计单位")
PERSON_KEY = re.compile(r"(牵头|分管|责任|包抓|挂帅|联系|督办)(负责)?[省市区县镇乡]?(领导|人)(同志)?")

_KEY = re.compile("(" + "|".join(sorted(LEAD_KEYS + OWNER_KEYS + MIXED_KEYS + DEADLINE_KEYS + DATA_KEYS, key=len,
                                        reverse=True))
                  + r"|" + PERSON_KEY.pattern + r")\s*[::]")
_LEAD_CUE = re.compile(r"(分别牵头|共同牵头|牵头负责|牵头)$")
_OWNER_CUE = re.compile(r"(分别负责|分别配合|共同负责|具体负责|按职责分工负责|配合|协助|协办|参与|参加|负责|落实|组织实施|"
                        r"具体实施|实施|承办)$")
_CLAUSE_SEP = re.compile(r"[,;,;。]")
_UNIT_SEP = re.compile(r"[、/]|和|及|以及|与|\s+")
_TOWN_SUFFIX = re.compile(r"(镇|乡|街道|街镇|乡镇|村|社区|居委会|村委会|村\(居\)|工业区)$")
_UNIT_NAME = re.compile(r"(局|委|办|厅|部|署|院|会|处|室|站|所|中心|公司|集团|政府|镇|乡|街道|街镇|村|社区|"
                        r"分局|大队|支队|组|团|队|园|区|行|社|管委会|银行|法院|检察院|单位|部门|机构|党委|党组)"
                        r"(☆|\(牵头\))?$")
_NOTE_CUE = re.compile(r"牵头|负责|配合|协助|协办|责任单位|牵头单位|主责|参与")
# A clause of a note that gives a time, not a unit: "年内持续推进", "2022年6月底前完成".
_TIME_CLAUSE = re.compile(r"(\d{4}\s*年|\d{1,2}\s*月|年内|年底|年末|全年|上半年|下半年|季度|长期|持续推进|每月|每季)")


@dataclass
class OwnerUnit:
    """One responsible unit written in a note: ``text[start:end]``."""

    start: int
    end: int
    role: str  # "lead", "owner", or "data" (names a data source, owns nothing)
    label: str  # "AGENCY" or "TOWN", by the form of the name


@dataclass
class OwnerNote:
    start: int
    end: int
    kind: str  # "line", "inline" or "cell"
    key: str | None = None
    units: list = field(default_factory=list)
    deadlines: list = field(default_factory=list)  # [(start, end)] of 完成时限 values
    person: bool = False


def unit_label(name: str) -> str:
    """Town-level places by their suffix; every other unit is a body."""
    return "TOWN" if _TOWN_SUFFIX.search(name) and not name.endswith(("政府", "办事处")) else "AGENCY"


def parse_units(text: str, start: int, end: int, role: str) -> list[OwnerUnit]:
    """Split ``text[start:end]`` into units; ☆ and (牵头) make a unit lead.

    >>> t = "区规划土地局☆、各镇(金山工业区)"
    >>> [(t[u.start:u.end], u.role, u.label) for u in parse_units(t, 0, len(t), "owner")]
    [('区规划土地局', 'lead', 'AGENCY'), ('各镇', 'owner', 'TOWN'), ('金山工业区', 'owner', 'TOWN')]
    """
    units: list[OwnerUnit] = []
    for s, e in _split_spans(text, start, end, _UNIT_SEP):
        # A parenthesis holds alternates (区经委(旅游局)) or a role mark ((牵头)).
        inner = []
        m = re.search(r"\(([^()]*)\)$", text[s:e])
        if m:
            p_start, p_end = s + m.start(), e
            inner_text = m.group(1)
            e = p_start
            if inner_text in ("牵头", "主责", "牵头单位"):
                unit_role = "lead"
            else:
                unit_role = None
                inner = _split_spans(text, p_start + 1, p_end - 1, _UNIT_SEP)
        else:
            unit_role = None
        s, e, star = _strip_unit(text, s, e)
        this_role = "lead" if star or unit_role == "lead" else role
        if e > s:
            units.append(OwnerUnit(s, e, this_role, unit_label(text[s:e])))
        for i_s, i_e in inner:
            i_s, i_e, i_star = _strip_unit(text, i_s, i_e)
            if i_e > i_s:
                units.append(OwnerUnit(i_s, i_e, "lead" if i_star else role, unit_label(text[i_s:i_e])))
    return units


def _strip_unit(text: str, s: int, e: int) -> tuple[int, int, bool]:
    star = False
    while s < e and text[s] in " \t\"“”'‘’由等及":
        s += 1
    while e > s and text[e - 1] in " \t\"“”'‘’☆★*等":
        star = star or text[e - 1] in "☆★*"
        e -= 1
    if text[s:e].endswith("(牵头)"):
        e -= 4
        star = True
    return s, e, star


def _split_spans(text: str, start: int, end: int, sep: re.Pattern) -> list[tuple[int, int]]:
    spans, depth, last = [], 0, start
    i = start
    while i < end:
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = sep.match(text, i, end)
            if m and m.end() > i:
                spans.append((last, i))
                last = i = m.end()
                continue
        i += 1
    spans.append((last, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def parse_clauses(text: str, start: int, end: int, default_role: str, deadlines: list | None = None
                  ) -> list[OwnerUnit]:
    """Read ``X牵头,Y、Z配合`` style text: the cue at a clause's end sets its role.

    A clause that gives a time instead of units (``年内持续推进``) is added to
    ``deadlines`` when a list is passed.
    """
    units: list[OwnerUnit] = []
    for s, e in _split_spans(text, start, end, _CLAUSE_SEP):
        while e > s and text[e - 1] in " 。":
            e -= 1
        if _TIME_CLAUSE.search(text, s, e) and not _UNIT_NAME.search(text[s:e].split("负责")[0].split("牵头")[0]):
            if deadlines is not None:
                deadlines.append((s, e))
            continue
        role = default_role
        m = _LEAD_CUE.search(text, s, e)
        if m:
            role, e = "lead", m.start()
        else:
            m = _OWNER_CUE.search(text, s, e)
            if m:
                role, e = "owner", m.start()
        if text.startswith("由", s):
            s += 1
        units.extend(parse_units(text, s, e, role))
    return units


def looks_like_unit_list(text: str) -> bool:
    """True for a cell or line that is nothing but a list of unit names."""
    t = text.strip()
    if not t or len(t) > 200 or "。" in t:
        return False
    parts = [p for p in re.split(r"[、,,;;/\s]+", re.sub(r"\([^()]*\)", "", t)) if p]
    if not parts:
        return False
    named = sum(1 for p in parts if _UNIT_NAME.search(p) or p.endswith("☆"))
    return named == len(parts) and all(len(p) <= 30 for p in parts)


def parse_owner_line(text: str, start: int, end: int, first_is_lead: bool = False) -> OwnerNote | None:
    """Parse a whole line such as ``牵头单位:区发改委;责任单位:各镇`` (None if it is not one)."""
    keys = list(_KEY.finditer(text, start, end))
    if not keys or text[start:keys[0].start()].strip(" ()"):
        return None
    note = OwnerNote(start, end, "line", key=keys[0].group(1))
    for k, m in enumerate(keys):
        v_start, v_end = m.end(), keys[k + 1].start() if k + 1 < len(keys) else end
        while v_end > v_start and text[v_end - 1] in " ;;,,。)":
            v_end -= 1
        key = m.group(1)
        if PERSON_KEY.fullmatch(key):
            note.person = True
            continue
        if key in DEADLINE_KEYS:
            note.deadlines.append((v_start, v_end))
            continue
        if key in DATA_KEYS:
            note.units.extend(parse_units(text, v_start, v_end, "data"))
            continue
        role = "lead" if key in LEAD_KEYS else "owner"
        units = parse_clauses(text, v_start, v_end, role)
        if first_is_lead and key not in LEAD_KEYS and units and not any(u.role == "lead" for u in note.units + units):
            units[0].role = "lead"
        note.units.extend(units)
    return note


def split_inline_note(text: str, start: int, end: int) -> tuple[int, OwnerNote | None]:
    """Find an owner note closing an item: ``…(市发展改革委牵头,各区政府负责)。``

    Returns the end of the item's own content and the note (or ``end, None``).
    """
    e = end
    while e > start and text[e - 1] in " 。;;.":
        e -= 1
    if e > start and text[e - 1] == ")":
        depth, i = 0, e - 1
        while i >= start:
            if text[i] == ")":
                depth += 1
            elif text[i] == "(":
                depth -= 1
                if depth == 0:
                    break
            i -= 1
        inner_s, inner_e = i + 1, e - 1
        only_time = i >= start and not _NOTE_CUE.search(text, i, e) and _TIME_CLAUSE.search(text, inner_s, inner_e) \
            and inner_e - inner_s <= 16 and not _UNIT_NAME.search(text[inner_s:inner_e])
        if i >= start and (_NOTE_CUE.search(text, i, e) or only_time):
            line_note = parse_owner_line(text, inner_s, inner_e)
            note = line_note or OwnerNote(i, e, "inline")
            note.start, note.end, note.kind = i, e, "inline"
            if not line_note:
                note.units = parse_clauses(text, inner_s, inner_e, "owner", note.deadlines)
            content_end = i
            while content_end > start and text[content_end - 1] in " ":
                content_end -= 1
            return content_end, note
    # A key written after the content on the same line: "…。牵头单位:市发改委"
    m = _KEY.search(text, start, end)
    if m and m.start() > start + 8 and text[m.start() - 1] in "。;; ":
        note = parse_owner_line(text, m.start(), end)
        if note:
            content_end = m.start()
            while content_end > start and text[content_end - 1] in " ":
                content_end -= 1
            return content_end, note
    return end, None
