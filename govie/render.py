"""An HTML page for reading a plan together with what govie found in it.

The table answers "who is accountable for what"; the page exists so a reader
can check each answer against the sentence it came from. So the document
text is shown whole and unaltered (its DOM text is ``Document.text`` plus the
task panels), entities are marked in displaCy's style, each task carries a
number, and its lead, owners, deadline and targets sit directly under the
line where it ends. Owners copied from an annexed table to a body item are
drawn dashed, because the text never says them there.

Everything is inline (CSS only, no scripts, fonts or CDN) so a page can be
mailed or archived as one file and still open on an offline machine.

Labels are drawn by CSS (``::after``) rather than written into the text, so
selecting and copying marked text copies the document's words and nothing else.
"""
from __future__ import annotations

import html
from typing import IO, Iterable

from .document import Document, Entity, Task, _metric_str
from .output import ROW_FIELDS

LABELS = {  # label → (colour, what it means in the documents)
    "AGENCY": ("#7aecec", "单位"),
    "TOWN": ("#feca74", "镇/街道"),
    "METRIC": ("#d7c4ff", "指标"),
    "DEADLINE": ("#ffb4c2", "时限"),
}
OTHER_COLOUR = "#e0e0e0"
TASK_COLOUR = "#3b6fd4"

FONT_STACK = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
              '"Noto Sans", sans-serif')

CSS = """
*{box-sizing:border-box}
body{font-family:%(font)s;margin:0;background:#f5f6f8;color:#1f2328;font-size:15px;line-height:1.6}
main{max-width:1240px;margin:0 auto;padding:20px 24px 48px}
header.page{display:flex;gap:10px;align-items:baseline;color:#59636e;font-size:13px}
header.page h1{font-size:14px;margin:0;color:#1f2328}
header.page .brand{font-weight:700;color:%(task)s}
section.doc{background:#fff;border:1px solid #d8dde3;border-radius:8px;padding:18px 22px;margin:18px 0}
section.doc>h2{font-size:19px;margin:0 0 4px}
.meta{color:#59636e;font-size:13px;margin:0 0 2px}
.meta span+span:before{content:" · ";color:#aab}
.legend{display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center;font-size:13px;margin:10px 0 12px;color:#444}
.legend .key{display:inline-flex;align-items:center;gap:4px}
.legend .sw{display:inline-block;width:14px;height:14px;border-radius:3px}
.legend .sw-task{background:rgba(59,111,212,.10);border-bottom:2px solid %(task)s;border-radius:0}
.legend .sw-inferred{border:1.5px dashed #6a737d;background:#fff}
h3{font-size:15px;margin:18px 0 8px;color:#333}
.text{white-space:pre-wrap;word-break:break-word;line-height:2.1;font-size:15px;padding:10px 14px;
 border:1px solid #e3e6ea;border-radius:6px;background:#fcfcfd;max-height:1500px;overflow:auto;resize:vertical}
.text .empty{color:#888;font-style:italic}
mark.ent{padding:.2em .35em;margin:0 .1em;border-radius:.35em;line-height:1;color:#111;
 -webkit-box-decoration-break:clone;box-decoration-break:clone}
mark.ent:after{content:attr(data-label);font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;font-size:.56em;
 font-weight:700;letter-spacing:.02em;line-height:1;border-radius:.3em;margin-left:.4em;vertical-align:middle;
 padding:.15em .3em;background:rgba(255,255,255,.6);color:#333}
.tk{background:rgba(59,111,212,.09);border-bottom:2px solid %(task)s;
 -webkit-box-decoration-break:clone;box-decoration-break:clone}
mark .tk{background:none}
a.tno{text-decoration:none}
a.tno:before{content:attr(data-n);display:inline-block;font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;
 font-size:11px;font-weight:700;line-height:1;color:#fff;background:%(task)s;border-radius:9px;
 padding:3px 6px;margin:0 4px 0 2px;vertical-align:2px}
.facts{white-space:normal;line-height:1.55;font-size:13.5px;margin:2px 0 10px 1.2em;padding:6px 12px;
 background:#f1f5fd;border-left:3px solid %(task)s;border-radius:0 6px 6px 0}
.facts .head{font-weight:600;color:%(task)s;margin-bottom:2px}
.facts .head .src{font-weight:400;color:#59636e}
.facts dl{display:grid;grid-template-columns:5.2em 1fr;gap:1px 10px;margin:0}
.facts dt{color:#59636e}
.facts dd{margin:0}
.facts .none{color:#aab}
a.chip{display:inline-block;text-decoration:none;color:#111;border-radius:4px;padding:0 6px;margin:1px 4px 1px 0;
 border:1.5px solid transparent;line-height:1.6}
a.chip.inferred{background:#fff!important;border:1.5px dashed #6a737d}
.tag{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;font-size:10px;font-weight:700;color:#6a737d;
 margin-left:4px;vertical-align:1px}
table.rows{border-collapse:collapse;width:100%%;table-layout:fixed;font-size:13px;line-height:1.5}
table.rows th{background:#eef1f5;text-align:left;font-weight:600;padding:6px 6px;border:1px solid #d8dde3;
 font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;font-size:12px;color:#333}
table.rows td{padding:5px 6px;border:1px solid #e3e6ea;vertical-align:top;word-break:break-word}
table.rows tbody tr:nth-child(even){background:#fafbfc}
table.rows tr.table td:first-child{box-shadow:inset 3px 0 #feca74}
table.rows .clamp{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:3;overflow:hidden}
table.rows td.num{text-align:right;font-variant-numeric:tabular-nums;color:#59636e;font-size:12px}
table.rows span.inferred{text-decoration:underline dashed #6a737d;text-underline-offset:3px}
.error{color:#b42318;background:#fef3f2;border:1px solid #fecdca;border-radius:6px;padding:8px 12px}
.note{color:#59636e;font-size:13px}
@media print{.text{max-height:none;overflow:visible}body{background:#fff}section.doc{border:none}}
""" % {"font": FONT_STACK, "task": TASK_COLOUR}

