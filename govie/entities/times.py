"""Deadlines: find time expressions and resolve them against the plan year.

A plan's time language is narrow (年内, 年底前, 上半年, 第一季度, 11月份,
2020年10月底前, 每季度末, 到2025年) and its meaning depends on the year the
plan is for, which general parsers do not know. jionlp's parser resolves
against today and costs seconds to import, so govie resolves these forms
itself, exactly, and uses jionlp only as an evaluation baseline.
"""
from __future__ import annotations

import calendar
import re

_CN_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "十一": 11, "十二": 12, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_END = r"(?:底|末|初|中旬|上旬|下旬|中)?(?:前|以前|之前)?"

DEADLINE_PATTERN = re.compile(
    "|".join([
        # 每季度最后一个月的30日前, 每季度末月20日前, 每月25日前, 每季度, 每年
        rf"(?P<every>每(?:个)?(?:季度|季|月|年|半年))(?:(?:末月|最后一个月的?)?(?P<every_day>{_DAY})日)?(?P<every_end>末|底)?(?:前|以前|之前)?",
        # 2023年1月15日前, 2020年10月底前, 2023年第一季度, 2020年上半年, 2025年(前)
        rf"(?P<year>(?:19|20)\d\d)\s*年(?:度)?"
        rf"(?:(?P<y_half>上半年|下半年)|(?:第)?(?P<y_q>[一二三四1-4])\s*季度(?P<y_q_end>末|底)?"
        rf"|(?P<y_month>{_MONTH})\s*月(?:份)?(?:(?P<y_day>{_DAY})\s*日)?)?{_END}",
        # 明年4月底, 明年
        rf"(?P<rel>明年|次年|下一年度|下年度)(?:(?P<rel_month>{_MONTH})月(?:份)?)?{_END}",
        # 11月份, 10月底前, 7月10日, 12月初
        rf"(?<![\d年])(?P<month>{_MONTH})\s*月(?:份)?(?:(?P<day>{_DAY})\s*日)?{_END}",
        # 第一季度, 三季度末, 一季度
        rf"(?:第)?(?P<q>[一二三四])季度(?P<q_end>末|底)?(?:前|以前|之前)?",
        r"(?P<half>上半年|下半年|年中)(?:前)?",
        r"(?P<season>春季|夏季|秋季|冬季|春节前)",
        r"(?P<year_word>年内|年底前?|年末|年终|今年|全年|本年度|本年|年度内?|当年|新一年|年初)",
        r"(?P<this_q>当季|本季度|季度内)",
    ]))

# Words that end in a year word without being one (年度 in 年度工作会议 is still a period;
# 年初 is when a target was set, so it is kept only when the classifier says so).
_SEASON_END = {"春季": (5, 31), "夏季": (8, 31), "秋季": (11, 30), "冬季": (12, 31), "春节前": (2, 10)}


def _num(s: str | None) -> int | None:
    if s is None:
        return None
    s = s.strip()
    if s.isdigit():
        return int(s)
    return _CN_DIGIT.get(s)


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _iso(y: int, m: int, d: int) -> str:
    d = min(d, _last_day(y, m))
    return f"{y:04d}-{m:02d}-{d:02d}"


def _month_point(y: int, m: int, tail: str) -> tuple[str, str]:
    """A month with an optional 初/中旬/下旬 tail: its end date and granularity."""
    if "初" in tail or "上旬" in tail:
        return _iso(y, m, 10), "day"
    if "中旬" in tail:
        return _iso(y, m, 20), "day"
    return _iso(y, m, _last_day(y, m)), "month"


def _month_or_day(y: int, month: int, day: str | None, tail: str) -> dict:
    if day:
        return {"date": _iso(y, month, int(day)), "granularity": "day"}
    date, gran = _month_point(y, month, tail)
    return {"date": date, "granularity": gran}


