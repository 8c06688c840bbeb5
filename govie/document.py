"""The result of an extraction: one data model from the API to the record format.

Offsets everywhere are into ``Document.text``, the caller's original string.
``to_dict()`` writes the doccano record of ANNOTATION.md, so predictions can be
corrected in an annotation tool and fed back into training unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(eq=False)
class Entity:
    """A mention: AGENCY, TOWN, METRIC or DEADLINE, with ``norm`` for numbers and times.

    >>> e = Entity("AGENCY", 0, 4, "区民政局")
    >>> e.label, e.text
    ('AGENCY', '区民政局')
    """

    label: str
    start: int
    end: int
    text: str
    norm: dict | None = None
    score: float = 1.0
    source: str = "tagger"  # what found it: "tagger", "rule", "owner_note"
    id: int = 0

    def to_dict(self) -> dict:
        """This entity in the record format (``id`` is set by ``Document.to_dict``)."""
        d = {"id": self.id, "label": self.label, "start_offset": self.start, "end_offset": self.end}
        if self.norm is not None:
            d["norm"] = self.norm
        d["score"] = round(float(self.score), 4)
        return d


@dataclass(eq=False)
class Task:
    """One unit of work and who answers for it.

    ``section`` is the heading path (``["二、主要任务", "(一)着力强化…"]``);
    ``lead`` and ``owners`` are the entities linked LEAD and OWNER;
    ``deadlines`` those linked DUE; ``metrics`` the targets inside the task.
    """

    start: int
    end: int
    text: str
    section: list = field(default_factory=list)
    title: str | None = None
    number: str | None = None
    source: str = "body"  # "body" or "table"
    lead: list = field(default_factory=list)
    owners: list = field(default_factory=list)
    deadlines: list = field(default_factory=list)
    metrics: list = field(default_factory=list)
    score: float = 1.0
    id: int = 0

    def to_dict(self) -> dict:
        """This task as a TASK entity of the record format."""
        return {"id": self.id, "label": "TASK", "start_offset": self.start, "end_offset": self.end,
                "score": round(float(self.score), 4)}


@dataclass(eq=False)
class Relation:
    """A link from a task to its lead, another owner, or its deadline."""

    type: str  # "LEAD", "OWNER" or "DUE"
    task: Task
    target: Entity
    score: float = 1.0
    inferred: bool = False  # True when not stated in the text (e.g. body item ↔ annex row)
    evidence: str | None = None

    def to_dict(self, rid: int) -> dict:
        """This relation in the record format; inferred ones say so and carry their evidence."""
        d = {"id": rid, "from_id": self.task.id, "to_id": self.target.id, "type": self.type,
             "score": round(float(self.score), 4)}
        if self.inferred:
            d["inferred"] = True
        if self.evidence:
            d["evidence"] = self.evidence
        return d


@dataclass
class Section:
    """A heading of the document with the part it governs (offsets into the text)."""

    title: str
    level: int
    start: int
    end: int
    task_section: bool = True
    children: list = field(default_factory=list)


@dataclass(eq=False)
class Document:
    """Everything govie found in one document.

    >>> import govie
    >>> doc = govie.extract("一、主要任务\\n1.新增养老床位200张。(区民政局牵头)", year=2018)
    >>> [(t.text, [e.text for e in t.lead]) for t in doc.tasks]
    [('新增养老床位200张。', ['区民政局'])]
    """

    text: str
    year: int | None = None
    entities: list = field(default_factory=list)
    tasks: list = field(default_factory=list)
    relations: list = field(default_factory=list)
    sections: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    id: str | None = None

    def to_dict(self) -> dict:
        """One record in the format of ANNOTATION.md, with ``score`` on predictions."""
        mentions = sorted(self.entities + self.tasks,
                          key=lambda m: (m.start, -m.end, not isinstance(m, Task)))
        for i, m in enumerate(mentions, 1):
            m.id = i
        meta = {"source": self.meta.get("source") or "govie.extract", "year": self.year,
                "issuer": self.meta.get("issuer")}
        for key in ("title", "doc_number", "date"):
            if self.meta.get(key):
                meta[key] = self.meta[key]
        record = {"id": self.id or self.meta.get("id") or "document", "text": self.text, "meta": meta,
                  "entities": [m.to_dict() for m in mentions],
                  "relations": [r.to_dict(i) for i, r in enumerate(self.relations, 1)]}
        return record

    def rows(self) -> list[dict]:
        """The accountability table: one row per task, values ready to print or write."""
        out = []
        for t in self.tasks:
            out.append({
                "section": " > ".join(t.section),
                "number": t.number or "",
                "title": t.title or "",
                "task": t.text,
                "metrics": "; ".join(_metric_str(m) for m in t.metrics),
                "deadline": "; ".join((d.norm or {}).get("date") or d.text for d in t.deadlines),
                "lead": "、".join(e.text for e in t.lead),
                "owners": "、".join(e.text for e in t.owners),
                "start": t.start,
                "end": t.end,
            })
        return out

    def to_html(self, *, title: str | None = None) -> str:
        """A self-contained page for checking the results against the text (see ``govie.render``)."""
        from .render import to_html

        return to_html([self], title=title or self.meta.get("title"))


def _metric_str(m: Entity) -> str:
    n = m.norm or {}
    if "value" not in n or n.get("unit") is None:  # 零增长, 160亿: the words say more than a bare number
        return m.text
    value = n["value"]
    if n.get("value_max") is not None:
        value = f"{value}-{n['value_max']}"
    cmp_ = {">=": "≥", "<=": "≤", "~": "≈"}.get(n.get("comparator") or "", "")
    return f"{cmp_}{value}{n.get('unit') or ''}"
