"""Reading and writing records (doccano JSONL, ANNOTATION.md) and checking them.

The checks are the contract's: labels, offsets, non-overlap of non-TASK
spans, required norms, relation types. They agree with the project's
reference validator so that ``govie data validate`` and CI say the same thing.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

LABELS = ("AGENCY", "TOWN", "METRIC", "DEADLINE", "TASK")
RELATION_TARGETS = {"LEAD": ("AGENCY", "TOWN"), "OWNER": ("AGENCY", "TOWN"), "DUE": ("DEADLINE",)}
GRANULARITIES = ("year", "half", "quarter", "month", "day")


def read_records(path) -> Iterator[dict]:
    """Yield the records of a ``.jsonl`` file (one per line) or a ``.json`` file (one object)."""
    path = Path(path)
    raw = path.read_text(encoding="utf-8").strip()
    if path.suffix == ".jsonl":
        for n, line in enumerate(raw.splitlines(), 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as err:
                    raise ValueError(f"{path}:{n}: not JSON ({err.msg})") from None
    elif raw:
        yield json.loads(raw)


def write_records(records, path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def check_record(rec: dict) -> list[str]:
    """Return the ways ``rec`` breaks the record format (empty when valid).

    >>> check_record({"text": "区民政局", "meta": {"source": "x", "year": 2020},
    ...               "entities": [{"id": 1, "label": "AGENCY", "start_offset": 0, "end_offset": 4}]})
    []
    """
    errs: list[str] = []
    text = rec.get("text")
    if not isinstance(text, str) or not text:
        return ["no text"]
    meta = rec.get("meta") or {}
    if not isinstance(meta.get("year"), int) or isinstance(meta.get("year"), bool):
        errs.append("meta.year missing")
    if not meta.get("source"):
        errs.append("meta.source missing")
    ents: dict = {}
    spans = []
    for e in rec.get("entities", []):
        eid, lab, s, t = e.get("id"), e.get("label"), e.get("start_offset"), e.get("end_offset")
        if eid in ents:
            errs.append(f"duplicate entity id {eid}")
        ents[eid] = e
        if lab not in LABELS:
            errs.append(f"entity {eid}: bad label {lab}")
        if not (isinstance(s, int) and isinstance(t, int) and 0 <= s < t <= len(text)):
            errs.append(f"entity {eid}: bad offsets {s},{t}")
            continue
        span = text[s:t]
        if span != span.strip():
            errs.append(f"entity {eid}: surrounding whitespace {span!r}")
        if lab != "TASK":
            spans.append((s, t, eid))
        norm = e.get("norm") or {}
        if lab == "METRIC" and (not isinstance(norm.get("value"), (int, float)) or isinstance(norm.get("value"), bool)):
            errs.append(f"entity {eid} METRIC {span!r}: norm.value missing")
        if lab == "DEADLINE" and (not norm.get("date") or norm.get("granularity") not in GRANULARITIES):
            errs.append(f"entity {eid} DEADLINE {span!r}: norm.date/granularity missing")
    spans.sort()
    for (s1, t1, a), (s2, t2, b) in zip(spans, spans[1:]):
        if s2 < t1:
            errs.append(f"entities {a} and {b} overlap: {text[s1:t1]!r} / {text[s2:t2]!r}")
    rids = set()
    for r in rec.get("relations", []):
        rid, f, t, ty = r.get("id"), r.get("from_id"), r.get("to_id"), r.get("type")
        if rid in rids:
            errs.append(f"duplicate relation id {rid}")
        rids.add(rid)
        if f not in ents or t not in ents:
            errs.append(f"relation {rid}: unknown entity {f} or {t}")
            continue
        if ents[f].get("label") != "TASK":
            errs.append(f"relation {rid}: from must be TASK")
        if ty not in RELATION_TARGETS or ents[t].get("label") not in RELATION_TARGETS[ty]:
            errs.append(f"relation {rid}: {ty} to {ents[t].get('label')} not allowed")
    return errs
