"""The package as pip builds it: every subpackage listed, the model shipped inside."""
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "govie").rglob("__init__.py")}
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert config["tool"]["setuptools"]["package-dir"]["govie.models"] == "models"


def test_the_default_model_is_a_valid_model_directory():
    from govie.model_dir import open_model_dir

    model = open_model_dir(ROOT / "models" / "default")
    assert model.meta["components"] == ["tagger", "tasks", "linker"]