# Column widths of the accountability table, in the order of ROW_FIELDS[1:], after the task number.
_COL_WIDTHS = {"#": "3.5%", "section": "10.5%", "number": "5.5%", "title": "10%", "task": "24%", "metrics": "10%",
               "deadline": "7.5%", "lead": "9%", "owners": "11%", "start": "4.5%", "end": "4.5%"}
_CLAMPED = ("section", "title", "task", "metrics", "owners")


def to_html(docs: Iterable, *, title: str | None = None) -> str:
    """One self-contained page; ``docs`` holds Documents or (name, Document) pairs.

    >>> from govie.document import Document, Entity
    >>> doc = Document("由区民政局负责", entities=[Entity("AGENCY", 1, 5, "区民政局")])
    >>> page = to_html([doc])
    >>> '<mark class="ent" data-label="AGENCY"' in page and page.startswith("<!DOCTYPE html>")
    True
    """
    parts: list[str] = []
    write_html(docs, _Collect(parts), title=title)
    return "".join(parts)


def write_html(docs: Iterable, out: IO[str], *, title: str | None = None) -> None:
    """Write the page a section at a time, flushing, as the other writers do for long runs."""
    out.write(page_head(title))
    n = 0
    for n, item in enumerate(docs, 1):
        name, doc = item if isinstance(item, tuple) else (None, item)
        out.write(document_section(doc, name=name, index=n))
        out.flush()
    if n == 0:
        out.write('<p class="note">No documents.</p>')
    out.write(page_foot())
    out.flush()


def page_head(title: str | None = None) -> str:
    t = _esc(title or "govie")
    h1 = f"<h1>{t}</h1>" if title else ""
    return ('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{t}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n'
            f'<header class="page"><span class="brand">govie</span>{h1}<span>tasks, who leads them, '
            'who else owns them, by when, and what they target</span></header>\n')


