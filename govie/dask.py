"""govie over a Dask bag of documents: the same extraction on a cluster, one model per worker.

Install with ``pip install "govie[dask]"``. Each worker process loads its
model once, on its first partition, and keeps it; partitions then stream
through it. Results are records (``Document.to_dict()``), which cross process
and machine boundaries safely, in the order of the bag.

>>> import dask.bag as db
>>> bag = db.from_sequence(["一、主要任务\\n1.新建学校。(区教育局牵头)"], npartitions=1)
>>> [r["relations"][0]["type"] for r in extract_bag(bag).compute(scheduler="sync")]
['LEAD']
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4)
def _worker_extractor(model: str | None):
    """The extractor of this worker process for ``model``, loaded once."""
    from .api import load

    return load(model)


def _extract_partition(texts, model: str | None, year: int | None) -> list:
    extractor = _worker_extractor(model)
    return [extractor.extract_safe(text, year=year).to_dict() for text in texts]


def extract_bag(bag, *, model=None, year: int | None = None):
    """Map govie over a ``dask.bag.Bag`` of texts; returns a bag of records in the same order.

    Parameters
    ----------
    bag : dask.bag.Bag
        Document texts (for a dask.dataframe column: ``ddf["text"].to_bag()``).
    model : str or path, default None
        A model directory from ``govie train``; the bundled model when None.
    year : int, default None
        The plan year for every document; inferred per document when None.
    """
    return bag.map_partitions(_extract_partition, str(model) if model is not None else None, year)
