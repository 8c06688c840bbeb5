"""Read a work plan's layout: notice, title, sections, work items, owner notes, tables.

The parser works on normalised text and line by line, because that is how
these documents are written: every heading, item, owner note and table cell
starts a line. What a line *is* depends on its neighbours (a numbered line is a
heading when deeper items follow it, a work item otherwise), so the parser
first builds the marker tree and only then decides which nodes are tasks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text.junk import junk_flags
from .markers import Marker, match_marker
from .owner_notes import OwnerNote, parse_owner_line, split_inline_note
from .tables import Table, find_header, read_rows

_TERMINAL = "。!?;:”\"')…"
_TITLE_WORDS = re.compile(r"(通知|工作要点|工作安排|工作计划|分工方案|工作报告|实施方案|行动计划|任务分工|责任分解|"
                          r"分解方案|重点工作|工作方案|责任分工|任务清单|任务分工表|分工表|工作意见)")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}\s*[〔\[【(]\s*\d{4}\s*[〕\]】)]\s*\d{1,4}\s*号")
_DATE_LINE = re.compile(r"^(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[.\-/](\d{1,2})[.\-/](\d{1,2}))$")
_ORG_LINE = re.compile(r"^[\u4e00-\u9fff“”()]{2,40}(人民政府|政府|办公室|办公厅|委员会|管委会|管理委员会|局|厅|委|办事处|"
                       r"领导小组|中心|党委|党组)(办公室)?$")
# Headings of parts that hold no work items: short, and ending in one of these words.
_NON_TASK_SECTION = re.compile(r"^.{0,8}(总体要求|总体目标|指导思想|基本原则|工作原则|工作要求|保障措施|组织保障|组织领导|"
                               r"发展目标|工作回顾|回顾|名词解释|实施步骤|有关要求|工作机制|保障机制|进度安排|实施范围)[。:]?$")
# Items run together in one line: "1、寻民问访…。2、专项踏勘…" or "一是…;二是…".
_INLINE_MARKER = re.compile(r"(?:(?<=[。;;::])|^)\s*(?=(?:\d{1,2}、|[一二三四五六七八九十]是))")
_SPECIAL_HEADING = re.compile(r"^(名词解释|附件\s*\d*|附录\s*\d*|注释)[::]?$")
_ANNEX_REF = re.compile(r"^附件\s*\d*\s*[::]")
_REVIEW = re.compile(r"^(过去一年|一年来|去年以来|\d{4}年以来|同时,我们也|我们也清醒|回顾|总的来看|当前)")
_INLINE_TITLE = re.compile(r"^[^。,;:,、]{2,24}。")  # a report paragraph opening with its title
_ITEM_TITLE = re.compile(r"^[^。;:]{2,40}。")  # a numbered item's title may hold a comma
_FIRST_IS_LEAD = re.compile(r"(排在?第一位|排名第一|列第一位|第一个|排序第一)的?(单位)?(为|是)牵头单位")


@dataclass
class Line:
    index: int
    start: int
    end: int
    text: str


@dataclass
class Section:
    """A heading and what it governs: ``title`` as written, marker included."""

    title: str
    marker: str | None
    level: int
    start: int
    end: int
    task_section: bool = True
    children: list = field(default_factory=list)


@dataclass
class Item:
    """A leaf work item: its content span is the TASK span."""

    start: int
    end: int
    section: list
    source: str  # "body" or "table"
    title: str | None = None
    title_span: tuple | None = None
    number: str | None = None
    notes: list = field(default_factory=list)  # OwnerNote


@dataclass
class FrontMatter:
    title: str | None = None
    title_span: tuple | None = None
    notice_title: str | None = None
    doc_number: str | None = None
    doc_number_span: tuple | None = None
    issuer: str | None = None
    date: str | None = None
    addressee_span: tuple | None = None
    signature_spans: list = field(default_factory=list)  # org and date lines
    title_spans: list = field(default_factory=list)


@dataclass
class Structure:
    text: str
    front: FrontMatter
    sections: list
    items: list
    tables: list
    junk_spans: list
    first_is_lead: bool = False


@dataclass
class _Node:
    line: Line | None
    marker: Marker | None
    rank: int
    paragraphs: list = field(default_factory=list)  # list of [start, end, last line index]
    children: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # (OwnerNote, paragraph index or -1)
    special: bool = False
    content_start: int = 0
    content_end: int = 0


def split_lines(text: str) -> list[Line]:
    """Lines with their content spans; a line holding several inline items becomes one line per item."""
    lines, pos, index = [], 0, 0
    for raw in text.split("\n"):
        for s, e in _inline_parts(raw, pos):
            while s < e and text[s] in " \t\r":
                s += 1
            while e > s and text[e - 1] in " \t\r":
                e -= 1
            lines.append(Line(index, s, e, text[s:e]))
            index += 1
        pos += len(raw) + 1
        index += 1  # a real line break leaves a gap, so continuation never joins across it
    return lines


def _inline_parts(raw: str, offset: int) -> list[tuple[int, int]]:
    cuts = [m.start() for m in _INLINE_MARKER.finditer(raw) if m.start() < len(raw)]
    markers = [c for c in cuts if re.match(r"\s*(\d{1,2}、|[一二三四五六七八九十]是)", raw[c:])]
    if len(markers) < 2:
        return [(offset, offset + len(raw))]
    bounds = sorted(set([0] + markers + [len(raw)]))
    return [(offset + a, offset + b) for a, b in zip(bounds, bounds[1:]) if raw[a:b].strip()]


def parse(text: str) -> Structure:
    """Parse normalised ``text`` into its structure.

    >>> s = parse("一、主要任务\\n1.新增养老床位200张。(区民政局牵头)\\n2.完成改造。")
    >>> [(s.text[i.start:i.end], i.section) for i in s.items]
    [('新增养老床位200张。', ['一、主要任务']), ('完成改造。', ['一、主要任务'])]
    """
    lines = split_lines(text)
    junk = junk_flags([line.text for line in lines])
    junk_spans = [(line.start, line.end) for line, j in zip(lines, junk) if j and line.text]
    content = [line for line, j in zip(lines, junk) if line.text and not j]
    first_is_lead = bool(_FIRST_IS_LEAD.search(text))

    tables, table_lines = _find_tables(content)
    front, front_lines = _front_matter(content, table_lines)
    body = [ln for ln in content if ln.index not in table_lines and ln.index not in front_lines]
    root = _build_tree(text, body, first_is_lead)
    items: list[Item] = []
    sections = [_collect(text, child, [], items, first_is_lead, task_section=True) for child in root.children]
    if not items:
        # Prose with no numbered or headed items (news pages, short plans): each
        # paragraph may be work; the task filter decides which.
        _paragraph_tasks(text, root, [], items, only_titled=False)
    for table in tables:
        items.extend(_table_items(text, content, table, first_is_lead))
    items.sort(key=lambda it: it.start)
    return Structure(text, front, sections, items, [t for t, _ in tables], junk_spans, first_is_lead)


# ---------------------------------------------------------------- front matter

def _front_matter(content: list[Line], table_lines: set) -> tuple[FrontMatter, set]:
    fm = FrontMatter()
    used: set = set()
    first_marker = next((k for k, ln in enumerate(content) if match_marker(ln.text) and ln.index not in table_lines),
                        len(content))
    for k, ln in enumerate(content):
        if ln.index in table_lines:
            continue
        t = ln.text
        m = _DOC_NUMBER.search(t)
        if m and len(t) <= 40 and fm.doc_number is None and k < first_marker:
            fm.doc_number, fm.doc_number_span = m.group(0), (ln.start + m.start(), ln.start + m.end())
            used.add(ln.index)
            continue
        if _DATE_LINE.match(t):
            used.add(ln.index)
            prev = content[k - 1] if k else None
            if prev is not None and _ORG_LINE.match(prev.text) and prev.index not in used:
                used.add(prev.index)
                fm.signature_spans.append((prev.start, prev.end))
                fm.issuer = fm.issuer or prev.text
            fm.signature_spans.append((ln.start, ln.end))
            if fm.date is None:
                fm.date = _iso_date(t)
            continue
        if k < first_marker or _ANNEX_REF.match(t) or t == "附件":
            if t.endswith(":") and "各" in t and len(t) <= 120 and fm.addressee_span is None:
                fm.addressee_span = (ln.start, ln.end)
                used.add(ln.index)
            elif _TITLE_WORDS.search(t) and not t.endswith("。") and len(t) <= 120 and "," not in t[:-1] \
                    and not _ANNEX_REF.match(t):
                used.add(ln.index)
                fm.title_spans.append((ln.start, ln.end))
                title = re.sub(r"^\[[^\]]{1,6}\]\s*", "", t)
                if "通知" in title and fm.notice_title is None:
                    fm.notice_title = title
                elif k < first_marker:
                    fm.title = title
                    fm.title_span = (ln.start, ln.end)
            elif _ANNEX_REF.match(t) or t == "附件":
                used.add(ln.index)
    if fm.title is None and fm.notice_title:
        m = re.search(r"《([^》]+)》", fm.notice_title)
        fm.title = m.group(1) if m else fm.notice_title
    if fm.issuer is None:
        source = fm.notice_title or fm.title or ""
        m = re.match(r"^(?:\d{4}年)?(.{2,30}?(人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府办公厅|政府|办公室|委员会|管委会))",
                     re.sub(r"^\d{4}年", "", source))
        if m:
            fm.issuer = m.group(1)
    # Organisation lines that sign the notice without a date right after them.
    return fm, used


def _iso_date(t: str) -> str | None:
    m = _DATE_LINE.match(t)
    if not m:
        return None
    y = int(m.group(1))
    mo, d = (m.group(2), m.group(3)) if m.group(2) else (m.group(4), m.group(5))
    return f"{y:04d}-{int(mo):02d}-{int(d):02d}"


# ---------------------------------------------------------------- marker tree

def _build_tree(text: str, body: list[Line], first_is_lead: bool) -> _Node:
    root = _Node(None, None, -1)
    stack = [root]
    prev_line: Line | None = None
    prev_kind = None
    for ln in body:
        marker = match_marker(ln.text)
        special = _SPECIAL_HEADING.match(ln.text)
        if special:
            node = _Node(ln, None, 0, special=True, content_start=ln.start, content_end=ln.end)
            stack = [root]
            root.children.append(node)
            stack.append(node)
            prev_kind = "heading"
        elif marker:
            node = _Node(ln, marker, marker.rank)
            c_start = ln.start + marker.end
            c_end, note = split_inline_note(text, c_start, ln.end)
            node.content_start, node.content_end = c_start, c_end
            if note:
                node.notes.append((note, -1))
            while stack[-1].rank >= marker.rank and stack[-1] is not root:
                stack.pop()
            stack[-1].children.append(node)
            stack.append(node)
            prev_kind = "item"
        else:
            node = stack[-1]
            note = parse_owner_line(text, ln.start, ln.end, first_is_lead)
            if note is not None:
                node.notes.append((note, len(node.paragraphs) - 1))
                prev_kind = "note"
            elif prev_line is not None and prev_line.index + 1 == ln.index and prev_line.text[-1] not in _TERMINAL \
                    and (prev_kind == "para" or (prev_kind == "item" and len(prev_line.text) > 50)):
                # A line broken in the middle of a sentence continues the one above.
                if prev_kind == "para" and node.paragraphs:
                    node.paragraphs[-1][1] = ln.end
                else:
                    node.content_end = ln.end
            else:
                p_end, note = split_inline_note(text, ln.start, ln.end)
                node.paragraphs.append([ln.start, p_end, ln.index])
                if note:
                    node.notes.append((note, len(node.paragraphs) - 1))
                prev_kind = "para"
        prev_line = ln
    return root


def _heading_title(text: str, node: _Node) -> str:
    if node.line is None:
        return ""
    t = text[node.line.start:node.content_end]
    cut = t.find("。")
    if cut > 0:
        t = t[:cut]
    return t.strip()


def _title_like(s: str) -> bool:
    s = s.strip()
    return bool(s) and len(s) <= 50 and "。" not in s.rstrip("。") and not s.endswith((";", ";"))


def _collect(text: str, node: _Node, path: list, items: list, first_is_lead: bool, task_section: bool) -> Section:
    title = _heading_title(text, node)
    heading = text[node.content_start:node.content_end].split("。")[0].strip() if node.line else ""
    is_task_section = task_section and not node.special and not _NON_TASK_SECTION.match(heading)
    section = Section(title, node.marker.label if node.marker else None, len(path) + 1,
                      node.line.start if node.line else 0, _node_end(node), is_task_section)
    here = path + [title]
    if node.children:
        for child in node.children:
            section.children.append(_collect(text, child, here, items, first_is_lead, is_task_section))
        return section
    if node.special:
        return section
    content = text[node.content_start:node.content_end].strip()
    number = _item_number(node.marker)
    notes = [n for n, _ in node.notes]
    has_owner_note = any(n.units or n.deadlines for n in notes)
    if not is_task_section and not has_owner_note:
        return section
    if not node.paragraphs or node.marker.kind == "shi":
        if content and _worklike(content):
            items.append(Item(node.content_start, node.content_end, path, "body", title=_inline_title(content),
                              number=number, notes=notes))
        return section
    if _title_like(content) and content and node.marker.kind != "shi":
        paras = node.paragraphs
        titled = sum(1 for p in paras if _INLINE_TITLE.match(text[p[0]:p[1]]))
        separate = len(paras) > 1 and (titled * 2 >= len(paras) or node.rank <= 2)
        if not separate:
            # Under a section heading (一、/(一)) the paragraph is the section's work; under a
            # numbered item (1./(1)) the line above is that item's own title.
            items.append(Item(paras[0][0], paras[-1][1], here if node.rank <= 2 else path, "body",
                              title=content.rstrip("。"), title_span=(node.content_start, node.content_end),
                              number=number, notes=notes))
            return section
        _paragraph_tasks(text, node, here, items, only_titled=False)
        return section
    if node.rank >= 3 and _worklike(content):
        # A numbered or bulleted item that states its work in full: the work is the item.
        # Short unpunctuated lines after it title the next item; full paragraphs continue it.
        end = node.content_end
        for p_start, p_end, _ in node.paragraphs:
            if _title_like(text[p_start:p_end]) and not text[p_start:p_end].rstrip().endswith("。"):
                break
            end = p_end
        items.append(Item(node.content_start, end, path, "body", title=_inline_title(content), number=number,
                          notes=notes))
        return section
    # The marker line carries a heading and its introduction; its paragraphs are the work.
    _paragraph_tasks(text, node, here, items, only_titled=False)
    return section


def _paragraph_tasks(text: str, node: _Node, path: list, items: list, only_titled: bool) -> None:
    paras = node.paragraphs
    titled = [bool(_INLINE_TITLE.match(text[p[0]:p[1]])) for p in paras]
    mostly_titled = sum(titled) * 2 > len(paras)
    for k, (p, is_titled) in enumerate(zip(paras, titled)):
        ptext = text[p[0]:p[1]]
        if _REVIEW.match(ptext):
            continue
        if (only_titled or mostly_titled) and not is_titled:
            continue
        if not _worklike(ptext):
            continue
        notes = [n for n, idx in node.notes if idx == k]
        items.append(Item(p[0], p[1], path, "body", title=_inline_title(ptext), notes=notes))


def _worklike(content: str) -> bool:
    """Numbers-only grid rows and bare headings ("主要任务") carry no work."""
    han = sum(1 for ch in content if "\u4e00" <= ch <= "\u9fff")
    if han < 3 or (han <= 8 and content.rstrip()[-1:] not in "。;;!)"):
        return False
    digits = sum(ch.isdigit() for ch in content)
    return digits < han


def _inline_title(content: str) -> str | None:
    m = _ITEM_TITLE.match(content)
    return m.group(0).rstrip("。") if m else None


def _item_number(marker: Marker | None) -> str | None:
    if marker is None:
        return None
    return re.sub(r"[^\d.一二三四五六七八九十百零〇两\u2460-\u2473]", "", marker.label).strip(".") or None


def _node_end(node: _Node) -> int:
    end = node.content_end
    for p in node.paragraphs:
        end = max(end, p[1])
    for n, _ in node.notes:
        end = max(end, n.end)
    for child in node.children:
        end = max(end, _node_end(child))
    return end


# ---------------------------------------------------------------- tables

def _find_tables(content: list[Line]) -> tuple[list, set]:
    cells = [ln.text for ln in content]
    tables, used = [], set()
    i = 0
    while i < len(cells):
        found = find_header(cells, i)
        if not found:
            i += 1
            continue
        header_end, columns = found
        rows, end = read_rows(cells, header_end, columns)
        if not rows:
            i = header_end
            continue
        table = Table(i, header_end, end, columns, rows)
        tables.append((table, _table_title(content, i)))
        used.update(content[k].index for k in range(i, end))
        i = end
    return tables, used


def _table_title(content: list[Line], header_start: int) -> str | None:
    for k in range(header_start - 1, max(-1, header_start - 4), -1):
        if _TITLE_WORDS.search(content[k].text):
            return content[k].text
    return None


def _table_items(text: str, content: list[Line], table_and_title, first_is_lead: bool) -> list[Item]:
    table, table_title = table_and_title
    items = []
    for row in table.rows:
        cells = [content[k] for k in row.content]
        if not cells and row.title is not None:
            cells = [content[row.title]]
        if not cells:
            continue
        task_cell = cells[-1]
        start, end = task_cell.start, task_cell.end
        title, title_span, number = None, None, None
        if row.title is not None:
            tl = content[row.title]
            marker = match_marker(tl.text)
            if marker is not None and task_cell is not tl:
                title = tl.text[marker.end:].strip()
                title_span = (tl.start + marker.end, tl.end)
                number = _item_number(marker)
            elif marker is not None:
                start = tl.start + marker.end
                number = _item_number(marker)
        elif len(cells) > 1:
            title = cells[0].text
            title_span = (cells[0].start, cells[0].end)
        path = [table_title] if table_title else []
        if row.category is not None:
            cat = content[row.category].text
            nxt = content[row.category + 1].text if row.category + 1 < len(content) else ""
            if match_marker(cat) and match_marker(cat).end == len(cat) and nxt and not match_marker(nxt):
                cat = cat + nxt
            path = path + [cat]
        notes = []
        for k, role in row.owners:
            ln = content[k]
            note = parse_owner_line(text, ln.start, ln.end) if ":" in ln.text else None
            if note is None:
                from .owner_notes import parse_units

                note = OwnerNote(ln.start, ln.end, "cell", key=role)
                note.units = parse_units(text, ln.start, ln.end, "lead" if role == "lead" else "owner")
                if first_is_lead and role != "lead" and note.units and not any(u.role == "lead" for u in note.units):
                    note.units[0].role = "lead"
            notes.append(note)
        for k in row.deadlines:
            ln = content[k]
            notes.append(OwnerNote(ln.start, ln.end, "cell", key="deadline", deadlines=[(ln.start, ln.end)]))
        items.append(Item(start, end, path, "table", title=title, title_span=title_span, number=number, notes=notes))
    return items
