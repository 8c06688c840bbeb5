"""Features for the two decisions after tagging: is this item a task, and how is this mention tied to it.

Both read the structure the parser found (sections, owner notes, table rows)
and the words around a mention (牵头, 负责, 配合, 由…负责, ☆), because that is
where documents say who owns what.
"""
from __future__ import annotations

import re

_REVIEW = re.compile(r"过去一年|一年来|去年|上年|已完成|完成了|实现了|取得了?|获评|荣获|获得|同比|比上年|增长了|"
                     r"累计完成|较上年|完成情况|进展情况|这五年|五年来|圆满完成|顺利完成|成功举办|入选|位居")
_FUTURE = re.compile(r"要|将|力争|确保|推进|加快|加强|深化|完善|实施|开展|推动|建设|新建|建成|启动|提升|打造|落实|"
                     r"争取|健全|优化|持续|全力|积极|稳步|扎实")
_NOTICE = re.compile(r"各(牵头|责任|有关|相关)?(单位|部门|地)要|请于|务于|报送|督查|考核|通报|问责|第一责任人|"
                     r"高度重视|认真贯彻|抓好落实|结合实际|及时反馈")
_TITLE_LINE = re.compile(r"工作报告|工作要点|工作计划|通知|方案|意见|任务分工|分解表|责任分解")
_FORECAST = re.compile(r"预计|初步统计|据统计|同比")
# A notice's requirements are addressed to units collectively: 各地区、各部门要…
_ADDRESSED = re.compile(r"^[^。]{0,12}?(各地区|各地|各部门|各单位|各级|各有关|各责任单位|各牵头单位|各乡镇|各县)[^。]{0,10}要")
_SECTION_WORDS = ("回顾", "成绩", "目标", "要求", "保障", "任务", "重点", "工作", "措施", "举措", "实事", "分工", "附件",
                  "名词解释", "组织", "领导", "机制", "考核", "指标")
_LEAD_CUE = re.compile(r"^(☆|★|\(牵头\)|分别牵头|共同牵头|牵头)")
_OWNER_CUE = re.compile(r"^(负责|配合|协助|协办|参与|要|等|按职责|分别负责|具体负责|组织实施|落实)")
_BEFORE_CUE = re.compile(r"(由|会同|联合|配合|协调|对接|向|报|经|请|指导|督促|支持|依托|在)$")


def task_features(text: str, item, structure, index: int, n_items: int) -> list[str]:
    content = text[item.start:item.end]
    head = content[:40]
    section = " ".join(item.section[-2:])
    feats = [f"src={item.source}", f"len={_bucket(len(content), (10, 20, 40, 80, 160, 400))}",
             f"b1={content[:1]}", f"b2={content[:2]}", f"pos={_bucket(index / max(1, n_items), (0.1, 0.5, 0.9))}",
             f"depth={min(len(item.section), 4)}"]
    if item.number:
        feats.append("numbered")
        feats.append(f"num_kind={'dec' if '.' in item.number else 'cn' if not item.number[0].isdigit() else 'ar'}")
    else:
        feats.append("unnumbered")
    if item.title:
        feats.append("has_title")
    if item.notes:
        feats.append("has_note")
        feats.extend(f"note={n.kind}" for n in item.notes[:2])
    if _REVIEW.search(head):
        feats.append("review_head")
    if _REVIEW.search(content):
        feats.append("review_any")
    if _FUTURE.search(head):
        feats.append("future_head")
    if _NOTICE.search(content):
        feats.append("notice")
    if content.startswith(("——", "—", "-")):
        feats.append("dash_start")
    first_line = content.split("\n", 1)[0]
    if _TITLE_LINE.search(first_line) and "。" not in first_line:
        feats.append("title_words")
    if first_line.rstrip().endswith((":", ":")):
        feats.append("ends_colon")
    if _FORECAST.search(head):
        feats.append("forecast")
    if _ADDRESSED.match(content) or _ADDRESSED.search(head):
        feats.append("addressed_to_units")
    for w in _SECTION_WORDS:
        if w in section:
            feats.append(f"sec={w}")
    if not item.section:
        feats.append("no_section")
    han = sum(1 for ch in content if "\u4e00" <= ch <= "\u9fff")
    digits = sum(ch.isdigit() for ch in content)
    feats.append(f"digit_ratio={_bucket(digits / max(1, han), (0.05, 0.2, 0.5))}")
    if structure.front.notice_title:
        feats.append("doc_has_notice")
    if "。" not in content.rstrip("。"):
        feats.append("one_sentence")
    return feats


def link_features(text: str, task, mention, where: str, note_role: str | None, note_key: str | None,
                  first_is_lead: bool, list_pos: int) -> list[str]:
    """Features of a (task, mention) pair; ``where`` is "inside" or "note"."""
    s, e, label = mention
    after, before = text[e:e + 4], text[max(0, s - 3):s]
    feats = [f"where={where}", f"label={label}", f"wl={where}|{label}", f"a1={after[:1]}", f"a2={after[:2]}",
             f"b1={before[-1:]}", f"b2={before[-2:]}"]
    if note_role:
        feats.append(f"role={note_role}")
        feats.append(f"role_label={note_role}|{label}")
    if note_key:
        feats.append(f"key={note_key}")
    if _LEAD_CUE.match(after):
        feats.append("lead_cue")
    if _OWNER_CUE.match(after):
        feats.append("owner_cue")
    if _BEFORE_CUE.search(before):
        feats.append(f"before_cue={_BEFORE_CUE.search(before).group(1)}")
    if where == "inside":
        offset = s - task.start
        feats.append(f"at={_bucket(offset, (1, 3, 10, 40))}")
        sentence_start = max(text.rfind(p, task.start, s) for p in "。;;,,") + 1
        if sentence_start <= task.start:
            sentence_start = task.start
        if text[sentence_start:s].strip() in ("", "由", "请", "各"):
            feats.append("subject_position")
    if first_is_lead:
        feats.append("doc_first_is_lead")
    feats.append(f"list_pos={min(list_pos, 3)}")
    if list_pos == 0 and first_is_lead:
        feats.append("first_listed_lead_doc")
    return feats


def _bucket(x, edges) -> str:
    for k, edge in enumerate(edges):
        if x < edge:
            return str(k)
    return str(len(edges))
