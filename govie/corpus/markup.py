"""Inline annotation markup: the way govie's corpus is written by hand.

Offsets are what the record format needs and what people get wrong, so the
corpus is authored as the document's own text with spans marked in place and
compiled to records (ANNOTATION.md) by this module. The compiled text is
checked against the original (``--against``) so that marking up never
changes a character of the document.

A markup file::

    id: jinshan-2018-urbanization
    source: https://example.gov.cn/...        (or a seed file name)
    year: 2018
    issuer: 上海市金山区人民政府办公室
    province: 上海
    city: 金山区
    level: district                           (province|city|county|district|town)
    styles: numbered, table                   (see STYLES)
    ---
    ...{{T1:新增养老床位[[200张|METRIC|200 张]],由[[区民政局|AGENCY#a1]]负责}}...
    ===
    T1 LEAD a1
    T1 OWNER a2 a3
    T1 DUE d1

Spans: ``[[surface|LABEL]]``, ``[[surface|LABEL#ref]]`` (a ref names it in
relations), then optionally ``|norm``:

- METRIC norm: ``VALUE UNIT [CMP]``; VALUE a number or a range ``2..3``;
  UNIT a string or ``null``; CMP one of ``>=`` ``<=`` ``~``.
- DEADLINE norm: ``YYYY-MM-DD GRANULARITY [recurring]``.

Tasks: ``{{T1:...}}``; entities may sit inside a task, tasks never nest.
Relations after a line ``===``: ``TASK TYPE REF [REF ...]``.

Run ``python -m govie.corpus.markup FILE... [--against ORIG] [--show]
[--out OUT.jsonl]``.
"""
from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field

LABELS = ("AGENCY", "TOWN", "METRIC", "DEADLINE", "TASK")
RELATION_TYPES = ("LEAD", "OWNER", "DUE")
GRANULARITIES = ("year", "half", "quarter", "month", "day")
COMPARATORS = (">=", "<=", "~")
STYLES = (
    "numbered",       # numbered plan, no owners stated
    "owner-lines",    # items followed by 牵头单位:/责任单位:/完成时限: lines
    "inline-owner",   # items ending in (…牵头,…配合)
    "table",          # flattened table with owner columns
    "town",           # town or subdistrict plan naming villages
    "report",         # the task part of a work report
)
META_KEYS = ("id", "source", "year", "issuer", "province", "city", "level", "styles", "split")

_SPAN_OPEN = "[["
_SPAN_CLOSE = "]]"
_TASK_OPEN = re.compile(r"\{\{(T\w*):")
_TASK_CLOSE = "}}"


class MarkupError(ValueError):
    """A markup file that cannot be compiled; the message names the place."""


@dataclass
class _Span:
    label: str
    start: int
    end: int
    ref: str | None = None
    norm: dict | None = None


@dataclass
class Compiled:
    text: str
    meta: dict
    spans: list = field(default_factory=list)
    relations: list = field(default_factory=list)  # (task_ref, type, ref)


def parse_metric_norm(raw: str) -> dict:
    parts = raw.split()
    if len(parts) not in (2, 3):
        raise MarkupError(f"METRIC norm {raw!r}: want 'VALUE UNIT [CMP]'")
    value, unit = parts[0], parts[1]
    norm: dict = {}
    if ".." in value:
        lo, hi = value.split("..", 1)
        norm["value"], norm["value_max"] = _number(lo), _number(hi)
    else:
        norm["value"] = _number(value)
    norm["unit"] = None if unit == "null" else unit
    cmp_ = parts[2] if len(parts) == 3 else None
    if cmp_ is not None and cmp_ not in COMPARATORS:
        raise MarkupError(f"METRIC norm {raw!r}: comparator must be one of {COMPARATORS}")
    norm["comparator"] = cmp_
    return norm


def parse_deadline_norm(raw: str) -> dict:
    parts = raw.split()
    if len(parts) not in (2, 3) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", parts[0]):
        raise MarkupError(f"DEADLINE norm {raw!r}: want 'YYYY-MM-DD GRANULARITY [recurring]'")
    if parts[1] not in GRANULARITIES:
        raise MarkupError(f"DEADLINE norm {raw!r}: granularity must be one of {GRANULARITIES}")
    norm = {"date": parts[0], "granularity": parts[1]}
    if len(parts) == 3:
        if parts[2] != "recurring":
            raise MarkupError(f"DEADLINE norm {raw!r}: third word may only be 'recurring'")
        norm["recurring"] = True
    return norm


