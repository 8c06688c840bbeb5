"""Agency and town candidates: runs of tokens that end the way a body or place name ends.

Chinese administration names its bodies with a small set of endings (…局
…委 …办 …中心 …管委会 …领导小组) and its places with others (…镇 …街道
…村 …社区); collective references are formulaic (各有关部门, 各街镇). So
candidates are token runs ending in such a token, plus known short place
names; which run, if any, is the name is learned from the corpus.
"""
from __future__ import annotations

import re

AGENCY_ENDINGS = (
    "局", "委", "办", "厅", "部", "署", "院", "会", "处", "室", "站", "所", "中心", "公司", "集团", "政府", "管委会",
    "委员会", "领导小组", "小组", "办公室", "分局", "支队", "大队", "法院", "检察院", "党委", "党组", "工委", "政协",
    "人大", "常委会", "团委", "妇联", "总工会", "工会", "科协", "残联", "社", "行", "队", "纪委", "监委", "办事处",
    "部门", "单位", "机关", "机构", "开发区", "园区", "管理区", "新区", "海关", "国检", "税务", "街道办", "指挥部",
    "专班", "协会", "联合会", "商会", "基金会", "供销社", "联社", "党校", "馆", "台", "中央", "国务院", "省委",
    "市委", "区委", "县委", "镇委", "乡委", "各地", "各区", "各县", "各市", "各区县", "各县区", "各县市区", "各乡镇",
    "地区", "团体", "企业", "院校", "国企", "成员单位", "园", "区", "县", "市", "州", "旗", "检",
)
TOWN_ENDINGS = ("镇", "乡", "街道", "街镇", "镇街", "乡镇", "村", "社区", "居委会", "村委会", "工业区", "嘎查", "苏木",
                "农场", "林场", "管理区", "片区", "街")
_ENDINGS = tuple(sorted(set(AGENCY_ENDINGS + TOWN_ENDINGS), key=len, reverse=True))
_BREAK = re.compile(r"[\s,,。;;:、!?!?《》<>\[\]【】|]")
_HARD_BREAK = re.compile(r"[\s,,。;;:!?!?《》<>\[\]【】|]")
_DIGITS = re.compile(r"\d")
# Role words name a column or a role, never a body (ANNOTATION.md: generic roles are not AGENCY).
def _role_words() -> frozenset:
    from ..structure.owner_notes import DATA_KEYS, DEADLINE_KEYS, LEAD_KEYS, MIXED_KEYS, OWNER_KEYS

    words = set(LEAD_KEYS + OWNER_KEYS + MIXED_KEYS + DEADLINE_KEYS + DATA_KEYS)
    return frozenset(words | {"各" + w for w in words} | {"责任人", "各责任单位", "各牵头单位", "主要责任单位"})


ROLE_WORDS = _role_words()
MAX_TOKENS = 10
MAX_CHARS = 32
_LIST_INSIDE = re.compile(r"^各|[(][^()]*[)]|^[^、]{1,6}(、[^、]{1,2})+$")


def name_candidates(text: str, spans: list[tuple[int, int]], short_names: frozenset = frozenset()
                    ) -> list[tuple[int, int]]:
    """Candidate (start, end) spans over token ``spans`` of ``text``.

    A candidate ends where the text ends in a name ending (or is a known
    short place name) and starts up to ``MAX_TOKENS`` tokens earlier, never
    across punctuation or a line break; an enumeration comma is allowed in
    collective names (各县(市、区)人民政府, 市政府各委、办、局).

    >>> t = "由区民政局负责"
    >>> sorted({t[s:e] for s, e in name_candidates(t, [(0, 1), (1, 2), (2, 5), (5, 7)])})
    ['区', '区民政局', '民政局']
    """
    out: list[tuple[int, int]] = []
    for i, (s_i, e_i) in enumerate(spans):
        tail = text[max(0, e_i - 10):e_i]
        if not tail.strip() or (_BREAK.fullmatch(tail[-1]) and tail[-1] != ")"):
            continue
        # 各村(社区), 各镇(街道): the ending may sit inside a closing parenthesis
        bare = re.sub(r"\([^()]{1,6}\)$", "", tail) if tail.endswith(")") else tail
        ends_name = bare.endswith(_ENDINGS) or (tail.endswith(")") and tail[:-1].endswith(_ENDINGS))
        if not ends_name and not short_names:
            continue
        limit = MAX_CHARS if ends_name else 4  # without a name ending only short place names qualify
        for j in range(i, max(-1, i - MAX_TOKENS), -1):
            s_j = spans[j][0]
            piece = text[s_j:e_i]
            if len(piece) > limit or _HARD_BREAK.search(piece):
                break
            if "、" in piece and not _LIST_INSIDE.search(piece):
                continue
            if "的" in piece or "及" in re.sub(r"\([^()]*\)", "", piece):  # 旗委的…和人大, 区委及镇党委
                continue
            if piece in ROLE_WORDS:
                continue
            if piece[0] in "“”\"'()的和与及、,等对向由在为将把" or _DIGITS.match(piece):
                continue
            if ends_name or piece in short_names:
                out.append((s_j, e_i))
    return out
