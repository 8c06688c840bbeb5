"""The pipeline: text → normalised text → structure → entities → relations → Document.

Each stage lives in its own package; this module only wires them and maps
offsets back to the caller's string at the end, so no stage needs to know
about the original text.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from .document import Document, Entity, Relation, Section, Task
from .errors import InputError
from .model_dir import ModelDir
from .structure.parser import Structure, parse
from .text import NormalizedText, normalize

MAX_CHARS = 20_000_000
_YEAR = re.compile(r"(19[5-9]\d|20\d\d)\s*年")


class Extractor:
    """Finds tasks, owners, targets and deadlines in work plans.

    Parameters
    ----------
    model : ModelDir or None, default None
        The trained components to use. ``None`` runs the structure rules only.
    max_chars : int, default 20_000_000
        Longer texts raise ``InputError`` (E010) instead of exhausting memory.

    >>> ex = Extractor()
    >>> doc = ex.extract("1.完成改造。(区建委牵头)", year=2020)
    >>> doc.tasks[0].lead[0].text
    '区建委'
    """

    def __init__(self, *, model: ModelDir | None = None, max_chars: int = MAX_CHARS):
        self.model = model
        self.max_chars = max_chars
        self.nlp = None
        if model is not None and model.component("tagger") is not None:
            from .entities.spacy_pipeline import build_nlp
            from .entities.tagger import EntityTagger

            try:
                tagger = EntityTagger.from_disk(model.component("tagger"))
            except (OSError, ValueError, KeyError) as err:
                from .errors import ModelError

                raise ModelError("E009", path=model.path, reason=f"tagger unreadable ({err})") from None
            self.nlp = build_nlp(tagger)

    # ------------------------------------------------------------ public API

    def extract(self, text: str, *, year: int | None = None, meta: dict | None = None) -> Document:
        """Extract one document. Offsets in the result point into ``text``."""
        _check_text(text, self.max_chars)
        year = _check_year(year)
        norm = normalize(text)
        structure = parse(norm.text)
        doc = Document(text=text, meta=dict(meta or {}))
        doc.meta.update(_front_meta(structure, norm))
        doc.year = year or infer_year(structure)
        self._fill(doc, norm, structure)
        return doc

    def extract_many(self, texts: Iterable[str], *, year: int | None = None, n_process: int = 1,
                     batch_size: int = 16) -> Iterator[Document]:
        """Extract a stream of documents, yielding results in input order.

        A text that fails yields a Document whose ``meta["error"]`` says why,
        so one bad document never loses the others.
        """
        if n_process and n_process > 1:
            from .parallel import extract_parallel

            yield from extract_parallel(self, texts, year=year, n_process=n_process, batch_size=batch_size)
            return
        for text in texts:
            yield self.extract_safe(text, year=year)

    def extract_safe(self, text, *, year: int | None = None, meta: dict | None = None) -> Document:
        """Like ``extract`` but returns an empty Document carrying the error instead of raising."""
        try:
            return self.extract(text, year=year, meta=meta)
        except Exception as err:  # one bad document must not end a batch
            safe_text = text if isinstance(text, str) else ""
            doc = Document(text=safe_text, meta=dict(meta or {}))
            doc.meta["error"] = f"{type(err).__name__}: {err}"
            return doc

    # ------------------------------------------------------------ stages

    def _tag(self, norm: NormalizedText, structure: Structure, doc: Document) -> list[Entity]:
        """Run the spaCy pipeline on the normalised text; entities come back in input offsets."""
        if self.nlp is None or not norm.text.strip():
            return []
        sdoc = self.nlp.make_doc(norm.text)
        sdoc.user_data["govie"] = {"structure": structure, "year": doc.year, "title": doc.meta.get("title")}
        for _, proc in self.nlp.pipeline:
            sdoc = proc(sdoc)
        out = []
        for f in sdoc.user_data.get("govie_found", []):
            s, e = norm.to_original(f.start, f.end)
            out.append(Entity(f.label, s, e, doc.text[s:e], norm=f.norm, score=f.score))
        return out

    def _fill(self, doc: Document, norm: NormalizedText, structure: Structure) -> None:
        text = doc.text
        entities: list[Entity] = self._tag(norm, structure, doc)
        by_span = {(e.start, e.end): e for e in entities}
        relations: list[Relation] = []
        tasks: list[Task] = []

        def entity_for(s: int, e: int, label: str) -> Entity:
            """The tagger's entity for a span an owner note names, or a new one."""
            if (s, e) in by_span:
                return by_span[(s, e)]
            overlapping = [x for x in entities if x.start < e and s < x.end and x.label in ("AGENCY", "TOWN")]
            if overlapping:
                return max(overlapping, key=lambda x: min(e, x.end) - max(s, x.start))
            ent = Entity(label, s, e, text[s:e], score=0.9, source="owner_note")
            entities.append(ent)
            by_span[(s, e)] = ent
            return ent

        for item in structure.items:
            s, e = norm.to_original(item.start, item.end)
            task = Task(s, e, text[s:e], section=list(item.section), title=item.title, number=item.number,
                        source=item.source)
            note_spans = []
            for note in item.notes:
                note_spans.append(norm.to_original(note.start, note.end))
                for unit in note.units:
                    us, ue = norm.to_original(unit.start, unit.end)
                    ent = entity_for(us, ue, unit.label)
                    rel_type = "LEAD" if unit.role == "lead" else "OWNER"
                    if any(r.task is task and r.target is ent for r in relations):
                        continue
                    relations.append(Relation(rel_type, task, ent, score=min(1.0, ent.score), evidence=note.kind))
                    (task.lead if rel_type == "LEAD" else task.owners).append(ent)
            for ent in entities:
                inside = s <= ent.start and ent.end <= e
                in_note = any(a <= ent.start and ent.end <= b for a, b in note_spans)
                if ent.label == "METRIC" and inside:
                    task.metrics.append(ent)
                elif ent.label == "DEADLINE" and (inside or in_note):
                    task.deadlines.append(ent)
                    relations.append(Relation("DUE", task, ent, score=ent.score,
                                              evidence="inside" if inside else "owner_note"))
            tasks.append(task)
        doc.tasks = tasks
        doc.entities = sorted(entities, key=lambda x: (x.start, x.end))
        doc.relations = relations
        doc.sections = [_section(sec, norm) for sec in structure.sections]


