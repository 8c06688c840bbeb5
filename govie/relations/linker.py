"""Which structural items are tasks, and who leads, owns and dates each task.

Two linear models trained from the corpus: ``TaskFilter`` keeps the items
that are work (not a notice's requirements, a report's review or a
heading), ``RelationLinker`` labels each (task, mention) pair within reach —
the mention inside the task or in its owner notes — as LEAD, OWNER, DUE or
nothing. Without trained models both fall back to the owner-note rules, so
govie still answers from structure alone.
"""
from __future__ import annotations

import json
import re
from difflib import SequenceMatcher
from pathlib import Path

from ..entities.linear import LinearModel
from .features import link_features, task_features

def iou(a, b) -> float:
    """Overlap of two spans as intersection over union (TASK matching uses IoU >= 0.5)."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


_SUBJECT_AFTER = re.compile(r"^(要|将|负责|牵头|分别负责|具体负责|会同|联合|统筹|组织)")


def _subject_rule(text: str, task_start: int, s: int, e: int) -> str | None:
    """Decided case 16: the unit doing the work as the clause's subject owns the task."""
    clause_start = max(text.rfind(ch, task_start, s) for ch in "。;;,,:") + 1
    clause_start = max(clause_start, task_start)
    before = text[clause_start:s].strip()
    after = text[e:e + 4]
    if before in ("", "由", "请", "并由") and _SUBJECT_AFTER.match(after):
        return "LEAD" if after.startswith("牵头") else "OWNER"
    return None


class _SavedLinearModel:
    """Saving and loading shared by the task filter and the linker: a config and one LinearModel."""

    def __init__(self, *, threshold: float = 0.5, C: float = 1.0):
        self.threshold = threshold
        self.C = C
        self.model_: LinearModel | None = None

    def to_disk(self, path) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "config.json").write_text(json.dumps({"threshold": self.threshold, "C": self.C}), encoding="utf-8")
        self.model_.to_disk(path / "model")

    @classmethod
    def from_disk(cls, path):
        path = Path(path)
        cfg = json.loads((path / "config.json").read_text(encoding="utf-8"))
        component = cls(threshold=cfg["threshold"], C=cfg["C"])
        component.model_ = LinearModel.from_disk(path / "model")
        return component


class TaskFilter(_SavedLinearModel):
    """Keeps structural items that are units of work.

    Parameters
    ----------
    threshold : float, default 0.5
        Minimum probability to keep an item.
    C : float, default 1.0
        Regularisation of the logistic model.
    """

    def scores(self, text: str, structure) -> list[float]:
        """Probability that each of ``structure.items`` is a task (1.0 for all without a model)."""
        if self.model_ is None:
            return [1.0] * len(structure.items)
        n = len(structure.items)
        scores = []
        for k, it in enumerate(structure.items):
            p = self.model_.predict_proba(task_features(text, it, structure, k, n)).get("TASK", 0.0)
            # An item whose owners are written out is accountable work, whatever its wording.
            if any(note.units for note in it.notes):
                p = max(p, 0.9)
            scores.append(p)
        return scores

    def fit(self, examples, *, seed: int = 0) -> "TaskFilter":
        """``examples``: (normalised text, structure, gold TASK spans in normalised offsets)."""
        X, Y = [], []
        for text, structure, gold in examples:
            n = len(structure.items)
            for k, it in enumerate(structure.items):
                X.append(task_features(text, it, structure, k, n))
                Y.append("TASK" if any(iou((it.start, it.end), g) >= 0.5 for g in gold) else "NONE")
        self.model_ = LinearModel(C=self.C).fit(X, Y, seed=seed)
        return self



