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
