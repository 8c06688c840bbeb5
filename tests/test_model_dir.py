"""Loading model directories: clear errors, and never code from the model."""
import json
import pickle

import pytest

import govie


def _model(tmp_path, **meta):
    d = tmp_path / "model"
    d.mkdir()
    (d / "meta.json").write_text(json.dumps({"govie_model_format": 1, "components": [], **meta}))
    return d


def test_missing_directory(tmp_path):
    with pytest.raises(govie.ModelError, match="E006"):
        govie.load(tmp_path / "nope")


def test_wrong_format_version(tmp_path):
    d = _model(tmp_path, govie_model_format=99)
    with pytest.raises(govie.ModelError, match="E007"):
        govie.load(d)


def test_truncated_meta(tmp_path):
    d = _model(tmp_path)
    (d / "meta.json").write_text('{"govie_model_form')
    with pytest.raises(govie.ModelError, match="E009"):
        govie.load(d)


def test_listed_component_missing(tmp_path):
    d = _model(tmp_path, components=["tagger"])
    with pytest.raises(govie.ModelError, match="E009"):
        govie.load(d)


@pytest.mark.parametrize("name", ["weights.pkl", "tagger/model.bin"])
def test_a_pickle_payload_is_refused(tmp_path, name):
    d = _model(tmp_path)
    target = d / name
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(pickle.dumps({"x": 1}, protocol=4))
    with pytest.raises(govie.ModelError, match="E008"):
        govie.load(d)


def test_a_valid_empty_model_loads(tmp_path):
    ex = govie.load(_model(tmp_path))
    assert ex.extract("1.完成改造。").tasks[0].text == "完成改造。"
