"""Converters between govie's records and the tools people annotate and train with.

- Label Studio JSON export → records (norms filled by govie's normalisers,
  because Label Studio has no place for them);
- records → spaCy ``DocBin`` (for ``spacy train``): entities in ``doc.ents``,
  TASK spans in the span group ``"task"`` since they overlap entities;
- records → an HTML page that shows every span and relation for review.
"""
from __future__ import annotations

import html
import json
from pathlib import Path

from .records import LABELS

COLOURS = {"AGENCY": "#cfe8ff", "TOWN": "#d7f5d0", "METRIC": "#ffe4b8", "DEADLINE": "#f8d0e4", "TASK": "#f3f3f3"}


def from_label_studio(export, *, default_year: int | None = None, source: str = "label-studio") -> list[dict]:
    """Records from a Label Studio JSON export (a list of tasks with ``annotations``).

    Span labels must be govie's labels; relations use Label Studio's relation
    results with a label LEAD, OWNER or DUE (the direction is task → unit).
    """
    from ..entities.numbers import metric_norm
    from ..entities.times import deadline_norm

    if isinstance(export, (str, Path)):
        export = json.loads(Path(export).read_text(encoding="utf-8"))
    records = []
    for task in export:
        data = task.get("data", {})
        text = data.get("text")
        if not isinstance(text, str):
            raise ValueError(f"Label Studio task {task.get('id')}: data.text missing")
        meta = dict(data.get("meta") or {})
        meta.setdefault("source", data.get("source") or source)
        year = meta.get("year") or data.get("year") or default_year
        if year is not None:
            meta["year"] = int(year)
        annotations = task.get("annotations") or task.get("completions") or []
        results = annotations[0].get("result", []) if annotations else []
        entities, ids = [], {}
        for r in results:
            if r.get("type") != "labels":
                continue
            v = r["value"]
            label = (v.get("labels") or [None])[0]
            if label not in LABELS:
                continue
            ent = {"id": len(entities) + 1, "label": label, "start_offset": int(v["start"]),
                   "end_offset": int(v["end"])}
            span = text[ent["start_offset"]:ent["end_offset"]]
            if label == "METRIC":
                ent["norm"] = metric_norm(span) or {"value": None, "unit": None, "comparator": None}
            elif label == "DEADLINE":
                ent["norm"] = deadline_norm(span, meta.get("year")) or {"date": None, "granularity": None}
            ids[r.get("id")] = ent["id"]
            entities.append(ent)
        relations = []
        for r in results:
            if r.get("type") != "relation":
                continue
            rtype = (r.get("labels") or [None])[0]
            if rtype and r.get("from_id") in ids and r.get("to_id") in ids:
                relations.append({"id": len(relations) + 1, "from_id": ids[r["from_id"]],
                                  "to_id": ids[r["to_id"]], "type": rtype})
        records.append({"id": str(task.get("id", len(records) + 1)), "text": text, "meta": meta,
                        "entities": entities, "relations": relations})
    return records


def to_docbin(records, path) -> int:
    """Write records as a spaCy DocBin (character tokens, so every span aligns). Returns the doc count."""
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("zh")  # the default Chinese tokenizer splits into characters
    db = DocBin(store_user_data=False)
    n = 0
    for rec in records:
        doc = nlp.make_doc(rec["text"])
        ents, tasks = [], []
        for e in rec.get("entities", []):
            span = doc.char_span(e["start_offset"], e["end_offset"], label=e["label"], alignment_mode="expand")
            if span is None:
                continue
            (tasks if e["label"] == "TASK" else ents).append(span)
        doc.set_ents(spacy.util.filter_spans(ents))
        doc.spans["task"] = tasks
        db.add(doc)
        n += 1
    db.to_disk(path)
    return n


def to_html(records) -> str:
    """A self-contained HTML page showing each record's spans and relations."""
    parts = ["<!doctype html><html lang='zh'><head><meta charset='utf-8'><title>govie records</title><style>",
             "body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif;margin:2em;"
             "line-height:1.9}.doc{white-space:pre-wrap;border:1px solid #ddd;padding:1em;margin-bottom:1em}"
             "mark{border-radius:3px;padding:0 2px}mark sup{font-size:60%;color:#555;margin-left:2px}"
             ".task{background:#f3f3f3;border-bottom:2px solid #999}table{border-collapse:collapse}"
             "td,th{border:1px solid #ccc;padding:2px 6px;font-size:90%}",
             "</style></head><body>"]
    for rec in records:
        text = rec["text"]
        ents = rec.get("entities", [])
        meta = rec.get("meta", {})
        parts.append(f"<h2>{html.escape(str(rec.get('id')))}</h2><p>{html.escape(str(meta.get('source', '')))}"
                     f" · year {html.escape(str(meta.get('year', '')))}</p>")
        parts.append(f"<div class='doc'>{_highlight(text, ents)}</div>")
        by_id = {e["id"]: e for e in ents}
        rels = rec.get("relations", [])
        if rels:
            parts.append("<table><tr><th>task</th><th>type</th><th>to</th></tr>")
            for r in rels:
                t, o = by_id.get(r["from_id"]), by_id.get(r["to_id"])
                if not t or not o:
                    continue
                task_text = text[t["start_offset"]:t["end_offset"]]
                parts.append(f"<tr><td>{html.escape(task_text[:40])}</td><td>{r['type']}</td>"
                             f"<td>{html.escape(text[o['start_offset']:o['end_offset']])}</td></tr>")
            parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def _highlight(text: str, ents: list) -> str:
    events = []
    for e in ents:
        events.append((e["start_offset"], 1, e))
        events.append((e["end_offset"], 0, e))
    events.sort(key=lambda x: (x[0], x[1], -(x[2]["end_offset"] - x[2]["start_offset"]) if x[1] else 0))
    out, pos = [], 0
    for offset, is_open, e in events:
        out.append(html.escape(text[pos:offset]))
        pos = offset
        if e["label"] == "TASK":
            out.append("<span class='task'>" if is_open else "</span>")
        elif is_open:
            out.append(f"<mark style='background:{COLOURS.get(e['label'], '#eee')}'>")
        else:
            norm = e.get("norm")
            tip = f"{e['label']} {json.dumps(norm, ensure_ascii=False)}" if norm else e["label"]
            out.append(f"<sup title='{html.escape(tip)}'>{e['label'][:3]}</sup></mark>")
    out.append(html.escape(text[pos:]))
    return "".join(out)
