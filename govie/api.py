"""The functions most users call: ``extract``, ``extract_many``, ``load``.

govie keeps one lazily loaded default extractor and nothing else global.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from .document import Document
from .extractor import Extractor
from .model_dir import open_model_dir

_default: Extractor | None = None


def default_model_path() -> Path | None:
    """The model shipped inside the package, if this install has one."""
    try:
        from importlib.resources import files

        p = Path(str(files("govie.models") / "default"))
    except (ModuleNotFoundError, TypeError):
        return None
    return p if (p / "meta.json").is_file() else None


def load(path=None) -> Extractor:
    """Load an extractor: the bundled model by default, or a model directory from ``govie train``.

    >>> ex = load()
    >>> isinstance(ex, Extractor)
    True
    """
    if path is None:
        shipped = default_model_path()
        return Extractor(model=open_model_dir(shipped) if shipped else None)
    return Extractor(model=open_model_dir(path))


def _get_default() -> Extractor:
    global _default
    if _default is None:
        _default = load()
    return _default


def extract(text: str, *, year: int | None = None) -> Document:
    """Extract tasks, owners, targets and deadlines from one document.

    ``year`` is the year the plan is for (relative expressions such as 年内
    resolve against it); by default it is inferred from the document.

    >>> doc = extract("1.新增养老床位200张。(区民政局牵头,各镇配合)", year=2018)
    >>> [e.text for e in doc.tasks[0].owners]
    ['各镇']
    """
    return _get_default().extract(text, year=year)


def extract_many(texts: Iterable[str], *, year: int | None = None, n_process: int = 1,
                 batch_size: int = 16) -> Iterator[Document]:
    """Extract a stream of documents, in input order; see ``Extractor.extract_many``.

    >>> docs = extract_many(["一、主要任务\\n1.完成老旧小区改造。(区建委牵头)", ""])
    >>> [len(d.tasks) for d in docs]
    [1, 0]
    """
    return _get_default().extract_many(texts, year=year, n_process=n_process, batch_size=batch_size)
