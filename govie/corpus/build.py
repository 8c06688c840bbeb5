"""Compile the markup corpus into the record files that training and evaluation read.

``data/markup/**.txt`` is what annotators edit; ``data/train.jsonl`` and
``data/dev.jsonl`` are derived from it and committed, so users who never see
the markup get plain records. A test keeps the two in step.
"""
from __future__ import annotations

from pathlib import Path

from .markup import MarkupError, compile_markup, to_record
from .records import check_record

SPLITS = ("train", "dev")


def load_split(path) -> set:
    """The provinces whose documents form the dev split (``data/split.json``)."""
    import json

    path = Path(path)
    if not path.is_file():
        return set()
    return set(json.loads(path.read_text(encoding="utf-8")).get("dev_provinces", []))


def compile_dir(markup_dir, dev_provinces=()) -> tuple[dict, list[str]]:
    """Compile every markup file; return ({split: [records]}, [errors]).

    A document goes to dev when its header says ``split: dev`` or its
    province is one of ``dev_provinces``; to train otherwise.
    """
    dev_provinces = set(dev_provinces)
    out: dict = {s: [] for s in SPLITS}
    errors: list[str] = []
    seen: dict = {}
    for path in sorted(Path(markup_dir).rglob("*.txt")):
        try:
            record = to_record(compile_markup(path.read_text(encoding="utf-8")))
        except MarkupError as err:
            errors.append(f"{path}: {err}")
            continue
        problems = check_record(record)
        if problems:
            errors.extend(f"{path}: {p}" for p in problems)
            continue
        if record["id"] in seen:
            errors.append(f"{path}: id {record['id']} also used by {seen[record['id']]}")
            continue
        seen[record["id"]] = path
        split = record["meta"].pop("split", None) or (
            "dev" if record["meta"].get("province") in dev_provinces else "train")
        if split not in SPLITS:
            errors.append(f"{path}: split must be one of {SPLITS}, not {split!r}")
            continue
        out[split].append(record)
    return out, errors
