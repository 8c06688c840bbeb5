"""Counts that say what a corpus covers: labels, relations, styles, places, levels, splits."""
from __future__ import annotations

from collections import Counter


def corpus_stats(records_by_split: dict) -> dict:
    stats: dict = {"documents": Counter(), "characters": Counter(), "labels": {}, "relations": {},
                   "styles": Counter(), "provinces": Counter(), "levels": Counter()}
    for split, records in records_by_split.items():
        labels, relations = Counter(), Counter()
        for rec in records:
            stats["documents"][split] += 1
            stats["characters"][split] += len(rec["text"])
            labels.update(e["label"] for e in rec.get("entities", []))
            relations.update(r["type"] for r in rec.get("relations", []))
            meta = rec.get("meta", {})
            stats["styles"].update(meta.get("styles") or ["(none)"])
            stats["provinces"][meta.get("province") or "(unknown)"] += 1
            stats["levels"][meta.get("level") or "(unknown)"] += 1
        stats["labels"][split] = labels
        stats["relations"][split] = relations
    return stats


def format_stats(stats: dict) -> str:
    splits = list(stats["labels"])
    lines = ["| | " + " | ".join(splits) + " | all |", "|---|" + "---|" * (len(splits) + 1)]

    def row(name, getter):
        vals = [getter(s) for s in splits]
        lines.append(f"| {name} | " + " | ".join(str(v) for v in vals) + f" | {sum(vals)} |")

    row("documents", lambda s: stats["documents"][s])
    row("characters", lambda s: stats["characters"][s])
    for label in ("TASK", "AGENCY", "TOWN", "METRIC", "DEADLINE"):
        row(label, lambda s, lab=label: stats["labels"][s][lab])
    for rel in ("LEAD", "OWNER", "DUE"):
        row(rel, lambda s, r=rel: stats["relations"][s][r])
    lines.append("")
    for key in ("styles", "levels", "provinces"):
        lines.append(f"{key}: " + ", ".join(f"{k} {v}" for k, v in stats[key].most_common()))
    return "\n".join(lines)


def format_documents(records_by_split: dict) -> str:
    """The corpus's document table (id, split, place, level, styles, size, source)."""
    rows = []
    for split, records in records_by_split.items():
        for rec in records:
            m = rec.get("meta", {})
            rows.append((split != "train", m.get("province") or "", rec["id"], split, m.get("city") or "",
                         m.get("level") or "", ", ".join(m.get("styles") or []), len(rec["text"]), m.get("source", "")))
    rows.sort()
    lines = ["| id | split | province | place | level | styles | chars | source |", "|---|---|---|---|---|---|---|---|"]
    lines += [f"| {r[2]} | {r[3]} | {r[1]} | {r[4]} | {r[5]} | {r[6]} | {r[7]} | {r[8]} |" for r in rows]
    return "\n".join(lines)
