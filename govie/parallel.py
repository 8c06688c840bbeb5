"""Several processes for ``extract_many(n_process=N)``: results still come in input order.

Each worker loads the model once (pool initializer) and receives texts in
chunks, so the cost of a process is paid once per worker, not per document.
"""
from __future__ import annotations

import multiprocessing as mp
from typing import Iterable, Iterator

_worker = None


def _init(model_path, max_chars):
    global _worker
    from .api import load

    _worker = load(model_path) if model_path is not None else load()
    _worker.max_chars = max_chars


def _run(args):
    text, year = args
    return _worker.extract_safe(text, year=year)


def extract_parallel(extractor, texts: Iterable[str], *, year, n_process: int, batch_size: int) -> Iterator:
    model_path = str(extractor.model.path) if extractor.model is not None else None
    ctx = mp.get_context("spawn")
    with ctx.Pool(n_process, initializer=_init, initargs=(model_path, extractor.max_chars)) as pool:
        # imap keeps order and streams: at most a few chunks are in flight.
        yield from pool.imap(_run, ((t, year) for t in texts), chunksize=max(1, batch_size))

