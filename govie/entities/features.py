"""What the entity classifier sees about a candidate: its form and its surroundings.

Whether ``2021年`` is a deadline or part of an event name, whether ``第三批``
is a target, whether ``区政府`` is a body acting or part of a meeting name is
decided by context the guideline spells out: inside 《》, inside quotes, in a
title or signature line, in an owner note, in a task, in a review section.
``Context`` computes those facts once per document from the structure.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..structure.parser import Structure, split_lines

_LEVEL_PREFIX = "省市区县镇乡州盟旗村各"
_TOWN_SUFFIX = ("镇", "乡", "街道", "街镇", "乡镇", "村", "社区", "居委会", "村委会", "工业区")
_DATE_ONLY = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$|^\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2}$")


@dataclass
class Context:
    """Per-document facts the features look up by character offset (normalised text)."""

    text: str
    line_starts: list
    line_kinds: list
    book: list  # depth of 《》 at each char
    quote: list  # inside “” at each char
    task_ivals: list  # sorted (start, end) of task spans
    note_ivals: list  # sorted (start, end) of owner-note spans
    review_ivals: list  # sorted spans of sections that are not work (review, requirements)
    year: int | None

    @classmethod
    def build(cls, text: str, structure: Structure, year: int | None) -> "Context":
        lines = split_lines(text)
        starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        kinds = ["body"] * len(lines)
        fm = structure.front
        special = {"title": fm.title_spans, "signature": fm.signature_spans,
                   "addressee": [fm.addressee_span] if fm.addressee_span else [],
                   "docno": [fm.doc_number_span] if fm.doc_number_span else [], "junk": structure.junk_spans}
        for kind, spans in special.items():
            for s, _ in spans:
                k = bisect.bisect_right(starts, s) - 1
                if 0 <= k < len(kinds):
                    kinds[k] = kind
        for k, ln in enumerate(lines):
            if kinds[k] == "body" and _DATE_ONLY.match(ln.text):
                kinds[k] = "date"
        book, quote = [0] * len(text), [0] * len(text)
        b = q = 0
        for i, ch in enumerate(text):
            if ch == "《":
                b += 1
            elif ch == "》":
                b = max(0, b - 1)
            elif ch == "“":
                q = 1
            elif ch == "”":
                q = 0
            elif ch == "\n":
                b = q = 0
            book[i], quote[i] = b, q
        tasks = sorted((it.start, it.end) for it in structure.items)
        notes = sorted((n.start, n.end) for it in structure.items for n in it.notes)
        review = sorted((s.start, s.end) for s in _walk(structure.sections) if not s.task_section)
        return cls(text, starts, kinds, book, quote, tasks, notes, review, year)

    def line_index(self, pos: int) -> int:
        return bisect.bisect_right(self.line_starts, pos) - 1

    def line_bounds(self, pos: int) -> tuple[int, int]:
        k = self.line_index(pos)
        s = self.line_starts[k]
        e = self.text.find("\n", s)
        return s, (len(self.text) if e < 0 else e)

    @staticmethod
    def inside(ivals: list, s: int, e: int) -> bool:
        k = bisect.bisect_right(ivals, (s, float("inf"))) - 1
        while k >= 0:
            a, b = ivals[k]
            if a <= s and e <= b:
                return True
            if b < s and a < s - 20000:
                break
            k -= 1
        return False


def _walk(sections):
    for s in sections:
        yield s
        yield from _walk(s.children)


def common_features(ctx: Context, s: int, e: int, prev_tok: str, next_tok: str) -> list[str]:
    t = ctx.text
    k = ctx.line_index(s)
    ls, le = ctx.line_bounds(s)
    line = t[ls:le].strip()
    feats = [
        f"p1={t[s - 1] if s > 0 else '^'}", f"p2={t[max(0, s - 2):s]}", f"n1={t[e] if e < len(t) else '$'}",
        f"n2={t[e:e + 2]}", f"pt={prev_tok}", f"nt={next_tok}", f"line={ctx.line_kinds[k]}",
    ]
    if ctx.book[s] or (s < len(t) and ctx.book[min(e, len(t) - 1)] and ctx.book[s]):
        feats.append("in_book")
    if ctx.quote[s] and (s == 0 or t[s - 1] != "”"):
        feats.append("in_quote")
    if ctx.inside(ctx.task_ivals, s, e):
        feats.append("in_task")
    if ctx.inside(ctx.note_ivals, s, e):
        feats.append("in_note")
    if ctx.inside(ctx.review_ivals, s, e):
        feats.append("in_review")
    if t[ls:le].strip() == t[s:e]:
        feats.append("whole_line")
    elif s - ls <= 1:
        feats.append("line_start")
    if len(line) <= 40 and not re.search(r"[。;;]", line):
        feats.append("short_line")
    return feats


def name_features(ctx: Context, s: int, e: int, prev_tok: str, next_tok: str, ntok: int, last_tok: str,
                  lexicon: dict, doc_short: frozenset = frozenset()) -> list[str]:
    t = ctx.text
    span = t[s:e]
    feats = common_features(ctx, s, e, prev_tok, next_tok)
    # The name's ending and level prefix generalise to unseen places; its first characters do not.
    feats += [f"w={span}", f"s1={span[-1:]}", f"s2={span[-2:]}", f"s3={span[-3:]}",
              f"len={min(len(span), 12)}", f"ntok={min(ntok, 6)}", f"lt={last_tok}"]
    if span[0] in _LEVEL_PREFIX:
        feats.append(f"level={span[0]}")
    if "(" in span:
        feats.append("paren")
    if "、" in span:
        feats.append("enum")
    if "“" in span or "”" in span:
        feats.append("quote_in")
    lex = lexicon.get(span)
    if lex:
        feats.append(f"lex={lex}")
    if span.endswith(_TOWN_SUFFIX):
        feats.append("town_suffix")
        # Place names are two or three characters before 镇/村/街道: 沙街道 is a fragment of 星沙街道.
        core = len(span) - len(next(sfx for sfx in _TOWN_SUFFIX if span.endswith(sfx)))
        feats.append(f"tcore={min(core, 5)}")
        left = _char_class(t[s - 1] if s > 0 else "")
        feats.append(f"tcore_left={min(core, 5)}|{left}")
        # The regular shape of a place: a 2-4 character name, then its level, not inside a longer name.
        if 2 <= core <= 4 and left in ("start", "punct", "func", "digit", "date", "space"):
            feats.append("town_shape")
            if _FACILITY.match(t, e):
                feats.append("town_shape_facility")
            elif _BODY_AFTER.match(t, e):
                feats.append("town_shape_body")
            else:
                feats.append("town_shape_free")
    # A place name glued to what follows is usually inside a facility's name (朱家角养护院);
    # a body glued to a verb (区民政局负责) is not, so the cue is kept for place shapes only.
    if span.endswith(_TOWN_SUFFIX) and e < len(t) and "\u4e00" <= t[e] <= "\u9fff" \
            and t[e] not in "负牵配要等和及与、的在为将是已等":
        # 丰泽街道东涂社区: a place followed by a smaller place is a place, not part of a facility
        feats.append("followed_by_place" if _NEXT_PLACE.match(t, e) else "glued_right")
    if s > 0 and "\u4e00" <= t[s - 1] <= "\u9fff":
        feats.append("glued_left")
        feats.append(f"gl={t[s - 1]}|{span[-1:]}")
    feats.append(f"ctx={t[s - 1] if s > 0 else '^'}_{t[e] if e < len(t) else '$'}")
    feats.append(f"left={_char_class(t[s - 1] if s > 0 else '')}")
    feats.append(f"left_suffix={_char_class(t[s - 1] if s > 0 else '')}|{span[-1:]}")
    if span in doc_short:
        feats.append("doc_short")
    if _POST_AFTER.match(t, e):  # 福安市人民政府代市长: a post, never annotated (decided case 13)
        feats.append("post_after")
    return feats


_POST_AFTER = re.compile(r"(代|副)?(市长|县长|区长|镇长|乡长|省长|书记|主任|厅长|局长|主席|委员|负责同志|负责人|干部)")
_NEXT_PLACE = re.compile(r"[\u4e00-\u9fff]{1,4}(镇|乡|街道|社区|村|居委会|村委会|组)")
_FACILITY = re.compile(r"(中心|医院|卫生院|卫生室|学校|小学|中学|幼儿园|派出所|站|馆|园|厂|公园|广场|工业园|市场|"
                       r"小区|服务|文化|党群|便民|综合|示范|养老|敬老院|项目|片区|路|大道|街区)")
_BODY_AFTER = re.compile(r"(人民政府|政府|党委|党工委|办事处|人大|政协|纪委|委员会|居委会|村委会|管委会)")
_FUNCTION_CHARS = set("的在和与及对向由为将把是到于从被让给等各并或及以其该本我全")


def _char_class(ch: str) -> str:
    """What kind of character stands before a candidate: a name rarely starts after a Chinese letter."""
    if not ch or ch == "\n":
        return "start"
    if ch.isdigit():
        return "digit"
    if ch in "年月日":
        return "date"
    if ch in _FUNCTION_CHARS:
        return "func"
    if "\u4e00" <= ch <= "\u9fff":
        return "han"
    if ch.isspace():
        return "space"
    return "punct"


def metric_features(ctx: Context, s: int, e: int, prev_tok: str, next_tok: str, unit: str | None) -> list[str]:
    t = ctx.text
    span = t[s:e]
    feats = common_features(ctx, s, e, prev_tok, next_tok)
    feats += [f"u={unit}", f"w={span}" if len(span) <= 4 else "w=long",
              "cn" if not span[:1].isdigit() and span[:1] not in "约近超逾不至多高低过-" else "ar"]
    if re.match(r"^[一二两三四五六七八九十]", span):
        feats.append(f"cn1={span[0]}")
    if re.search(r"\d", span):
        digits = re.sub(r"\D", "", span.split(".")[0])
        feats.append(f"ndig={min(len(digits), 5)}")
    feats.append(f"p1u={t[s - 1] if s > 0 else '^'}|{unit}")
    feats.append(f"n1u={t[e] if e < len(t) else '$'}|{unit}")
    return feats


def deadline_features(ctx: Context, s: int, e: int, prev_tok: str, next_tok: str) -> list[str]:
    t = ctx.text
    span = t[s:e]
    feats = common_features(ctx, s, e, prev_tok, next_tok)
    shape = re.sub(r"\d", "9", span)
    feats += [f"shape={shape}", f"w={span}" if not re.search(r"\d", span) else "w=digits"]
    m = re.match(r"(\d{4})", span)
    if m and ctx.year:
        diff = int(m.group(1)) - ctx.year
        feats.append(f"ydiff={max(-2, min(diff, 3))}")
    feats.append(f"n1s={t[e] if e < len(t) else '$'}|{shape[:4]}")
    return feats
