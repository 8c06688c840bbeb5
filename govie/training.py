"""Training: annotated records in, a model directory out.

``govie train`` and ``govie.training.train`` are the same function. Training
is deterministic for a given seed and corpus, takes minutes on two cores, and
writes only JSON and npz, so the result can be shared and loaded safely.
"""
from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from . import __version__
from .corpus.records import read_records
from .model_dir import FORMAT_VERSION


def train(train_path, dev_path=None, out=None, *, seed: int = 0, segmenter: str = "jieba",
          C: float | None = None, progress: bool = True) -> dict:
    """Train the tagger and write a model directory to ``out``.

    Returns the model's ``meta`` dict, including dev scores when ``dev_path`` is given.
    """
    from .entities.segment import Segmenter
    from .entities.tagger import EntityTagger

    records = list(read_records(train_path))
    if not records:
        raise ValueError(f"{train_path}: no records to train on")
    out = Path(out)
    tmp = out.with_name(out.name + ".partial")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    started = time.time()
    tagger = EntityTagger() if C is None else EntityTagger(C=C)
    tagger.segmenter = Segmenter(backend=segmenter)
    with _progress(progress) as bar:
        task = bar.add_task("tagger", total=len(records)) if bar else None
        tagger.fit(records, seed=seed, progress=(lambda k, n: bar.update(task, completed=k)) if bar else None)
        if segmenter != "jieba":
            tagger.segmenter = Segmenter(backend=segmenter, user_words=tagger.segmenter.user_words)
    tagger.to_disk(tmp / "tagger")
    components = ["tagger"]
    meta = {
        "govie_model_format": FORMAT_VERSION,
        "govie_version": __version__,
        "components": components,
        "seed": seed,
        "segmenter": segmenter,
        "trained_on": {"path": str(train_path), "documents": len(records),
                       "characters": sum(len(r["text"]) for r in records)},
        "train_seconds": round(time.time() - started, 1),
    }
    (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    if dev_path:
        from .evaluate import evaluate_path

        meta["dev"] = evaluate_path(dev_path, model=tmp, baselines=False)["govie"]
        (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)
    return meta


class _NoBar:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def _progress(show: bool):
    if not show:
        return _NoBar()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    transient=False)
