"""Throughput, memory and start-up of govie against jieba, in one run on one machine.

Usage: python benchmarks/run.py [--mb 2] [--stream 10000] [--out benchmarks/RESULTS.md]

The corpus is the bundled examples and the annotated corpus texts, repeated
until it reaches ``--mb`` megabytes of characters. Every figure is measured
in this run, on the same texts, so the ratios against jieba hold whatever
the machine; the machine is described at the top of the report.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _status_mb(field: str) -> float:
    """A memory field of /proc/self/status (Linux), in MB."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def rss_mb() -> float:
    """Current resident set size of this process."""
    return _status_mb("VmRSS")


def peak_rss_mb() -> float:
    """Peak resident set size of this process (VmHWM, which exec resets, unlike ru_maxrss)."""
    return _status_mb("VmHWM")


def corpus_texts(target_chars: int) -> list[str]:
    from govie.corpus.records import read_records

    base = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    for split in ("train", "dev"):
        base += [r["text"] for r in read_records(ROOT / "data" / f"{split}.jsonl")]
    texts, total = [], 0
    while total < target_chars:
        for t in base:
            texts.append(t)
            total += len(t)
            if total >= target_chars:
                break
    return texts


def timed(fn, texts) -> float:
    start = time.perf_counter()
    for t in texts:
        fn(t)
    return time.perf_counter() - start


def cold_start() -> float:
    code = ("import time; t = time.perf_counter(); import govie; ex = govie.load(); "
            f"ex.extract(open({str(ROOT / 'examples' / '004_304b8f80a1f0d01d.txt')!r}, encoding='utf-8').read()); "
            "print(time.perf_counter() - t)")
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                 cwd="/").stdout.strip()) for _ in range(3)]
    return min(runs)


def govie_peak_rss() -> float:
    """Peak RSS of a fresh process that only loads govie and extracts the corpus documents."""
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent through fork and exec.
    code = ("import govie; from govie.corpus.records import read_records; ex = govie.load(); "
            f"[ex.extract(r['text']) for s in ('train', 'dev') for r in read_records({str(ROOT / 'data')!r} + f'/{{s}}.jsonl')]; "
            "print(next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')) / 1024)")
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                cwd="/").stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=2.0, help="corpus size in millions of characters (default 2)")
    parser.add_argument("--stream", type=int, default=10000, help="documents in the memory stream (default 10000)")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS.md"))
    args = parser.parse_args()

    import jieba
    import jieba.posseg

    import govie

    jieba.setLogLevel(60)
    texts = corpus_texts(int(args.mb * 1_000_000))
    chars = sum(map(len, texts))
    extractor = govie.load()
    extractor.extract(texts[0])
    jieba.lcut("预热")
    list(jieba.posseg.cut("预热"))

    t_govie = timed(extractor.extract, texts)
    t_lcut = timed(jieba.lcut, texts)
    t_posseg = timed(lambda t: list(jieba.posseg.cut(t)), texts)

    t1 = time.perf_counter()
    n1 = sum(1 for _ in govie.extract_many(texts, n_process=1))
    t1 = time.perf_counter() - t1
    t2 = time.perf_counter()
    n2 = sum(1 for _ in govie.extract_many(texts, n_process=2, batch_size=8))
    t2 = time.perf_counter() - t2
    assert n1 == n2 == len(texts)

    # Memory on a long stream: RSS sampled every tenth of the way.
    samples = []
    stream = (texts[k % len(texts)] for k in range(args.stream))
    for k, _ in enumerate(extractor.extract_many(stream), 1):
        if k % max(1, args.stream // 10) == 0:
            samples.append((k, rss_mb()))

    profile = cProfile.Profile()
    profile.enable()
    for t in texts[:200]:
        extractor.extract(t)
    profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(18)
    cold = cold_start()
    alone = govie_peak_rss()

    rate = chars / t_govie
    lines = [
        "# Benchmark results",
        "",
        f"Measured by `python benchmarks/run.py` on {time.strftime('%Y-%m-%d')}: {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}.",
        f"Corpus: {len(texts):,} documents, {chars:,} characters (examples and data/ texts, repeated).",
        "",
        "| measure | value | goal |",
        "|---|---|---|",
        f"| govie.extract | {rate:,.0f} chars/s | |",
        f"| jieba.lcut | {chars / t_lcut:,.0f} chars/s | |",
        f"| jieba.posseg.cut | {chars / t_posseg:,.0f} chars/s | |",
        f"| govie / jieba.lcut | {t_lcut / t_govie:.2f}× | ≥ 0.5× |",
        f"| govie / jieba.posseg | {t_posseg / t_govie:.2f}× | ≥ 2× |",
        f"| extract_many n_process=2 / n_process=1 | {t1 / t2:.2f}× | ≥ 1.7× |",
        f"| cold start (import, load, first document; best of 3) | {cold:.2f} s | < 2 s |",
        f"| peak RSS, govie alone (fresh process: load, extract the corpus documents) | {alone:.0f} MB | < 400 MB |",
        f"| peak RSS of this benchmark process (govie, jieba's POS tagger, the corpus) | {peak_rss_mb():.0f} MB | |",
        "",
        f"RSS along a stream of {args.stream:,} documents (MB): "
        + ", ".join(f"{k:,}: {mb:.0f}" for k, mb in samples),
        "",
        "Where the time goes (cProfile, 200 documents, cumulative):",
        "",
        "```",
        "\n".join(out.getvalue().splitlines()[:40]),
        "```",
    ]
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:16]))


if __name__ == "__main__":
    main()
