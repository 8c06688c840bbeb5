"""Converters: Label Studio in, DocBin and HTML out."""
import json
from pathlib import Path

from govie.cli import main
from govie.corpus.convert import from_label_studio, to_docbin, to_html
from govie.corpus.records import check_record, read_records

ROOT = Path(__file__).resolve().parent.parent

LS_EXPORT = [{
    "id": 7,
    "data": {"text": "1.新增养老床位200张,年内完成。(区民政局牵头)", "meta": {"source": "https://example.gov.cn/a", "year": 2018}},
    "annotations": [{"result": [
        {"id": "t", "type": "labels", "value": {"start": 2, "end": 17, "labels": ["TASK"]}},
        {"id": "m", "type": "labels", "value": {"start": 8, "end": 12, "labels": ["METRIC"]}},
        {"id": "d", "type": "labels", "value": {"start": 13, "end": 15, "labels": ["DEADLINE"]}},
        {"id": "a", "type": "labels", "value": {"start": 19, "end": 23, "labels": ["AGENCY"]}},
        {"type": "relation", "from_id": "t", "to_id": "a", "labels": ["LEAD"]},
        {"type": "relation", "from_id": "t", "to_id": "d", "labels": ["DUE"]},
    ]}],
}]


def test_label_studio_export_becomes_valid_records_with_norms():
    rec = from_label_studio(LS_EXPORT)[0]
    assert check_record(rec) == []
    norms = {e["label"]: e.get("norm") for e in rec["entities"]}
    assert norms["METRIC"]["value"] == 200 and norms["DEADLINE"]["date"] == "2018-12-31"
    assert sorted(r["type"] for r in rec["relations"]) == ["DUE", "LEAD"]


def test_docbin_keeps_entities_and_tasks(tmp_path):
    from spacy.tokens import DocBin
    import spacy

    recs = [r for r in read_records(ROOT / "data" / "train.jsonl") if r["id"].startswith("seed00")][:2]
    assert to_docbin(recs, tmp_path / "x.spacy") == 2
    docs = list(DocBin().from_disk(tmp_path / "x.spacy").get_docs(spacy.blank("zh").vocab))
    n_task = sum(1 for e in recs[0]["entities"] if e["label"] == "TASK")
    assert len(docs[0].spans["task"]) == n_task
    assert any(ent.label_ == "AGENCY" and ent.text == "区规划土地局" for ent in docs[0].ents)


def test_html_view_and_the_convert_command(tmp_path):
    page = to_html(from_label_studio(LS_EXPORT))
    assert "<mark" in page and "区民政局" in page and "LEAD" in page
    src = tmp_path / "ls.json"
    src.write_text(json.dumps(LS_EXPORT, ensure_ascii=False), encoding="utf-8")
    assert main(["data", "convert", str(src), str(tmp_path / "out.jsonl"), "--from", "labelstudio"]) == 0
    assert main(["data", "validate", str(tmp_path / "out.jsonl")]) == 0
    assert main(["data", "convert", str(tmp_path / "out.jsonl"), str(tmp_path / "out.html")]) == 0
    assert "区民政局" in (tmp_path / "out.html").read_text(encoding="utf-8")
