"""Scoring: perfect and empty predictions, overlap matching, the command with baselines."""
import json
from pathlib import Path

from govie.corpus.records import read_records, write_records
from govie.evaluate import evaluate_path, jieba_posseg_record, jionlp_record, score_records

ROOT = Path(__file__).resolve().parent.parent


def _gold():
    return [r for r in read_records(ROOT / "data" / "train.jsonl") if r["id"].startswith("seed000")]


def test_gold_against_itself_is_perfect():
    gold = _gold()
    s = score_records(gold, gold)
    for lab in ("AGENCY", "TOWN", "METRIC"):
        assert s["exact"][lab]["f1"] == 1.0
    assert s["TASK"]["f1"] == 1.0 and s["relations"]["LEAD"]["f1"] == 1.0


def test_empty_prediction_scores_zero_recall():
    gold = _gold()
    empty = [dict(r, entities=[], relations=[]) for r in gold]
    s = score_records(gold, empty)
    assert s["exact"]["AGENCY"]["recall"] == 0.0 and s["exact"]["AGENCY"]["fn"] > 0


def test_overlap_counts_a_shifted_span_that_exact_does_not():
    rec = {"text": "区民政局负责", "meta": {}, "entities": [{"id": 1, "label": "AGENCY", "start_offset": 0,
                                                             "end_offset": 4}], "relations": []}
    pred = dict(rec, entities=[{"id": 1, "label": "AGENCY", "start_offset": 1, "end_offset": 4}])
    s = score_records([rec], [pred])
    assert s["exact"]["AGENCY"]["f1"] == 0.0 and s["overlap"]["AGENCY"]["f1"] == 1.0


def test_baselines_produce_records():
    rec = {"id": "x", "text": "2020年10月底前,区民政局新增投资3.5亿元。", "meta": {"year": 2020}}
    assert any(e["label"] == "DEADLINE" for e in jionlp_record(rec)["entities"])
    assert jieba_posseg_record(rec)["entities"]


def test_evaluate_command_json(tmp_path, capsys):
    from govie.cli import main

    path = tmp_path / "gold.jsonl"
    write_records(_gold(), path)
    assert main(["evaluate", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"govie", "jieba.posseg", "jionlp"}
    assert out["govie"]["exact"]["AGENCY"]["f1"] > out["jieba.posseg"]["exact"]["AGENCY"]["f1"]