def page_foot() -> str:
    return "</main>\n</body>\n</html>\n"


def document_section(doc: Document, *, name: str | None = None, index: int = 1) -> str:
    """One document: heading, marked text with task panels, accountability table.

    ``index`` keeps element ids unique when several documents share a page.
    """
    did = f"d{index}"
    name = name or doc.meta.get("source") or doc.id or f"document {index}"
    heading = doc.meta.get("title") or name
    out = [f'<section class="doc" id="{did}" data-name="{_esc(name)}">\n<h2>{_esc(heading)}</h2>\n']
    facts = [x for x in (name if name != heading else None, doc.meta.get("issuer"), doc.meta.get("doc_number"),
                         doc.meta.get("date"), doc.year and f"plan year {doc.year}") if x]
    if facts:
        out.append('<p class="meta">' + "".join(f"<span>{_esc(x)}</span>" for x in facts) + "</p>\n")
    if doc.meta.get("error"):
        out.append(f'<p class="error">Could not extract this document: {_esc(doc.meta["error"])}</p>\n</section>\n')
        return "".join(out)
    n_inferred = sum(r.inferred for r in doc.relations)
    out.append(f'<p class="meta"><span>{len(doc.tasks)} tasks</span><span>{len(doc.entities)} entities</span>'
               f'<span>{len(doc.relations)} relations ({n_inferred} inferred)</span></p>\n')
    out.append(_legend())
    out.append("<h3>Text</h3>\n")
    out.append(f'<div class="text" lang="zh-CN">{_text_html(doc, did)}</div>\n')
    out.append("<h3>Accountability table</h3>\n")
    out.append(_table_html(doc, did))
    out.append("</section>\n")
    return "".join(out)


# ---------------------------------------------------------------- the text


def _text_html(doc: Document, did: str) -> str:
    """The text cut at every entity, task and panel boundary.

    Entity marks are the outer elements and are never split, so each entity
    is exactly one ``<mark>``; task highlighting is carried by the runs of
    text inside and outside them, so a task that begins or ends inside an
    entity still nests correctly.
    """
    text = doc.text
    if not text:
        return '<span class="empty">(empty document)</span>'
    marks = _nested_marks(doc.entities)
    inferred = _inferred(doc)
    panels: dict[int, list[int]] = {}
    for i, t in enumerate(doc.tasks):
        panels.setdefault(_panel_position(text, t, marks), []).append(i)
    starts: dict[int, list[int]] = {}
    for i, t in enumerate(doc.tasks):
        starts.setdefault(min(max(t.start, 0), len(text)), []).append(i)
    cuts = {0, len(text), *panels, *starts}
    for e, _ in marks:
        cuts.update((e.start, e.end))
    for t in doc.tasks:
        cuts.update((max(0, t.start), min(len(text), t.end)))
    cuts = sorted(c for c in cuts if 0 <= c <= len(text))
    opening: dict[int, list] = {}
    for e, k in marks:
        opening.setdefault(e.start, []).append((e, k))
    ending: dict[int, list[int]] = {}
    for i, t in enumerate(doc.tasks):
        ending.setdefault(min(len(text), t.end), []).append(i)
    out: list[str] = []
    stack: list[Entity] = []
    active: set[int] = set()
    for p, q in zip(cuts, cuts[1:] + [None]):
        active.difference_update(ending.get(p, ()))
        active.update(i for i in starts.get(p, ()) if doc.tasks[i].end > p)
        while stack and stack[-1].end == p:
            stack.pop()
            out.append("</mark>")
        for i in panels.get(p, ()):
            out.append(_panel_html(doc, i, did, inferred))
        for i in starts.get(p, ()):
            t = doc.tasks[i]
            out.append(f'<a class="tno" id="{did}-t{i + 1}" href="#{did}-r{i + 1}" data-n="T{i + 1}" '
                       f'title="{_esc(_task_caption(t))}"></a>')
        for e, k in opening.get(p, ()):  # already longest first
            out.append(_mark_open(e, k, did))
            stack.append(e)
        if q is None:
            break
        covering = sorted(active)
        run = _esc(text[p:q])
        if covering:
            out.append(f'<span class="tk" data-t="{" ".join(f"T{i + 1}" for i in covering)}">{run}</span>')
        else:
            out.append(run)
    out.extend("</mark>" for _ in stack)
    return "".join(out)


