"""Quantities: find number-with-unit candidates and say what they mean.

Targets are written in a small, regular language: an optional comparator
(约 不少于 超过), a number in Arabic or Chinese numerals (4.5, 三千五百, 2-3),
an optional multiplier (万 亿), a unit or measure word, an optional suffix
(以上 左右 余). The pattern finds every candidate; whether a candidate is a
target (not an ordinal, code or slogan) is the classifier's call, with
context. What the number means is decided here, by rule, because it must be
exact: ``4.5万平方米`` is 45000 平方米, whatever the model thinks.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import cn2an

# Units and measure words, longest first when matched. Compound rates keep
# their denominator (元/人月); a multiplier before a unit is split off.
UNITS = sorted(set("""
个百分点 百分点 平方公里 平方千米 平方米 立方米 万千瓦时 千瓦时 千瓦 兆瓦 千伏安 千伏 公里 千米 厘米 毫米 米 公顷 亩 吨标煤 吨标准煤 吨 千克 公斤 克
微克/立方米 毫克/升 元/人月 元/人 元/月 元/年 元/亩 吨/日 吨/天 万元/亩
元 美元 欧元 港元 人民币
人次 笔 斤 万斤 架次 班次 车次 户次 家次 台次 起 次 人 名 位 户 家 个 项 件 套 间 张 床 条段 条 段 座 所 处 栋 幢 根 棵 株 辆 台 艘 架 部 本 册 份 篇 期 批 场 场次 届 轮 支 队 团 组 宗 块 片 只 头 羽 尾 箱 标准箱 TEU 盏 口 眼 孔 道 门 类 种 样 项次 例 支队 所次 人/次 小时 分钟 天 日 周 个月 月 年 岁 周岁 倍 度 % ‰ 分 星 级 千瓦时/年 万人 GW MW kW km km2 m2
""".split()), key=len, reverse=True)
MULTIPLIERS = {"万亿": 10**12, "千万": 10**7, "百万": 10**6, "万": 10**4, "亿": 10**8, "千": 1000}
PREFIX_CMP = {"不少于": ">=", "不低于": ">=", "至少": ">=", "超过": ">=", "超": ">=", "逾": ">=", "高于": ">=",
              "多于": ">=", "过": ">=", "不超过": "<=", "不高于": "<=", "低于": "<=", "少于": "<=",
              "约": "~", "近": "~", "大约": "~"}
SUFFIX_CMP = {"以上": ">=", "余": ">=", "多": ">=", "以下": "<=", "以内": "<=", "内": "<=", "左右": "~"}
_INCREASE = re.compile(r"增长|提高|提升|增加|上升|增速|增幅|扩大")
_DECREASE = re.compile(r"下降|减少|降低|压减|削减|缩短|压缩|降幅")
_QUANTITY_LEAD = re.compile(r"^(确保|力争|争取|减少|降低|提高|提升|全年|全区|全市|全县|累计|共|新增|新建|完成|实现|建设|建成|培育|认定|"
                            r"引进|培养|开展|组织|举办|达到|推进|发放|改造|实施|招引|打造|创建|提供|筹措|落实|"
                            r"建立|安排|各类|计划|预计|总数|总量|增加|总计|投入|帮助|带动|吸引|受理)+")
_QUANTITY_TAIL = re.compile(r"(达到|达|为|增长|提高|提升|增加|上升|下降|减少|降低|控制在|保持在|稳定在|不少于|不低于|"
                            r"超过|至少|约|近|在|到)+$")

_CN = "零〇一二两三四五六七八九十百千万亿"
_CN_HEAD = "零〇一二两三四五六七八九十百千"
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|[{_CN_HEAD}][{_CN}]*(?:点[{_CN}]+)?)"
_UNIT_ALT = "|".join(re.escape(u) for u in UNITS)
_MULT_ALT = "|".join(sorted(MULTIPLIERS, key=len, reverse=True))
_PREFIX_ALT = "|".join(sorted(PREFIX_CMP, key=len, reverse=True))
_SUFFIX_ALT = "|".join(sorted(SUFFIX_CMP, key=len, reverse=True))
METRIC_PATTERN = re.compile(
    rf"(?P<prefix>{_PREFIX_ALT})?"
    rf"(?P<sign>[-−])?(?P<num>{_NUM})(?:\s*(?P<range>[-~～至到—])\s*(?P<num2>{_NUM}))?"
    rf"(?:(?P<mult>{_MULT_ALT})(?P<approx>余|多)?(?P<unit>{_UNIT_ALT})?|(?P<approx2>余|多)?(?P<unit2>{_UNIT_ALT}))"
    rf"(?P<suffix>{_SUFFIX_ALT})?"
    rf"|(?P<prefix3>{_PREFIX_ALT})?(?P<mult3>亿|万)(?P<unit3>元|美元|人次|人|吨|平方米|千瓦时)(?P<suffix3>{_SUFFIX_ALT})?"
    r"|零增长|负增长")


# "12周到22周": a range that repeats its unit.
RANGE_REPEAT = re.compile(rf"(?P<num>{_NUM})(?P<unit>{_UNIT_ALT})\s*[-~～至到]\s*(?P<num2>{_NUM})(?P=unit)"
                          rf"(?P<suffix>{_SUFFIX_ALT})?")


def parse_number(raw: str) -> Decimal | None:
    """Arabic or Chinese numerals to an exact number (三千五百 → 3500, 1.4万 → 14000)."""
    raw = raw.strip().replace(",", "")
    if not raw:
        return None
    try:
        return Decimal(raw)
    except InvalidOperation:
        pass
    if raw[0] in "十百千万亿":  # 百亿 is one hundred 亿
        raw = "一" + raw
    try:
        return Decimal(str(cn2an.cn2an(raw.replace("两", "二"), "smart")))
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, InvalidOperation):
        return None


def _tidy(x: Decimal):
    return int(x) if x == x.to_integral_value() else float(x)


def metric_norm(span: str, context_before: str = "") -> dict | None:
    """Normalise a METRIC span; ``context_before`` (the clause before it) gives change and quantity.

    >>> metric_norm("4.5万平方米", "新增各类公共绿地")
    {'value': 45000, 'unit': '平方米', 'comparator': None, 'quantity': '公共绿地'}
    >>> metric_norm("95%以上")
    {'value': 95, 'unit': '%', 'comparator': '>='}
    >>> metric_norm("2-3个")
    {'value': 2, 'value_max': 3, 'unit': '个', 'comparator': None}
    >>> metric_norm("6.2%左右", "在地地区生产总值增长")["change"]
    'increase'
    """
    span = re.sub(r"\s+", "", span)
    r = RANGE_REPEAT.fullmatch(span)
    if r:
        lo, hi = parse_number(r.group("num")), parse_number(r.group("num2"))
        if lo is not None and hi is not None:
            return _add_context({"value": _tidy(lo), "value_max": _tidy(hi), "unit": r.group("unit"),
                                 "comparator": SUFFIX_CMP.get(r.group("suffix") or "")}, context_before)
    m = METRIC_PATTERN.fullmatch(span)
    if m is None:
        return _loose_norm(span)
    if m.group(0) in ("零增长", "负增长"):
        norm = {"value": 0, "unit": None, "comparator": None if m.group(0) == "零增长" else "<="}
        return _add_context(norm, context_before)
    if m.group("mult3"):  # 亿元以上, 超亿元: the multiplier alone is one of it
        norm = {"value": _tidy(Decimal(MULTIPLIERS[m.group("mult3")])), "unit": m.group("unit3"),
                "comparator": PREFIX_CMP.get(m.group("prefix3") or "") or SUFFIX_CMP.get(m.group("suffix3") or "")}
        return _add_context(norm, context_before)
    value = parse_number(m.group("num"))
    if value is None:
        return None
    if m.group("sign"):
        value = -value
    mult = Decimal(MULTIPLIERS.get(m.group("mult") or "", 1))
    norm: dict = {"value": _tidy(value * mult)}
    if m.group("num2"):
        hi = parse_number(m.group("num2"))
        if hi is not None:
            norm["value_max"] = _tidy(hi * mult)
    unit = m.group("unit") or m.group("unit2")
    norm["unit"] = unit
    cmp_ = PREFIX_CMP.get(m.group("prefix") or "") or SUFFIX_CMP.get(m.group("suffix") or "") \
        or SUFFIX_CMP.get(m.group("approx") or m.group("approx2") or "")
    norm["comparator"] = cmp_
    return _add_context(norm, context_before)


def _loose_norm(span: str) -> dict | None:
    """A number followed by a counted noun (十万职工, 两县): the noun is the unit."""
    m = re.match(rf"^(?P<prefix>{_PREFIX_ALT})?(?P<num>{_NUM})(?P<mult>{_MULT_ALT})?(?P<unit>[^\d\s]{{1,8}}?)"
                 rf"(?P<suffix>{_SUFFIX_ALT})?$", span.strip())
    if not m:
        return None
    value = parse_number(m.group("num"))
    if value is None:
        return None
    value *= Decimal(MULTIPLIERS.get(m.group("mult") or "", 1))
    cmp_ = PREFIX_CMP.get(m.group("prefix") or "") or SUFFIX_CMP.get(m.group("suffix") or "")
    return {"value": _tidy(value), "unit": m.group("unit") or None, "comparator": cmp_}


def _add_context(norm: dict, before: str) -> dict:
    before = before.strip()
    if not before:
        return norm
    # The last change verb in the clause says which way the quantity moves.
    inc = [m.start() for m in _INCREASE.finditer(before)]
    dec = [m.start() for m in _DECREASE.finditer(before)]
    if inc or dec:
        norm["change"] = "increase" if max(inc, default=-1) > max(dec, default=-1) else "decrease"
    q = _QUANTITY_TAIL.sub("", before)
    q = _QUANTITY_LEAD.sub("", q)
    q = re.sub(r"^(的|了)+|(的|了)+$", "", q)
    if 2 <= len(q) <= 12 and not re.search(r"[\d%“”\"《》()]", q):
        norm["quantity"] = q
    return norm


# A one-character comparator that is really the end of a word: 签约2个 is not "about 2".
_PREFIX_IN_WORD = {"签约", "节约", "制约", "合约", "预约", "公约", "条约", "契约", "集约", "简约", "邀约", "履约", "违约",
                   "特约", "最近", "接近", "附近", "临近", "将近", "就近", "亲近", "靠近", "逼近", "赶超", "高超",
                   "通过", "经过", "超过", "不过", "越过", "度过"}


def find_quantities(text: str, start: int = 0, end: int | None = None, times=None) -> list[tuple[int, int]]:
    """Every METRIC candidate span in ``text[start:end]`` (the classifier filters them).

    Dates are not quantities: a match that lies inside a time expression
    (``2023年1月15日``) is not proposed.

    >>> t = "签约2个项目,新增绿地4.5万平方米,每季度开展一次督查,2023年1月15日前报送"
    >>> [t[s:e] for s, e in find_quantities(t)]
    ['2个', '4.5万平方米', '一次']
    """
    end = len(text) if end is None else end
    if times is None:  # the caller may pass the time spans it already has
        from .times import find_times

        times = find_times(text, start, end)
    out = []
    ranges = [m.span() for m in RANGE_REPEAT.finditer(text, start, end)]
    for s, e in ranges:
        out.append((s, e))
    for m in METRIC_PATTERN.finditer(text, start, end):
        s, e = m.span()
        if any(a <= s and e <= b for a, b in ranges):
            continue
        prefix = m.group("prefix") or m.group("prefix3") or ""
        if len(prefix) == 1 and s > 0 and text[s - 1:s + 1] in _PREFIX_IN_WORD:
            s += 1
        if m.group("sign") and s > 0 and (text[s - 1].isdigit() or text[s - 1] in "年月日"):
            s += 1  # "2-3", "2019-2021": the dash joins, it is not a sign
        if s >= e or any(a <= s and e <= b for a, b in times):
            continue
        out.append((s, e))
    return sorted(out)