def deadline_norm(span: str, year: int | None, *, plan_quarter: int | None = None) -> dict | None:
    """Resolve a DEADLINE span against the plan ``year``.

    >>> deadline_norm("年内", 2018)
    {'date': '2018-12-31', 'granularity': 'year'}
    >>> deadline_norm("2020年10月底前", 2020)
    {'date': '2020-10-31', 'granularity': 'month'}
    >>> deadline_norm("每季度末月20日前", 2023)
    {'date': '2023-03-20', 'granularity': 'quarter', 'recurring': True}
    >>> deadline_norm("第一季度", 2016)
    {'date': '2016-03-31', 'granularity': 'quarter'}
    """
    span = re.sub(r"\s+", "", span)
    m = DEADLINE_PATTERN.fullmatch(span)
    if m is None:
        return None
    g = m.groupdict()
    tail = span[-3:]
    if g["year"]:
        y = int(g["year"])
        if g["y_half"]:
            return {"date": _iso(y, 6, 30) if g["y_half"] == "上半年" else _iso(y, 12, 31), "granularity": "half"}
        if g["y_q"]:
            q = _num(g["y_q"])
            return {"date": _iso(y, q * 3, 31), "granularity": "quarter"}
        if g["y_month"]:
            return _month_or_day(y, _num(g["y_month"]), g["y_day"], tail)
        return {"date": _iso(y, 12, 31), "granularity": "year"}
    if year is None:
        return None
    if g["every"]:
        period = g["every"].replace("个", "")[1:]
        day = int(g["every_day"]) if g["every_day"] else None
        if period in ("季度", "季"):
            return {"date": _iso(year, 3, day or 31), "granularity": "quarter", "recurring": True}
        if period == "月":
            return {"date": _iso(year, 1, day or 31), "granularity": "month", "recurring": True}
        if period == "半年":
            return {"date": _iso(year, 6, 30), "granularity": "half", "recurring": True}
        return {"date": _iso(year, 12, 31), "granularity": "year", "recurring": True}
    if g["rel"]:
        y = year + 1
        if g["rel_month"]:
            date, gran = _month_point(y, _num(g["rel_month"]), tail)
            return {"date": date, "granularity": gran}
        return {"date": _iso(y, 12, 31), "granularity": "year"}
    if g["month"]:
        return _month_or_day(year, _num(g["month"]), g["day"], tail)
    if g["q"]:
        return {"date": _iso(year, _num(g["q"]) * 3, 31), "granularity": "quarter"}
    if g["half"]:
        return {"date": _iso(year, 12, 31) if g["half"] == "下半年" else _iso(year, 6, 30), "granularity": "half"}
    if g["season"]:
        mo, d = _SEASON_END[g["season"]]
        return {"date": _iso(year, mo, d), "granularity": "month"}
    if g["this_q"]:
        q = plan_quarter or 4
        return {"date": _iso(year, q * 3, 31), "granularity": "quarter"}
    if g["year_word"]:
        if g["year_word"] == "年初":
            return {"date": _iso(year, 3, 31), "granularity": "quarter"}
        return {"date": _iso(year, 12, 31), "granularity": "year"}
    return None


def find_times(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Every DEADLINE candidate span in ``text[start:end]``.

    >>> t = "于2023年1月15日前报送,年内完成,每季度末月20日前报告,12个月"
    >>> [t[s:e] for s, e in find_times(t)]
    ['2023年1月15日前', '年内', '每季度末月20日前']
    """
    end = len(text) if end is None else end
    out = []
    for m in DEADLINE_PATTERN.finditer(text, start, end):
        s, e = m.span()
        if m.group("month") and e < len(text) and text[s:e].endswith("月") and text[e:e + 1] in "份":
            pass
        # "12个月", "3月份额"-like false starts are excluded by the pattern; a month number
        # glued to a preceding digit ("2023月") is not a month.
        if m.group("month") and s > 0 and text[s - 1].isdigit():
            continue
        out.append((s, e))
    return out


def plan_quarter(title: str | None) -> int | None:
    """The quarter a quarterly plan covers (第一季度工作要点 → 1), for 当季."""
    if not title:
        return None
    m = re.search(r"第?([一二三四1-4])季度", title)
    return _num(m.group(1)) if m else None


# A notice's requirement to its addressees: "请于…前报送", "每季度末向市政府报告".
_REQUIREMENT = re.compile(r"报送|上报|报告|提交|反馈|报市|报区|报县|报省|前将|请于|务于|于.{0,16}前|督查|考核|通报")
_SENTENCE_END = "。;;\n"


def deadline_scope(items, text_length: int) -> list:
    """The spans where a deadline may stand: the tasks and their owner notes.

    In prose with no items at all, govie cannot itemise the work, so the
    whole text is in scope and the tagger's judgement stands.
    """
    items = list(items)
    if not items:
        return [(0, text_length)]
    return [(it.start, it.end) for it in items] + [(n.start, n.end) for it in items for n in it.notes]


def in_deadline_scope(text: str, spans, start: int, end: int) -> bool:
    """Whether a time expression at [start, end) can be a DEADLINE at all.

    ANNOTATION.md: a deadline is a time expression inside task content; a
    notice's reporting requirement counts too (decided case 1). ``spans`` are
    the task and owner-note spans of the document.
    """
    if any(a <= start and end <= b for a, b in spans):
        return True
    left = max(text.rfind(ch, 0, start) for ch in _SENTENCE_END) + 1
    rights = [i for i in (text.find(ch, end) for ch in _SENTENCE_END) if i >= 0]
    return bool(_REQUIREMENT.search(text, left, min(rights) if rights else len(text)))