def _nested_marks(entities: list) -> list[tuple[Entity, int]]:
    """The entities that can be marks: non-empty and nesting, never crossing.

    The tagger's entities never overlap; a hand-built Document might, and an
    entity crossing an earlier one keeps its place in the panels and the
    table but gets no mark, because HTML elements cannot cross.
    """
    order = sorted((e for e in enumerate(entities) if e[1].start < e[1].end),
                   key=lambda x: (x[1].start, -x[1].end, x[0]))
    kept, open_ = [], []
    for k, e in order:
        while open_ and open_[-1].end <= e.start:
            open_.pop()
        if open_ and e.end > open_[-1].end:
            continue
        kept.append((e, k))
        open_.append(e)
    return kept


def _panel_position(text: str, task: Task, marks: list) -> int:
    """Just after the line on which the task ends, and never inside a mark."""
    if task.end <= 0:
        return 0
    nl = text.find("\n", max(task.start, task.end - 1, 0))
    pos = len(text) if nl < 0 else nl + 1
    moved = True
    while moved:
        moved = False
        for e, _ in marks:
            if e.start < pos < e.end:
                pos, moved = e.end, True
    return min(pos, len(text))


def _mark_open(e: Entity, k: int, did: str) -> str:
    colour = LABELS.get(e.label, (OTHER_COLOUR,))[0]
    tip = e.label + (f" {_norm_str(e)}" if e.norm else "") + f" · score {e.score:.2f}"
    return (f'<mark class="ent" data-label="{_esc(e.label)}" id="{did}-e{k}" data-start="{e.start}" '
            f'data-end="{e.end}" style="background:{colour}" title="{_esc(tip)}">')


def _norm_str(e: Entity) -> str:
    n = e.norm or {}
    if e.label == "DEADLINE" and n.get("date"):
        return str(n["date"])
    if e.label == "METRIC":
        return _metric_str(e)
    return ", ".join(f"{k}={v}" for k, v in n.items())


# ---------------------------------------------------------------- tasks


def _inferred(doc: Document) -> dict:
    """(task, entity, type) → the evidence for each owner the text does not state at that task."""
    return {(id(r.task), id(r.target), r.type): r.evidence or "inferred" for r in doc.relations if r.inferred}


def _task_caption(t: Task) -> str:
    number = f"{t.number}. " if t.number else ""
    return number + (t.title or (t.text[:30] + ("…" if len(t.text) > 30 else "")))


