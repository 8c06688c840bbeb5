"""Evaluation against annotated records, with the baselines govie must beat.

Scores per label on exact spans and on overlapping spans; norm accuracy on
exactly matched METRIC (value and unit) and DEADLINE (date) spans; TASK
matched by overlap (IoU >= 0.5); relations as (task, target span, type)
triples with the task matched by overlap. Inferred relations are ignored:
the guideline links owners only where the text states them.

Baselines run on the same records in the same call: jieba's part-of-speech
tags (nt → AGENCY, ns → TOWN, m+q → METRIC, t → DEADLINE) and jionlp's time
and money extractors (→ DEADLINE, METRIC).
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from .relations.linker import iou

LABELS = ("AGENCY", "TOWN", "METRIC", "DEADLINE")
RELATIONS = ("LEAD", "OWNER", "DUE")


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def _match_overlap(gold: list, pred: list, min_iou: float = 0.0) -> int:
    """Greedy one-to-one matching of spans that overlap (IoU above ``min_iou``)."""
    used, tp = set(), 0
    for g in gold:
        best, best_iou = None, min_iou
        for k, p in enumerate(pred):
            if k in used:
                continue
            overlap = iou(g, p)
            if overlap > best_iou or (min_iou == 0.0 and overlap > 0 and best is None):
                best, best_iou = k, overlap
        if best is not None:
            used.add(best)
            tp += 1
    return tp


def score_records(gold_records: list, pred_records: list) -> dict:
    """Compare predicted records with gold records (same order, same texts)."""
    exact = {lab: Counter() for lab in LABELS}
    overlap = {lab: Counter() for lab in LABELS}
    norms = {"METRIC": Counter(), "DEADLINE": Counter()}
    task_c = Counter()
    rel_c = {r: Counter() for r in RELATIONS}
    for gold, pred in zip(gold_records, pred_records):
        gents = {e["id"]: e for e in gold.get("entities", [])}
        pents = {e["id"]: e for e in pred.get("entities", [])}
        for lab in LABELS:
            g = {(e["start_offset"], e["end_offset"]): e for e in gents.values() if e["label"] == lab}
            p = {(e["start_offset"], e["end_offset"]): e for e in pents.values() if e["label"] == lab}
            tp = len(set(g) & set(p))
            exact[lab].update(tp=tp, fp=len(p) - tp, fn=len(g) - tp)
            otp = _match_overlap(sorted(g), sorted(p))
            overlap[lab].update(tp=otp, fp=len(p) - otp, fn=len(g) - otp)
            if lab in norms:
                for span in set(g) & set(p):
                    gn, pn = g[span].get("norm") or {}, p[span].get("norm") or {}
                    if lab == "METRIC":
                        ok = gn.get("value") == pn.get("value") and gn.get("unit") == pn.get("unit")
                    else:
                        ok = gn.get("date") == pn.get("date")
                    norms[lab].update(total=1, correct=int(ok))
        gt = [(e["start_offset"], e["end_offset"]) for e in gents.values() if e["label"] == "TASK"]
        pt = [(e["start_offset"], e["end_offset"]) for e in pents.values() if e["label"] == "TASK"]
        ttp = _match_overlap(gt, pt, min_iou=0.5 - 1e-9)
        task_c.update(tp=ttp, fp=len(pt) - ttp, fn=len(gt) - ttp)
        # relations: map each predicted task to the gold task it matches (IoU >= 0.5)
        task_map = {}
        for p_span in pt:
            best = max(gt, key=lambda g_span: iou(g_span, p_span), default=None)
            if best is not None and iou(best, p_span) >= 0.5:
                task_map[p_span] = best
        for rtype in RELATIONS:
            gr = {((gents[r["from_id"]]["start_offset"], gents[r["from_id"]]["end_offset"]),
                   (gents[r["to_id"]]["start_offset"], gents[r["to_id"]]["end_offset"]))
                  for r in gold.get("relations", []) if r["type"] == rtype and not r.get("inferred")}
            pr = set()
            for r in pred.get("relations", []):
                if r["type"] != rtype or r.get("inferred"):
                    continue
                ts = (pents[r["from_id"]]["start_offset"], pents[r["from_id"]]["end_offset"])
                target = (pents[r["to_id"]]["start_offset"], pents[r["to_id"]]["end_offset"])
                pr.add((task_map.get(ts, ts), target))
            tp = len(gr & pr)
            rel_c[rtype].update(tp=tp, fp=len(pr) - tp, fn=len(gr) - tp)
    out = {
        "exact": {lab: prf(c["tp"], c["fp"], c["fn"]) for lab, c in exact.items()},
        "overlap": {lab: prf(c["tp"], c["fp"], c["fn"]) for lab, c in overlap.items()},
        "norm_accuracy": {lab: round(c["correct"] / c["total"], 4) if c["total"] else None
                          for lab, c in norms.items()},
        "norm_counts": {lab: dict(c) for lab, c in norms.items()},
        "TASK": prf(task_c["tp"], task_c["fp"], task_c["fn"]),
        "relations": {r: prf(c["tp"], c["fp"], c["fn"]) for r, c in rel_c.items()},
        "documents": len(gold_records),
    }
    return out


# ---------------------------------------------------------------- baselines

def jieba_posseg_record(record: dict) -> dict:
    """Baseline: jieba part-of-speech tags as entity labels."""
    import jieba.posseg

    text = record["text"]
    ents, pos = [], 0
    pairs = [(w.word, w.flag) for w in jieba.posseg.cut(text)]
    k = 0
    while k < len(pairs):
        word, flag = pairs[k]
        start, end = pos, pos + len(word)
        label = {"nt": "AGENCY", "ns": "TOWN", "t": "DEADLINE"}.get(flag)
        if flag == "m" and k + 1 < len(pairs) and pairs[k + 1][1] == "q":
            end += len(pairs[k + 1][0])
            pos = end
            k += 2
            ents.append(("METRIC", start, end))
            continue
        if label and word.strip():
            ents.append((label, start, end))
        pos = end
        k += 1
    return _as_record(record, ents)


def jionlp_record(record: dict) -> dict:
    """Baseline: jionlp's time extractor (DEADLINE) and money extractor (METRIC)."""
    import contextlib
    import io
    import time

    with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import
        import jionlp as jio

    text = record["text"]
    ents = []
    try:
        for t in jio.ner.extract_time(text, time_base=time.time(), with_parsing=False):
            ents.append(("DEADLINE", t["offset"][0], t["offset"][1]))
    except Exception:  # jionlp raises on some inputs; the baseline then finds nothing there
        pass
    try:
        for m in jio.ner.extract_money(text, with_parsing=False):
            ents.append(("METRIC", m["offset"][0], m["offset"][1]))
    except Exception:
        pass
    return _as_record(record, ents)