# ---------------------------------------------------------------- helpers

def _check_text(text, max_chars: int) -> None:
    if not isinstance(text, str):
        raise TypeError(f"[E001] extract() takes a str, not {type(text).__name__}. "
                        "Decode bytes first, or use govie.read(path) for files.")
    if len(text) > max_chars:
        raise InputError("E010", size=len(text), limit=max_chars)


def _check_year(year) -> int | None:
    if year is None:
        return None
    if isinstance(year, bool) or not isinstance(year, int) or not 1949 <= year <= 2100:
        raise InputError("E002", value=year)
    return year


def infer_year(structure: Structure) -> int | None:
    """The year a plan is for: from its title, else the first year in running text, else its date."""
    for title in (structure.front.title, structure.front.notice_title):
        if title:
            m = _YEAR.search(title)
            if m:
                return int(m.group(1))
    text = structure.text
    for item in structure.items[:5]:
        m = _YEAR.search(re.sub(r"《[^》]*》", "", text[item.start:item.end]))
        if m:
            return int(m.group(1))
    if structure.front.date:
        return int(structure.front.date[:4])
    m = _YEAR.search(re.sub(r"《[^》]*》", "", text[:3000])) or _YEAR.search(text[:3000])
    if m is None:  # a plan period inside a title, "(2019-2021)", is still a hint
        m = re.search(r"(19[5-9]\d|20\d\d)\s*[-—至]\s*(19[5-9]\d|20\d\d)", text[:3000])
    return int(m.group(1)) if m else None


def _front_meta(structure: Structure, norm: NormalizedText) -> dict:
    fm = structure.front
    meta = {}
    if fm.title:
        meta["title"] = fm.title
    if fm.issuer:
        meta["issuer"] = fm.issuer
    if fm.doc_number:
        meta["doc_number"] = fm.doc_number
    if fm.date:
        meta["date"] = fm.date
    return meta


def _section(sec, norm: NormalizedText) -> Section:
    s, e = norm.to_original(sec.start, sec.end)
    return Section(sec.title, sec.level, s, e, sec.task_section, [_section(c, norm) for c in sec.children])
