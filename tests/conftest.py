from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = {
    "000": EXAMPLES / "000_5faf861f23ba1fc9.txt",
    "001": EXAMPLES / "001_b67f86160190d384.txt",
    "002": EXAMPLES / "002_6318302602e1007d.txt",
    "003": EXAMPLES / "003_61c81c8794e601bf.txt",
    "004": EXAMPLES / "004_304b8f80a1f0d01d.txt",
}


@pytest.fixture(scope="session")
def seed_text():
    return {k: p.read_text(encoding="utf-8") for k, p in SEEDS.items()}


@pytest.fixture(scope="session")
def seed_docs(seed_text):
    import govie

    return {k: govie.extract(t) for k, t in seed_text.items()}


@pytest.fixture(scope="session")
def seeds():
    return SEEDS