def _number(raw: str):
    try:
        value = float(raw)
    except ValueError:
        raise MarkupError(f"not a number: {raw!r}") from None
    return int(value) if value.is_integer() and "." not in raw else value


def _parse_header(lines: list[str]) -> dict:
    meta: dict = {}
    for line in lines:
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if not sep or key not in META_KEYS:
            raise MarkupError(f"header line {line!r}: keys are {META_KEYS}")
        if key == "year":
            value = int(value)
        elif key == "styles":
            value = [s.strip() for s in value.split(",") if s.strip()]
            bad = [s for s in value if s not in STYLES]
            if bad:
                raise MarkupError(f"unknown styles {bad}; known: {STYLES}")
        meta[key] = value
    for key in ("id", "source", "year"):
        if key not in meta:
            raise MarkupError(f"header lacks {key!r}")
    return meta


def _line_col(src: str, pos: int) -> str:
    line = src.count("\n", 0, pos) + 1
    col = pos - (src.rfind("\n", 0, pos) + 1) + 1
    return f"line {line} col {col}"


def compile_markup(markup: str) -> Compiled:
    head, sep, rest = markup.partition("\n---\n")
    if not sep:
        raise MarkupError("no '---' line between header and text")
    meta = _parse_header(head.splitlines())
    body, sep, rel_block = rest.rpartition("\n===\n")
    if not sep:
        body, rel_block = rest, ""
    body_offset = len(head) + 5

    out: list[str] = []
    pos = 0  # position in the compiled text
    spans: list[_Span] = []
    open_task: _Span | None = None
    open_span: tuple[int, int] | None = None  # (text start, markup position)
    i = 0
    n = len(body)
    while i < n:
        if body.startswith(_SPAN_OPEN, i):
            if open_span is not None:
                raise MarkupError(f"nested [[ at {_line_col(markup, body_offset + i)}")
            open_span = (pos, i)
            i += 2
            continue
        if open_span is not None and body[i] == "|":
            close = body.find(_SPAN_CLOSE, i)
            if close < 0:
                raise MarkupError(f"unclosed [[ at {_line_col(markup, body_offset + open_span[1])}")
            spans.append(_make_span(body[i + 1:close], open_span[0], pos,
                                    _line_col(markup, body_offset + open_span[1])))
            open_span = None
            i = close + 2
            continue
        m = _TASK_OPEN.match(body, i)
        if m and open_span is None:
            if open_task is not None:
                raise MarkupError(f"task inside task at {_line_col(markup, body_offset + i)}")
            open_task = _Span("TASK", pos, -1, ref=m.group(1))
            i = m.end()
            continue
        if body.startswith(_TASK_CLOSE, i) and open_task is not None and open_span is None:
            open_task.end = pos
            spans.append(open_task)
            open_task = None
            i += 2
            continue
        if body.startswith(_SPAN_CLOSE, i) and open_span is not None:
            raise MarkupError(f"span without |LABEL at {_line_col(markup, body_offset + i)}")
        out.append(body[i])
        pos += 1
        i += 1
    if open_span is not None:
        raise MarkupError(f"unclosed [[ at {_line_col(markup, body_offset + open_span[1])}")
    if open_task is not None:
        raise MarkupError(f"unclosed task {open_task.ref}")
    text = "".join(out)

    relations = []
    for line in rel_block.splitlines():
        words = line.split()
        if not words or line.lstrip().startswith("#"):
            continue
        if len(words) < 3 or words[1] not in RELATION_TYPES:
            raise MarkupError(f"relation line {line!r}: want 'TASK TYPE REF...'")
        for ref in words[2:]:
            relations.append((words[0], words[1], ref))
    return Compiled(text=text, meta=meta, spans=spans, relations=relations)