def _panel_html(doc: Document, i: int, did: str, inferred: dict) -> str:
    t = doc.tasks[i]
    src = "annex table row" if t.source == "table" else "body"
    sources = sorted({v for (task, _, _), v in inferred.items() if task == id(t)})
    if sources:
        src += "; owners inferred from " + "; ".join(sources)
    head = (f'<div class="head">T{i + 1} · {_esc(_task_caption(t))} <span class="src">({_esc(src)}; '
            f'<a href="#{did}-r{i + 1}">table row</a>)</span></div>')
    index = {id(e): k for k, e in enumerate(doc.entities)}

    def chips(ents, rtype, show=lambda e: e.text):
        if not ents:
            return '<span class="none">—</span>'
        out = []
        for e in ents:
            colour = LABELS.get(e.label, (OTHER_COLOUR,))[0]
            evidence = inferred.get((id(t), id(e), rtype))
            attrs = f' class="chip inferred" data-inferred="true" title="inferred from {_esc(evidence)}"' \
                if evidence else f' class="chip" title="{_esc(e.label)}"'
            href = f' href="#{did}-e{index[id(e)]}"' if id(e) in index else ""
            tag = '<span class="tag">inferred</span>' if evidence else ""
            out.append(f'<a{attrs}{href} style="background:{colour}">{_esc(show(e))}{tag}</a>')
        return "".join(out)

    rows = [("lead", chips(t.lead, "LEAD")), ("owners", chips(t.owners, "OWNER")),
            ("deadline", chips(t.deadlines, "DUE", lambda e: (e.norm or {}).get("date") or e.text)),
            ("metrics", chips(t.metrics, "", _metric_str))]
    body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<div class="facts" data-task="T{i + 1}">{head}<dl>{body}</dl></div>'


# ---------------------------------------------------------------- the table


def _table_html(doc: Document, did: str) -> str:
    if not doc.tasks:
        return '<p class="note">No tasks found.</p>\n'
    cols = ["#"] + ROW_FIELDS[1:]
    inferred = _inferred(doc)
    out = ['<table class="rows"><colgroup>' + "".join(f'<col style="width:{_COL_WIDTHS.get(c, "6%")}">'
                                                       for c in cols) + "</colgroup>\n<thead><tr>"
           + "".join(f"<th>{_esc(c)}</th>" for c in cols) + "</tr></thead>\n<tbody>\n"]
    for i, (t, row) in enumerate(zip(doc.tasks, doc.rows())):
        cells = [f'<td><a href="#{did}-t{i + 1}">T{i + 1}</a></td>']
        for field in ROW_FIELDS[1:]:
            if field in ("lead", "owners"):
                value = _names_html(t, t.lead if field == "lead" else t.owners,
                                    "LEAD" if field == "lead" else "OWNER", inferred)
            else:
                value = _esc(str(row[field]))
            if field in _CLAMPED and value:
                value = f'<div class="clamp" title="{_esc(str(row[field]))}">{value}</div>'
            cls = ' class="num"' if field in ("number", "start", "end") else ""
            cells.append(f'<td data-field="{field}"{cls}>{value}</td>')
        out.append(f'<tr id="{did}-r{i + 1}" class="{_esc(t.source)}" data-source="{_esc(t.source)}">'
                   + "".join(cells) + "</tr>\n")
    out.append("</tbody></table>\n")
    return "".join(out)


def _names_html(t: Task, ents: list, rtype: str, inferred: dict) -> str:
    """Joined exactly as ``Document.rows()`` joins them, so the cell's text is the row's value."""
    parts = []
    for e in ents:
        evidence = inferred.get((id(t), id(e), rtype))
        parts.append(f'<span class="inferred" data-inferred="true" title="inferred from {_esc(evidence)}">'
                     f"{_esc(e.text)}</span>" if evidence else _esc(e.text))
    return "、".join(parts)


# ---------------------------------------------------------------- helpers


def _legend() -> str:
    keys = [f'<span class="key"><span class="sw" style="background:{c}"></span>{label} {zh}</span>'
            for label, (c, zh) in LABELS.items()]
    keys.append('<span class="key"><span class="sw sw-task"></span>TASK 任务 (T1, T2 … in order)</span>')
    keys.append('<span class="key"><span class="sw sw-inferred"></span>inferred: copied from the annex row '
                'of the same task, not stated at this item</span>')
    return '<div class="legend">' + "".join(keys) + "</div>\n"


def _esc(s) -> str:
    return html.escape(str(s), quote=True)


class _Collect:
    """A write-only stream into a list, so to_html and write_html share one path."""

    def __init__(self, parts: list):
        self.parts = parts

    def write(self, s: str) -> None:
        self.parts.append(s)

    def flush(self) -> None:
        pass