def _as_record(record: dict, ents) -> dict:
    return {"id": record.get("id"), "text": record["text"], "meta": record.get("meta", {}),
            "entities": [{"id": i, "label": lab, "start_offset": s, "end_offset": e}
                         for i, (lab, s, e) in enumerate(sorted(set(ents), key=lambda x: (x[1], x[2])), 1)],
            "relations": []}


def evaluate_path(path, *, model=None, baselines: bool = True) -> dict:
    """Evaluate a model (directory, or the bundled one) on a record file; optionally the baselines too."""
    from .api import load
    from .corpus.records import read_records

    gold = list(read_records(path))
    extractor = load(model)
    preds = []
    for rec in gold:
        doc = extractor.extract_safe(rec["text"], year=(rec.get("meta") or {}).get("year"))
        preds.append(doc.to_dict())
    results = {"govie": score_records(gold, preds), "file": str(Path(path))}
    if baselines:
        results["jieba.posseg"] = score_records(gold, [jieba_posseg_record(r) for r in gold])
        try:
            results["jionlp"] = score_records(gold, [jionlp_record(r) for r in gold])
        except ImportError:
            results["jionlp"] = None
    return results


def format_results(results: dict) -> str:
    systems = [s for s in ("govie", "jieba.posseg", "jionlp") if results.get(s)]
    lines = [f"Evaluation on {results.get('file')} ({results['govie']['documents']} documents)", "",
             "Exact-span F1 (precision / recall) per label:", "",
             "| label | " + " | ".join(systems) + " |", "|---|" + "---|" * len(systems)]
    for lab in LABELS:
        cells = []
        for s in systems:
            m = results[s]["exact"][lab]
            cells.append(f"{m['f1']:.3f} ({m['precision']:.2f}/{m['recall']:.2f})")
        lines.append(f"| {lab} | " + " | ".join(cells) + " |")
    lines += ["", "Overlap F1 per label:", "", "| label | " + " | ".join(systems) + " |",
              "|---|" + "---|" * len(systems)]
    for lab in LABELS:
        lines.append(f"| {lab} | " + " | ".join(f"{results[s]['overlap'][lab]['f1']:.3f}" for s in systems) + " |")
    g = results["govie"]
    na = g["norm_accuracy"]
    lines += ["", f"Norm accuracy on matched spans (govie): METRIC value+unit "
                  f"{_fmt(na['METRIC'])} of {g['norm_counts']['METRIC'].get('total', 0)}, "
                  f"DEADLINE date {_fmt(na['DEADLINE'])} of {g['norm_counts']['DEADLINE'].get('total', 0)}",
              f"TASK (IoU >= 0.5): F1 {g['TASK']['f1']:.3f} (P {g['TASK']['precision']:.3f}, "
              f"R {g['TASK']['recall']:.3f})"]
    for r in RELATIONS:
        m = g["relations"][r]
        lines.append(f"{r}: F1 {m['f1']:.3f} (P {m['precision']:.3f}, R {m['recall']:.3f}; "
                     f"tp {m['tp']} fp {m['fp']} fn {m['fn']})")
    return "\n".join(lines)


def _fmt(x) -> str:
    return "n/a" if x is None else f"{x:.3f}"
