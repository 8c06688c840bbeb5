"""Word segmentation for the tagger: jieba with a domain lexicon, or spacy-pkuseg.

Each model owns its segmenter (no module-level jieba state), so two models with
different lexicons can live in one process. jieba runs without its HMM for
unknown words: new words then fall apart into characters, which keeps every
annotated name boundary on a token boundary (measured: 100% on the corpus),
while the lexicon keeps known names and short place names whole.
"""
from __future__ import annotations

import logging
from pathlib import Path

# Words of Chinese administration that jieba's general dictionary lacks or splits.
DOMAIN_WORDS = (
    "发改委", "发展改革委", "住建局", "住建委", "经信局", "经信委", "工信局", "商务局", "财政局", "人社局",
    "人力资源社会保障局", "自然资源局", "规划资源局", "生态环境局", "农业农村局", "文旅局", "文广旅局", "卫健委",
    "卫生健康委", "市场监管局", "应急管理局", "城管执法局", "医保局", "退役军人事务局", "行政审批局", "大数据局",
    "数据局", "政务服务中心", "政数局", "司法局", "民政局", "教育局", "科技局", "科委", "统计局", "审计局",
    "税务局", "交通运输局", "交通委", "水务局", "水利局", "林业局", "公安局", "国资委", "金融办", "地方金融监管局",
    "管委会", "执委会", "领导小组", "推进办", "网格化中心", "综治办", "编办", "机关事务管理局", "信访局", "档案局",
    "融媒体中心", "团委", "妇联", "总工会", "科协", "残联", "工商联", "红十字会", "街道办事处", "乡镇人民政府",
    "各街镇", "各乡镇", "各镇", "各街道", "各有关部门", "各有关单位", "各相关单位", "各部门", "各单位",
)


class Segmenter:
    """Splits text into tokens and returns their character spans.

    Parameters
    ----------
    backend : {"jieba", "pkuseg"}, default "jieba"
        jieba (fast, pure Python) or spacy-pkuseg (a statistical segmenter).
    user_words : list of str, default ()
        Extra words for the lexicon (short place names learned from the corpus).
    """

    def __init__(self, *, backend: str = "jieba", user_words=(), pkuseg_model: str | None = None):
        if backend not in ("jieba", "pkuseg"):
            raise ValueError(f"backend must be 'jieba' or 'pkuseg', not {backend!r}")
        self.backend = backend
        self.user_words = list(user_words)
        self.pkuseg_model = pkuseg_model
        self._impl = None

    def _load(self):
        if self.backend == "jieba":
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            tok.initialize()
            for w in DOMAIN_WORDS:
                tok.add_word(w, freq=20000)
            for w in self.user_words:
                tok.add_word(w, freq=20000)
            self._impl = tok
        else:
            import spacy_pkuseg

            if not self.pkuseg_model:
                raise ValueError("the pkuseg backend needs a model trained by govie (train with --segmenter pkuseg)")
            # user_dict=None: load only the model's msgpack and npz, never pkuseg's pickled dictionary
            self._impl = spacy_pkuseg.pkuseg(model_name=str(self.pkuseg_model), user_dict=None)
        return self._impl

    def tokens(self, text: str) -> list[str]:
        impl = self._impl or self._load()
        if self.backend == "jieba":
            return impl.lcut(text, HMM=False)
        out: list[str] = []
        for line in text.split("\n"):
            out.extend(impl.cut(line) if line else [])
            out.append("\n")
        if out:
            out.pop()
        return _realign(text, out)

    def spans(self, text: str) -> list[tuple[int, int]]:
        spans, pos = [], 0
        for tok in self.tokens(text):
            spans.append((pos, pos + len(tok)))
            pos += len(tok)
        return spans

    def config(self) -> dict:
        return {"backend": self.backend, "user_words": self.user_words, "pkuseg_model": self.pkuseg_model}

    @classmethod
    def from_config(cls, cfg: dict) -> "Segmenter":
        return cls(backend=cfg.get("backend", "jieba"), user_words=cfg.get("user_words", ()),
                   pkuseg_model=cfg.get("pkuseg_model"))


def train_pkuseg(texts_with_boundaries, out_dir, *, iterations: int = 10) -> Path:
    """Train a spacy-pkuseg model on silver segmentation of the corpus.

    There is no hand-segmented text for these documents, so the training
    data is jieba's segmentation with every annotated entity boundary
    enforced as a word boundary. ``texts_with_boundaries`` yields (text,
    set of boundary offsets). The model is saved as pkuseg's msgpack + npz.
    """
    import os
    import tempfile

    import spacy_pkuseg

    out_dir = Path(out_dir)
    jieba_seg = Segmenter()
    lines = []
    for text, bounds in texts_with_boundaries:
        for line_start, line in _lines_with_offsets(text):
            words, pos = [], line_start
            for tok in jieba_seg.tokens(line):
                cuts = sorted(b for b in bounds if pos < b < pos + len(tok))
                prev = pos
                for c in cuts + [pos + len(tok)]:
                    piece = text[prev:c].strip()
                    if piece:
                        words.append(piece)
                    prev = c
                pos += len(tok)
            if words:
                lines.append(" ".join(words))
    with tempfile.TemporaryDirectory() as tmp:
        train_file = os.path.join(tmp, "train.txt")
        test_file = os.path.join(tmp, "test.txt")
        with open(train_file, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
        with open(test_file, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines[: max(1, len(lines) // 10)]) + "\n")
        cwd = os.getcwd()
        os.chdir(tmp)  # pkuseg writes its scratch files into the working directory
        try:
            spacy_pkuseg.train(train_file, test_file, str(out_dir.resolve()), train_iter=iterations)
        finally:
            os.chdir(cwd)
    for leftover in out_dir.glob("*.pkl"):
        leftover.unlink()
    return out_dir


def _lines_with_offsets(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _realign(text: str, tokens: list[str]) -> list[str]:
    """pkuseg drops whitespace; rebuild tokens that cover ``text`` exactly."""
    out, pos = [], 0
    for tok in tokens:
        i = text.find(tok, pos)
        if i < 0:
            continue
        if i > pos:
            out.append(text[pos:i])
        out.append(tok)
        pos = i + len(tok)
    if pos < len(text):
        out.append(text[pos:])
    return out
