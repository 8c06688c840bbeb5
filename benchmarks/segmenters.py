"""jieba or spacy-pkuseg under the tagger: dev-split entity F1 and extraction speed, in one run.

Usage: python benchmarks/segmenters.py [--out DIR]

Trains one model per segmenter on data/train.jsonl (pkuseg is first trained on
the corpus itself, from jieba's segmentation with every annotated boundary
enforced), evaluates both on data/dev.jsonl, and times `extract` on the same
texts. Writes a Markdown table to stdout.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import govie
from govie.corpus.records import read_records
from govie.evaluate import evaluate_path
from govie.training import train

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", help="keep the trained models here (default: a temporary directory)")
    args = parser.parse_args()
    out = Path(args.out or tempfile.mkdtemp(prefix="govie-seg-"))
    texts = [r["text"] for r in read_records(ROOT / "data" / "dev.jsonl")]
    chars = sum(map(len, texts))
    rows = []
    for segmenter in ("jieba", "pkuseg"):
        model = out / segmenter
        meta = train(ROOT / "data" / "train.jsonl", None, model, segmenter=segmenter, progress=False)
        scores = evaluate_path(ROOT / "data" / "dev.jsonl", model=model, baselines=False)["govie"]["exact"]
        ex = govie.load(model)
        ex.extract(texts[0])
        start = time.perf_counter()
        for t in texts:
            ex.extract(t)
        speed = chars / (time.perf_counter() - start)
        size = sum(f.stat().st_size for f in model.rglob("*") if f.is_file()) / 1e6
        rows.append((segmenter, scores, speed, meta["train_seconds"], size))
    print("| segmenter | AGENCY | TOWN | METRIC | DEADLINE | extract chars/s | train s | model MB |")
    print("|---|---|---|---|---|---|---|---|")
    for seg, sc, speed, secs, size in rows:
        f1 = " | ".join(f"{sc[lab]['f1']:.3f}" for lab in ("AGENCY", "TOWN", "METRIC", "DEADLINE"))
        print(f"| {seg} | {f1} | {speed:,.0f} | {secs} | {size:.1f} |")


if __name__ == "__main__":
    main()
