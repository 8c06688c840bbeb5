"""The pipeline: text → normalised text → structure → entities → relations → Document.

Each stage lives in its own package; this module only wires them and maps
offsets back to the caller's string at the end, so no stage needs to know
about the original text.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from .document import Document, Entity, Relation, Section, Task
from .entities.times import deadline_norm, deadline_scope, find_times, in_deadline_scope
from .errors import InputError, InputTypeError
from .model_dir import ModelDir
from .relations.linker import RelationLinker, TaskFilter, match_body_to_rows
from .structure.parser import Structure, parse
from .text import NormalizedText, normalize

MAX_CHARS = 20_000_000
_YEAR = re.compile(r"(19[5-9]\d|20\d\d)\s*年")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")



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
        self.task_filter = TaskFilter()
        self.linker = RelationLinker()
        if model is not None:
            try:
                if model.component("tasks") is not None:
                    self.task_filter = TaskFilter.from_disk(model.component("tasks"))
                if model.component("linker") is not None:
                    self.linker = RelationLinker.from_disk(model.component("linker"))
            except (OSError, ValueError, KeyError) as err:
                from .errors import ModelError

                raise ModelError("E009", path=model.path, reason=f"relation models unreadable ({err})") from None

    # ------------------------------------------------------------ public API

    def extract(self, text: str, *, year: int | None = None, meta: dict | None = None) -> Document:
        """Extract one document. Offsets in the result point into ``text``."""
        _check_text(text, self.max_chars)
        year = _check_year(year)
        norm = normalize(text)
        structure = parse(norm.text)
        doc = Document(text=text, meta=dict(meta or {}))
        doc.meta.update({k: as_written(norm, v) for k, v in _front_meta(structure).items()})
        if norm.traditional:
            doc.meta["script"] = "traditional"
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

    def _tag(self, norm: NormalizedText, structure: Structure, doc: Document) -> list:
        """Run the spaCy pipeline on the normalised text; returns the tagger's findings (normalised offsets)."""
        if self.nlp is None or not norm.text.strip():
            return []
        sdoc = self.nlp.make_doc(norm.text)
        sdoc.user_data["govie"] = {"structure": structure, "year": doc.year, "title": doc.meta.get("title")}
        for _, proc in self.nlp.pipeline:
            sdoc = proc(sdoc)
        return sdoc.user_data.get("govie_found", [])

    def _fill(self, doc: Document, norm: NormalizedText, structure: Structure) -> None:
        text = doc.text
        # 1. mentions: the tagger's, plus units named in owner notes that the tagger missed
        mentions = [(f.start, f.end, f.label, f.score, f.norm, "tagger") for f in self._tag(norm, structure, doc)]
        for item in structure.items:
            for note in item.notes:
                for u in note.units:
                    if not any(s < u.end and u.start < e for s, e, *_ in mentions):
                        mentions.append((u.start, u.end, u.label, 0.9, None, "owner_note"))
                # A 完成时限 line or cell says plainly that its time expression is the deadline.
                for d_start, d_end in note.deadlines:
                    for s0, e0 in find_times(norm.text, d_start, d_end):
                        value = deadline_norm(norm.text[s0:e0], doc.year)
                        if value and not any(s < e0 and s0 < e for s, e, *_ in mentions):
                            mentions.append((s0, e0, "DEADLINE", 0.9, value, "owner_note"))
        mentions.sort(key=lambda m: (m[0], m[1]))
        entities = []
        for s, e, label, score, norm_value, source in mentions:
            os_, oe = norm.to_original(s, e)
            if norm.traditional and label in ("AGENCY", "TOWN"):
                norm_value = {"name": norm.text[s:e]}  # the simplified name, for joining with other plans
            entities.append(Entity(label, os_, oe, text[os_:oe], norm=norm_value, score=score, source=source))
        # 2. tasks: structural items the task filter keeps
        scores = self.task_filter.scores(norm.text, structure)
        kept = [(it, sc) for it, sc in zip(structure.items, scores) if sc >= self.task_filter.threshold]
        # A time expression is a deadline only inside a task, its owner notes, or a notice's requirement.
        in_scope = deadline_scope((it for it, _ in kept), len(norm.text))
        keep = [m[2] != "DEADLINE" or in_deadline_scope(norm.text, in_scope, m[0], m[1]) for m in mentions]
        mentions = [m for m, k in zip(mentions, keep) if k]
        entities = [ent for ent, k in zip(entities, keep) if k]
        tasks = []
        for item, score in kept:
            s, e = norm.to_original(item.start, item.end)
            task = Task(s, e, text[s:e], section=[as_written(norm, h) for h in item.section],
                        title=as_written(norm, item.title, item.start), number=item.number,
                        source=item.source, score=score)
            task.metrics = [ent for ent in entities if ent.label == "METRIC" and s <= ent.start and ent.end <= e]
            tasks.append(task)
        # 3. relations: who leads, who else owns, by when
        relations = []
        items = [it for it, _ in kept]
        for i, m, rtype, score in self.linker.predict(norm.text, structure, items, [x[:3] for x in mentions]):
            task, ent = tasks[i], entities[m]
            relations.append(Relation(rtype, task, ent, score=score, evidence="linker"))
            {"LEAD": task.lead, "OWNER": task.owners, "DUE": task.deadlines}[rtype].append(ent)
        # 4. the same task written twice (body item and annex row) shares the row's owners
        for body, row in match_body_to_rows(tasks):
            for r in [r for r in relations if r.task is row and r.type in ("LEAD", "OWNER")]:
                if any(x.task is body and x.target is r.target for x in relations):
                    continue
                relations.append(Relation(r.type, body, r.target, score=r.score, inferred=True,
                                          evidence=f"annex row {row.number or ''}: {row.title or row.text[:20]}"))
                (body.lead if r.type == "LEAD" else body.owners).append(r.target)
        doc.tasks = tasks
        doc.entities = entities
        doc.relations = relations
        doc.sections = [_section(sec, norm) for sec in structure.sections]


# ---------------------------------------------------------------- helpers

def _check_text(text, max_chars: int) -> None:
    if not isinstance(text, str):
        raise InputTypeError("E001", type=type(text).__name__)
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


def _front_meta(structure: Structure) -> dict:
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


def as_written(norm: NormalizedText, phrase: str | None, near: int = 0) -> str | None:
    """A phrase of the normalised text in the characters the caller wrote.

    Only a document converted from traditional characters needs this: what
    govie reports should read as the caller's text does, while the structure
    parser worked on the simplified one. Normalisation outside Chinese
    characters (full-width digits, spaces) is kept, as headings always had it.
    """
    if not norm.traditional or not phrase:
        return phrase
    at = norm.text.find(phrase, near)
    if at < 0:
        at = norm.text.find(phrase)
    if at < 0:
        return phrase
    chars = []
    for i in range(at, at + len(phrase)):
        written = norm.original[norm.offsets[i]]
        chars.append(written if _HAN.match(written) else norm.text[i])
    return "".join(chars)


def _section(sec, norm: NormalizedText) -> Section:
    s, e = norm.to_original(sec.start, sec.end)
    return Section(as_written(norm, sec.title, sec.start), sec.level, s, e, sec.task_section,
                   [_section(c, norm) for c in sec.children])
