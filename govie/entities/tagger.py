"""The entity tagger: segmentation, candidates, a learned filter, normalised values.

Patterns propose (numbers with units, time expressions, token runs ending
like a body or place name); three linear models trained on the corpus decide
which proposals are entities and of which label; rules then say what each
METRIC and DEADLINE means. Overlaps are resolved by score, so a span is never
claimed twice.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..structure.parser import Structure, parse
from ..text import normalize
from .features import Context, deadline_features, metric_features, name_features
from .linear import LinearModel
from .names import name_candidates
from .numbers import METRIC_PATTERN, find_quantities, metric_norm
from .segment import Segmenter
from .times import deadline_norm, deadline_scope, find_times, in_deadline_scope, plan_quarter

_ENUM_TOWNS = re.compile(r"((?:[\u4e00-\u9fff]{2,3}、)+)[\u4e00-\u9fff]{2,4}?(?:等)?(?:镇|村|街道|乡|社区|街镇)")
_CLAUSE_START = re.compile(r"[,,;;。:\n、(]")
TOWN_SUFFIXES = ("镇", "乡", "街道", "街镇", "乡镇", "村", "社区", "工业区")


@dataclass
class Candidate:
    family: str  # "name", "metric" or "deadline"
    start: int
    end: int
    features: list


@dataclass
class Found:
    label: str
    start: int
    end: int
    score: float
    norm: dict | None = None


class EntityTagger:
    """Finds AGENCY, TOWN, METRIC and DEADLINE mentions in normalised text.

    Parameters
    ----------
    threshold : float, default 0.5
        Minimum probability for a candidate to become an entity.
    C : float, default 8.0
        Regularisation of the three linear models (scikit-learn's C); chosen on
        provinces held out from the training data.
    """

    def __init__(self, *, threshold: float = 0.5, C: float = 8.0):
        self.threshold = threshold
        self.C = C
        self.thresholds_: dict = {}
        self.segmenter = Segmenter()
        self.lexicon_: dict = {}
        self.short_towns_: frozenset = frozenset()
        self.models_: dict = {}

    # ------------------------------------------------------------ candidates

    def candidates(self, text: str, structure: Structure, year: int | None,
                   lexicon: dict | None = None, token_spans=None) -> list[Candidate]:
        """Candidates of all three families, with features (normalised offsets)."""
        lexicon = self.lexicon_ if lexicon is None else lexicon
        ctx = Context.build(text, structure, year)
        spans = token_spans if token_spans is not None else self.segmenter.spans(text)
        starts = {s: k for k, (s, _) in enumerate(spans)}
        ends = {e: k for k, (_, e) in enumerate(spans)}

        def prev_tok(s):
            k = ends.get(s)
            return text[spans[k][0]:spans[k][1]] if k is not None else "~"

        def next_tok(e):
            k = starts.get(e)
            return text[spans[k][0]:spans[k][1]] if k is not None else "~"

        out: list[Candidate] = []
        name_spans = set(name_candidates(text, spans, self.short_towns_))
        for m in _ENUM_TOWNS.finditer(text):
            pos = m.start()
            for item in m.group(1).split("、")[:-1]:
                name_spans.add((pos, pos + len(item)))
                pos += len(item) + 1
        # A place written in full once (牛店镇, 星沙街道) is often written short elsewhere (牛店).
        doc_short = doc_short_names(text)
        for short in doc_short:
            for m in re.finditer(re.escape(short), text):
                name_spans.add(m.span())
        for s, e in sorted(name_spans):
            ntok = (starts.get(s) is not None and ends.get(e) is not None) and (ends[e] - starts[s] + 1) or 1
            last = text[spans[ends[e]][0]:e] if e in ends else text[s:e]
            out.append(Candidate("name", s, e, name_features(ctx, s, e, prev_tok(s), next_tok(e), ntok, last,
                                                             lexicon, doc_short)))
        times = find_times(text)
        for s, e in find_quantities(text, times=times):
            m = METRIC_PATTERN.fullmatch(text, s, e)
            unit = (m.group("unit") or m.group("unit2") or m.group("unit3")) if m and m.lastgroup != "" else None
            out.append(Candidate("metric", s, e, metric_features(ctx, s, e, prev_tok(s), next_tok(e), unit)))
        for s, e in times:
            out.append(Candidate("deadline", s, e, deadline_features(ctx, s, e, prev_tok(s), next_tok(e))))
        return out

    # ------------------------------------------------------------ prediction

    def predict(self, text: str, structure: Structure | None = None, year: int | None = None,
                title: str | None = None, token_spans=None) -> list[Found]:
        """Entities in normalised ``text``, with norms resolved against ``year``."""
        if not text.strip():
            return []
        structure = structure or parse(text)
        scored = []
        for c in self.candidates(text, structure, year, token_spans=token_spans):
            model = self.models_.get(c.family)
            if model is None:
                continue
            probs = model.predict_proba(c.features)
            label, p = max(((k, v) for k, v in probs.items() if k != "NONE"), key=lambda kv: kv[1],
                           default=(None, 0.0))
            if label is not None and p >= self.thresholds_.get(label, self.threshold):
                scored.append((p, c, label))
        scored.sort(key=lambda x: (-x[0], x[1].start))
        taken: list[tuple[int, int]] = []
        found: list[Found] = []
        quarter = plan_quarter(title)
        for p, c, label in scored:
            if any(c.start < b and a < c.end for a, b in taken):
                continue
            norm = None
            if label == "METRIC":
                norm = metric_norm(text[c.start:c.end], _clause_before(text, c.start))
                if norm is None:
                    continue
            elif label == "DEADLINE":
                norm = deadline_norm(text[c.start:c.end], year, plan_quarter=quarter)
                if norm is None:
                    continue
            taken.append((c.start, c.end))
            found.append(Found(label, c.start, c.end, p, norm))
        found.sort(key=lambda f: f.start)
        return found

    # ------------------------------------------------------------ training

    def fit(self, records, *, seed: int = 0, progress=None, tune: bool = True) -> "EntityTagger":
        """Learn from annotated records (ANNOTATION.md format).

        With ``tune``, a threshold per label is first chosen on about a fifth
        of the documents held out by province (never on dev data), then the
        models are refitted on all records.
        """
        records = list(records)
        if tune and len(records) >= 20:
            self.thresholds_ = self._tune_thresholds(records, seed=seed)
        return self._fit(records, seed=seed, progress=progress)

    def _tune_thresholds(self, records, *, seed: int) -> dict:
        import random

        places = sorted({(r.get("meta") or {}).get("province") or r.get("id") for r in records})
        random.Random(seed).shuffle(places)
        held = set(places[: max(1, len(places) // 5)])
        inner = [r for r in records if ((r.get("meta") or {}).get("province") or r.get("id")) not in held]
        outer = [r for r in records if ((r.get("meta") or {}).get("province") or r.get("id")) in held]
        if not inner or not outer:
            return {}
        probe = EntityTagger(threshold=self.threshold, C=self.C)
        probe.segmenter = Segmenter(backend=self.segmenter.backend, pkuseg_model=self.segmenter.pkuseg_model)
        probe._fit(inner, seed=seed)
        grid = (0.2, 0.3, 0.4, 0.5, 0.6)
        best = {}
        for label in ("AGENCY", "TOWN", "METRIC", "DEADLINE"):
            scores = {}
            for thr in grid:
                probe.thresholds_ = {lab: (thr if lab == label else 0.5) for lab in ("AGENCY", "TOWN", "METRIC", "DEADLINE")}
                tp = fp = fn = 0
                for rec in outer:
                    n = normalize(rec["text"])
                    gold = {n.to_normalized(e["start_offset"], e["end_offset"])
                            for e in rec.get("entities", []) if e["label"] == label}
                    structure = parse(n.text)
                    scope = deadline_scope(structure.items, len(structure.text))
                    pred = {(f.start, f.end) for f in probe.predict(n.text, structure, (rec.get("meta") or {}).get("year"))
                            if f.label == label and (label != "DEADLINE" or in_deadline_scope(n.text, scope, f.start, f.end))}
                    tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
                scores[thr] = 2 * tp / max(1, 2 * tp + fp + fn)
            best[label] = max(grid, key=lambda t: (scores[t], -abs(t - 0.5)))
        return best

    def _fit(self, records, *, seed: int = 0, progress=None) -> "EntityTagger":
        docs = []
        names_by_doc = []
        for rec in records:
            n = normalize(rec["text"])
            gold = {}
            for e in rec.get("entities", []):
                if e["label"] in ("AGENCY", "TOWN", "METRIC", "DEADLINE"):
                    gold[n.to_normalized(e["start_offset"], e["end_offset"])] = e["label"]
            names = {n.text[s:e]: lab for (s, e), lab in gold.items() if lab in ("AGENCY", "TOWN")}
            docs.append((n.text, gold, rec.get("meta", {}).get("year")))
            names_by_doc.append(names)
        self._learn_lexicon(names_by_doc)
        doc_count = Counter(name for names in names_by_doc for name in names)
        label_of = self.lexicon_
        X = defaultdict(list)
        Y = defaultdict(list)
        for k, (text, gold, year) in enumerate(docs):
            # Lexicon features come from the *other* documents, as they will at prediction time.
            own = names_by_doc[k]
            lex = {w: lab for w, lab in label_of.items() if doc_count[w] - (1 if w in own else 0) > 0}
            structure = parse(text)
            scope = deadline_scope(structure.items, len(structure.text))
            for c in self.candidates(text, structure, year, lexicon=lex):
                if c.family == "deadline" and not in_deadline_scope(text, scope, c.start, c.end):
                    continue  # out of scope is the extractor's call; the model learns what is left
                label = gold.get((c.start, c.end), "NONE")
                if c.family == "name" and label not in ("AGENCY", "TOWN"):
                    label = "NONE"
                if c.family == "metric" and label != "METRIC":
                    label = "NONE"
                if c.family == "deadline" and label != "DEADLINE":
                    label = "NONE"
                X[c.family].append(c.features)
                Y[c.family].append(label)
            if progress:
                progress(k + 1, len(docs))
        self.models_ = {fam: LinearModel(C=self.C).fit(X[fam], Y[fam], seed=seed) for fam in X}
        return self

    def _learn_lexicon(self, names_by_doc) -> None:
        votes = defaultdict(Counter)
        for names in names_by_doc:
            for name, lab in names.items():
                votes[name][lab] += 1
        self.lexicon_ = {name: c.most_common(1)[0][0] for name, c in votes.items()}
        self.short_towns_ = frozenset(w for w, lab in self.lexicon_.items()
                                      if lab == "TOWN" and not w.endswith(TOWN_SUFFIXES) and 2 <= len(w) <= 4)
        self.segmenter = Segmenter(backend=self.segmenter.backend, user_words=sorted(self.short_towns_),
                                   pkuseg_model=self.segmenter.pkuseg_model)

    # ------------------------------------------------------------ persistence

    def to_disk(self, path) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        seg_cfg = self.segmenter.config()
        if self.segmenter.backend == "pkuseg":
            import shutil

            target = path / "pkuseg"
            if Path(self.segmenter.pkuseg_model).resolve() != target.resolve():
                shutil.copytree(self.segmenter.pkuseg_model, target, dirs_exist_ok=True)
            seg_cfg["pkuseg_model"] = "pkuseg"  # relative to the tagger directory
        (path / "tagger.json").write_text(json.dumps({
            "threshold": self.threshold, "thresholds": self.thresholds_, "C": self.C, "lexicon": self.lexicon_,
            "short_towns": sorted(self.short_towns_), "families": sorted(self.models_),
            "segmenter": seg_cfg}, ensure_ascii=False, indent=0), encoding="utf-8")
        for fam, model in self.models_.items():
            model.to_disk(path / fam)

    @classmethod
    def from_disk(cls, path) -> "EntityTagger":
        path = Path(path)
        cfg = json.loads((path / "tagger.json").read_text(encoding="utf-8"))
        tagger = cls(threshold=cfg["threshold"], C=cfg["C"])
        tagger.lexicon_ = cfg["lexicon"]
        tagger.thresholds_ = cfg.get("thresholds", {})
        tagger.short_towns_ = frozenset(cfg["short_towns"])
        seg_cfg = dict(cfg["segmenter"])
        if seg_cfg.get("backend") == "pkuseg":
            seg_cfg["pkuseg_model"] = str(path / seg_cfg.get("pkuseg_model", "pkuseg"))
        tagger.segmenter = Segmenter.from_config(seg_cfg)
        tagger.models_ = {fam: LinearModel.from_disk(path / fam) for fam in cfg["families"]}
        return tagger


_FULL_PLACE = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,3})(镇|乡|街道)(?=[\u4e00-\u9fff\d“,,、。;(]|$)")
_NOT_SHORT = set("各全本我该每这那其此")


def doc_short_names(text: str) -> frozenset:
    """Short forms of the towns a document names in full (牛店镇 → 牛店)."""
    out = set()
    for m in _FULL_PLACE.finditer(text):
        short = m.group(1)
        if short[0] not in _NOT_SHORT and not short.endswith(("人民", "政府")):
            out.add(short)
    return frozenset(out)


def _clause_before(text: str, pos: int, limit: int = 24) -> str:
    start = max(0, pos - limit)
    m = None
    for m in _CLAUSE_START.finditer(text, start, pos):
        pass
    return text[(m.end() if m else start):pos]
