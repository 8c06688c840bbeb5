"""The entity tagger: training on a tiny split, saving, loading, the spaCy pipeline, the shipped model."""
import json
from pathlib import Path

import pytest

import govie
from govie.corpus.records import read_records
from govie.entities.tagger import EntityTagger
from govie.text import normalize

ROOT = Path(__file__).resolve().parent.parent
TRAIN = ROOT / "data" / "train.jsonl"
DEV = ROOT / "data" / "dev.jsonl"


@pytest.fixture(scope="module")
def tiny_records():
    recs = list(read_records(TRAIN))
    seeds = [r for r in recs if r["id"].startswith("seed")]
    return seeds[:3] + [r for r in recs if not r["id"].startswith("seed")][:12]


@pytest.fixture(scope="module")
def tiny_tagger(tiny_records):
    return EntityTagger().fit(tiny_records, seed=0)


def test_tiny_tagger_finds_agencies_and_targets(tiny_tagger):
    text = "15.加快养老设施建设。新增养老床位200张,年内完成。\n区民政局☆、区人力资源社会保障局"
    n = normalize(text)
    found = {(text[f.start:f.end], f.label) for f in tiny_tagger.predict(n.text, year=2018)}
    assert ("200张", "METRIC") in found
    assert ("区民政局", "AGENCY") in found


def test_training_is_deterministic(tiny_records):
    a = EntityTagger().fit(tiny_records, seed=0)
    b = EntityTagger().fit(tiny_records, seed=0)
    text = normalize(tiny_records[0]["text"]).text
    assert [(f.start, f.end, f.label) for f in a.predict(text, year=2018)] == \
           [(f.start, f.end, f.label) for f in b.predict(text, year=2018)]


def test_save_and_load_give_the_same_predictions_and_no_pickle(tiny_tagger, tmp_path, tiny_records):
    tiny_tagger.to_disk(tmp_path / "tagger")
    loaded = EntityTagger.from_disk(tmp_path / "tagger")
    text = normalize(tiny_records[1]["text"]).text
    before = [(f.start, f.end, f.label, round(f.score, 5)) for f in tiny_tagger.predict(text, year=2020)]
    after = [(f.start, f.end, f.label, round(f.score, 5)) for f in loaded.predict(text, year=2020)]
    assert before == after and before
    suffixes = {p.suffix for p in (tmp_path / "tagger").rglob("*") if p.is_file()}
    assert suffixes <= {".json", ".npz"}


def test_spacy_pipeline_sets_ents_with_norms(tiny_tagger):
    from govie.entities.spacy_pipeline import build_nlp

    nlp = build_nlp(tiny_tagger)
    doc = nlp("新增养老床位200张,由区民政局负责。")
    ents = {(e.text, e.label_): e._.govie_norm for e in doc.ents}
    assert ents[("200张", "METRIC")]["value"] == 200
    assert ("区民政局", "AGENCY") in ents


def test_train_command_writes_a_loadable_model(tmp_path, tiny_records):
    from govie.cli import main
    from govie.corpus.records import write_records

    train, dev = tmp_path / "train.jsonl", tmp_path / "dev.jsonl"
    write_records(tiny_records[:10], train)
    write_records(tiny_records[10:], dev)
    assert main(["train", "--train", str(train), "--dev", str(dev), "--out", str(tmp_path / "m"), "--quiet"]) == 0
    meta = json.loads((tmp_path / "m" / "meta.json").read_text(encoding="utf-8"))
    assert meta["components"] == ["tagger", "tasks", "linker"] and "dev" in meta
    ex = govie.load(tmp_path / "m")
    doc = ex.extract("1.新增养老床位200张。(区民政局牵头)", year=2018)
    assert any(e.label == "METRIC" and e.norm["value"] == 200 for e in doc.entities)
    assert doc.tasks[0].metrics[0].text == "200张"


def test_the_shipped_model_tags_a_seed(seed_docs):
    doc = seed_docs["000"]
    by_text = {(e.text, e.label): e for e in doc.entities}
    assert ("区规划土地局", "AGENCY") in by_text
    assert by_text[("4.5万平方米", "METRIC")].norm["value"] == 45000
    body6 = next(t for t in doc.tasks if t.source == "body" and t.number == "6")
    assert [d.norm["date"] for d in body6.deadlines] == ["2018-12-31"]
    for e in doc.entities:
        assert doc.text[e.start:e.end] == e.text


def test_pkuseg_segmenter_trained_on_the_corpus_travels_with_the_model(tmp_path, tiny_records):
    import contextlib
    import io

    from govie.entities.segment import Segmenter, train_pkuseg
    from govie.training import _boundaries

    with contextlib.redirect_stdout(io.StringIO()):
        train_pkuseg(_boundaries(tiny_records[:4]), tmp_path / "seg", iterations=1)
    assert {p.name for p in (tmp_path / "seg").iterdir()} == {"features.msgpack", "weights.npz"}
    tagger = EntityTagger()
    tagger.segmenter = Segmenter(backend="pkuseg", pkuseg_model=str(tmp_path / "seg"))
    tagger.fit(tiny_records[:6], tune=False)
    tagger.to_disk(tmp_path / "tagger")
    loaded = EntityTagger.from_disk(tmp_path / "tagger")
    assert loaded.segmenter.backend == "pkuseg"
    text = "新增养老床位200张,由区民政局负责。"
    assert "".join(loaded.segmenter.tokens(text)) == text
    assert [(f.start, f.end, f.label) for f in loaded.predict(text, year=2020)] == \
           [(f.start, f.end, f.label) for f in tagger.predict(text, year=2020)]


def test_an_entity_split_by_the_segmenter_comes_out_whole():
    """区发改委 is two tokens for jieba (区 / 发改委); the entity is still one span."""
    nlp = govie.load().nlp
    doc = nlp("由区发改委牵头,区财政局配合。")
    assert len([t for t in doc if t.idx < 5 and t.idx + len(t.text) > 1]) >= 2  # 区 / 发改委
    assert "区发改委" in [e.text for e in doc.ents if e.label_ == "AGENCY"]