class RelationLinker(_SavedLinearModel):
    """Labels (task, mention) pairs LEAD, OWNER, DUE or nothing.

    Parameters
    ----------
    threshold : float, default 0.5
        Minimum probability for a relation.
    C : float, default 1.0
        Regularisation of the logistic model.
    """

    def candidates(self, text: str, structure, items: list, mentions: list):
        """Yield (item index, mention index, features, rule label) for every pair within reach.

        ``mentions`` are (start, end, label) in normalised offsets. The rule
        label is what the owner-note rules alone would say.
        """
        for i, item in enumerate(items):
            notes = [(n, n.start, n.end) for n in item.notes]
            note_pos: dict = {}
            for m_idx, (s, e, label) in enumerate(mentions):
                if label not in ("AGENCY", "TOWN", "DEADLINE"):
                    continue
                where, role, key = None, None, None
                if item.start <= s and e <= item.end:
                    where = "inside"
                else:
                    for note, ns, ne in notes:
                        if ns <= s and e <= ne:
                            where, key = "note", note.key
                            unit = next((u for u in note.units if u.start < e and s < u.end), None)
                            role = unit.role if unit else ("deadline" if label == "DEADLINE" else None)
                            break
                if where is None or role == "data":  # a data supplier is named, not responsible
                    continue
                pos = note_pos.setdefault(where, 0)
                note_pos[where] = pos + 1
                feats = link_features(text, item, (s, e, label), where, role, key, structure.first_is_lead, pos)
                if label == "DEADLINE":
                    rule = "DUE"
                elif where == "note" and role in ("lead", "owner"):
                    rule = "LEAD" if role == "lead" else "OWNER"
                elif where == "inside":
                    rule = _subject_rule(text, item.start, s, e)
                else:
                    rule = None
                yield i, m_idx, feats, rule

    def predict(self, text: str, structure, items: list, mentions: list) -> list:
        """(item index, mention index, type, score) for the relations found.

        The model decides; a unit the text plainly assigns the work to
        (``由区民政局负责``, ``区农委要…``, decided case 16) is an owner even when
        the corpus had too few such sentences for the model to learn it.
        """
        out = []
        for i, m, feats, rule in self.candidates(text, structure, items, mentions):
            if self.model_ is None:
                if rule:
                    out.append((i, m, rule, 1.0))
                continue
            probs = self.model_.predict_proba(feats)
            label, p = max(((k, v) for k, v in probs.items() if k != "NONE"), key=lambda kv: kv[1],
                           default=(None, 0.0))
            if label and p >= self.threshold:
                out.append((i, m, label, p))
            elif rule and "where=inside" in feats and mentions[m][2] != "DEADLINE":
                out.append((i, m, rule, max(p, 0.6)))
        return out

    def fit(self, examples, *, seed: int = 0) -> "RelationLinker":
        """``examples``: (text, structure, items, mentions, gold) with gold a dict
        {(item index, mention index): type}; all offsets normalised."""
        X, Y = [], []
        for text, structure, items, mentions, gold in examples:
            for i, m, feats, _ in self.candidates(text, structure, items, mentions):
                X.append(feats)
                Y.append(gold.get((i, m), "NONE"))
        self.model_ = LinearModel(C=self.C).fit(X, Y, seed=seed)
        return self



def match_body_to_rows(tasks: list) -> list:
    """Pairs (body task, table task) that are the same work written twice.

    Plans often repeat their numbered items in an annexed table (seed 000);
    an item and a row are the same task when their numbers agree and their
    titles or texts are alike.
    """
    body = [t for t in tasks if t.source == "body"]
    rows = [t for t in tasks if t.source == "table"]
    pairs = []
    for b in body:
        best, best_sim = None, 0.0
        for r in rows:
            title_sim = SequenceMatcher(None, b.title or "", r.title or "").ratio() if b.title and r.title else 0.0
            text_sim = SequenceMatcher(None, b.text[:80], r.text[:80]).ratio()
            sim = max(title_sim, text_sim) + (0.3 if b.number and b.number == r.number else 0.0)
            if sim > best_sim:
                best, best_sim = r, sim
        if best is not None and best_sim >= 0.9:
            pairs.append((b, best))
    return pairs