def _make_span(spec: str, start: int, end: int, where: str) -> _Span:
    label, _, norm_raw = spec.partition("|")
    label, _, ref = label.partition("#")
    label = label.strip()
    if label not in LABELS or label == "TASK":
        raise MarkupError(f"bad label {label!r} at {where}")
    if start == end:
        raise MarkupError(f"empty span at {where}")
    norm = None
    if label == "METRIC":
        if not norm_raw:
            raise MarkupError(f"METRIC without norm at {where}")
        norm = parse_metric_norm(norm_raw)
    elif label == "DEADLINE":
        if not norm_raw:
            raise MarkupError(f"DEADLINE without norm at {where}")
        norm = parse_deadline_norm(norm_raw)
    elif norm_raw:
        raise MarkupError(f"{label} takes no norm at {where}")
    return _Span(label, start, end, ref=ref or None, norm=norm)


def to_record(compiled: Compiled) -> dict:
    """Number entities in text order and resolve relation refs to ids."""
    spans = sorted(compiled.spans, key=lambda s: (s.start, -s.end, s.label != "TASK"))
    entities, by_ref = [], {}
    for eid, span in enumerate(spans, 1):
        ent = {"id": eid, "label": span.label, "start_offset": span.start, "end_offset": span.end}
        if span.norm is not None:
            ent["norm"] = span.norm
        entities.append(ent)
        if span.ref:
            if span.ref in by_ref:
                raise MarkupError(f"ref {span.ref} used twice")
            by_ref[span.ref] = ent
    relations, seen = [], set()
    for task_ref, rtype, ref in compiled.relations:
        for r in (task_ref, ref):
            if r not in by_ref:
                raise MarkupError(f"relation {task_ref} {rtype} {ref}: unknown ref {r}")
        key = (by_ref[task_ref]["id"], by_ref[ref]["id"], rtype)
        if key in seen:
            continue
        seen.add(key)
        relations.append({"id": len(relations) + 1, "from_id": key[0], "to_id": key[1], "type": rtype})
    meta = {k: v for k, v in compiled.meta.items() if k != "id"}
    return {"id": compiled.meta["id"], "text": compiled.text, "meta": meta,
            "entities": entities, "relations": relations}


def _first_difference(a: str, b: str) -> int:
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def check_against(text: str, original: str) -> str | None:
    if text == original:
        return None
    i = _first_difference(text, original)
    return (f"compiled text differs from the original at char {i}: "
            f"compiled {text[max(0, i - 20):i + 20]!r} vs original {original[max(0, i - 20):i + 20]!r}")


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m govie.corpus.markup", description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--against", help="original text file the compiled text must equal (one input file)")
    parser.add_argument("--show", action="store_true", help="print every span for review")
    parser.add_argument("--out", help="write compiled records (JSONL) here")
    args = parser.parse_args(argv)
    records, bad = [], 0
    for path in args.files:
        try:
            compiled = compile_markup(open(path, encoding="utf-8").read())
            if args.against:
                diff = check_against(compiled.text, open(args.against, encoding="utf-8").read())
                if diff:
                    raise MarkupError(diff)
            record = to_record(compiled)
        except MarkupError as err:
            print(f"{path}: ERROR {err}")
            bad += 1
            continue
        records.append(record)
        print(f"{path}: OK {len(record['entities'])} entities, {len(record['relations'])} relations, "
              f"{len(record['text'])} chars")
        if args.show:
            _show(record)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            for record in records:
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 1 if bad else 0


def _show(record: dict) -> None:
    text = record["text"]
    ents = {e["id"]: e for e in record["entities"]}
    for e in record["entities"]:
        span = text[e["start_offset"]:e["end_offset"]]
        if e["label"] == "TASK":
            span = span[:24] + ("…" if len(span) > 24 else "")
        print(f"  {e['id']:>4} {e['label']:<8} {span}  {json.dumps(e.get('norm'), ensure_ascii=False) if 'norm' in e else ''}")
    for r in record["relations"]:
        task, to = ents[r["from_id"]], ents[r["to_id"]]
        print(f"  {r['type']:<5} {text[task['start_offset']:task['start_offset'] + 12]}… -> "
              f"{text[to['start_offset']:to['end_offset']]}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
