"""The annotated corpus: valid, compiled from its markup, and the markup tool itself."""
import json
from pathlib import Path

import pytest

from govie.cli import main
from govie.corpus.build import compile_dir, load_split
from govie.corpus.markup import MarkupError, compile_markup, to_record
from govie.corpus.records import check_record, read_records

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def test_committed_records_are_valid():
    for split in ("train", "dev"):
        for rec in read_records(DATA / f"{split}.jsonl"):
            assert check_record(rec) == [], rec["id"]
            assert rec["meta"].get("source") and isinstance(rec["meta"].get("year"), int)


def test_committed_records_are_the_compiled_markup():
    by_split, errors = compile_dir(DATA / "markup", load_split(DATA / "split.json"))
    assert errors == []
    for split, records in by_split.items():
        committed = list(read_records(DATA / f"{split}.jsonl"))
        assert committed == records, f"data/{split}.jsonl is stale: run `govie data build`"


def test_seed_markup_keeps_the_seed_text_exactly():
    for markup in sorted((DATA / "markup" / "seeds").glob("*.txt")):
        rec = to_record(compile_markup(markup.read_text(encoding="utf-8")))
        assert rec["text"] == (ROOT / "examples" / markup.name).read_text(encoding="utf-8")


def test_data_validate_command_passes_on_data_and_fails_on_a_broken_record(tmp_path, capsys):
    assert main(["data", "validate", str(DATA / "train.jsonl")]) == 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "x", "text": "区民政局", "meta": {"source": "s", "year": 2020},
                               "entities": [{"id": 1, "label": "METRIC", "start_offset": 0, "end_offset": 9}],
                               "relations": []}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["data", "validate", str(bad)]) == 1
    assert "bad offsets" in capsys.readouterr().out


MARKUP = """id: t
source: test
year: 2018
---
15.{{T1:新增养老床位[[200张|METRIC|200 张]],[[年内|DEADLINE#d1|2018-12-31 year]]完成[[2-3个|METRIC|2..3 个]]}}
[[区民政局|AGENCY#a1]]☆
===
T1 LEAD a1
T1 DUE d1
"""


def test_markup_compiles_to_offsets_and_norms():
    rec = to_record(compile_markup(MARKUP))
    text = rec["text"]
    assert text == "15.新增养老床位200张,年内完成2-3个\n区民政局☆"
    got = [(e["label"], text[e["start_offset"]:e["end_offset"]], e.get("norm")) for e in rec["entities"]]
    assert got == [("TASK", "新增养老床位200张,年内完成2-3个", None),
                   ("METRIC", "200张", {"value": 200, "unit": "张", "comparator": None}),
                   ("DEADLINE", "年内", {"date": "2018-12-31", "granularity": "year"}),
                   ("METRIC", "2-3个", {"value": 2, "value_max": 3, "unit": "个", "comparator": None}),
                   ("AGENCY", "区民政局", None)]
    assert [(r["from_id"], r["to_id"], r["type"]) for r in rec["relations"]] == [(1, 5, "LEAD"), (1, 3, "DUE")]


@pytest.mark.parametrize("bad, message", [
    (MARKUP.replace("|METRIC|200 张]]", "|METRIC]]"), "METRIC without norm"),
    (MARKUP.replace("T1 LEAD a1", "T1 LEAD a9"), "unknown ref a9"),
    (MARKUP.replace("2018-12-31 year", "2018-12-31 season"), "granularity"),
    (MARKUP.replace("{{T1:", "{{T1:{{T2:"), "task inside task"),
])
def test_markup_errors_name_the_problem(bad, message):
    with pytest.raises(MarkupError, match=message):
        to_record(compile_markup(bad))


def test_data_readme_lists_every_document_and_the_split_is_by_place():
    import json

    readme = (DATA / "README.md").read_text(encoding="utf-8")
    train = list(read_records(DATA / "train.jsonl"))
    dev = list(read_records(DATA / "dev.jsonl"))
    for rec in train + dev:
        assert f"| {rec['id']} |" in readme, rec["id"]
    dev_provinces = set(json.loads((DATA / "split.json").read_text(encoding="utf-8"))["dev_provinces"])
    assert {r["meta"]["province"] for r in dev} <= dev_provinces
    assert not {r["meta"].get("province") for r in train} & dev_provinces
    assert len(dev) >= 0.25 * (len(train) + len(dev))
