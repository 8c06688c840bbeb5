"""Model directories: what a trained govie model is on disk, and the checks on loading it.

A model is a directory with ``meta.json`` (format version, components) and
one subdirectory per component in formats that cannot run code when read
(JSON, npz, spaCy's msgpack). Loading refuses anything pickle-like, because
users load models that other people trained.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ModelError

FORMAT_VERSION = 1
_PICKLE_SUFFIXES = (".pkl", ".pickle", ".joblib", ".pt", ".pth", ".sav", ".dill")
_PICKLE_MAGIC = (b"\x80\x02", b"\x80\x03", b"\x80\x04", b"\x80\x05")


@dataclass
class ModelDir:
    """A checked model directory: ``path`` and its parsed ``meta``."""

    path: Path
    meta: dict = field(default_factory=dict)

    def component(self, name: str) -> Path | None:
        p = self.path / name
        return p if name in self.meta.get("components", []) and p.exists() else None


def open_model_dir(path) -> ModelDir:
    """Check ``path`` is a loadable govie model and return it; raise ModelError otherwise."""
    path = Path(path)
    meta_path = path / "meta.json"
    if not path.is_dir() or not meta_path.is_file():
        raise ModelError("E006", path=path)
    for f in path.rglob("*"):
        if f.is_file() and (f.suffix.lower() in _PICKLE_SUFFIXES or _starts_like_pickle(f)):
            raise ModelError("E008", path=path, name=f.relative_to(path))
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ModelError("E009", path=path, reason=f"meta.json unreadable ({err})") from None
    if not isinstance(meta, dict):
        raise ModelError("E009", path=path, reason="meta.json is not an object")
    found = meta.get("govie_model_format")
    if found != FORMAT_VERSION:
        raise ModelError("E007", path=path, found=found, expected=FORMAT_VERSION)
    for name in meta.get("components", []):
        if not (path / name).exists():
            raise ModelError("E009", path=path, reason=f"component {name!r} listed in meta.json is missing")
    return ModelDir(path, meta)


def _starts_like_pickle(f: Path) -> bool:
    try:
        with open(f, "rb") as fh:
            head = fh.read(2)
    except OSError:
        return False
    return head in _PICKLE_MAGIC
