"""Writing results: JSONL records, the accountability table as CSV/XLSX, or a terminal table.

Writers take an iterable of (name, Document) and write each document as soon
as it arrives, flushing, so an interrupted run over a large directory keeps
everything it finished.
"""
from __future__ import annotations

import csv
import json
import sys
from typing import IO, Iterable

FORMATS = ("table", "jsonl", "csv", "xlsx")
ROW_FIELDS = ["document", "section", "number", "title", "task", "metrics", "deadline", "lead", "owners",
              "start", "end"]


def write_jsonl(docs: Iterable, out: IO[str]) -> None:
    for name, doc in docs:
        record = doc.to_dict() if not doc.meta.get("error") else {"id": name, "error": doc.meta["error"]}
        if name and not doc.meta.get("error"):
            record["id"] = name
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()


def write_csv(docs: Iterable, out: IO[str]) -> None:
    writer = csv.DictWriter(out, fieldnames=ROW_FIELDS + ["error"], extrasaction="ignore")
    writer.writeheader()
    for name, doc in docs:
        if doc.meta.get("error"):
            writer.writerow({"document": name, "error": doc.meta["error"]})
        for row in doc.rows():
            writer.writerow({"document": name, **row})
        out.flush()


def write_xlsx(docs: Iterable, path: str) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("tasks")
    ws.append(ROW_FIELDS + ["error"])
    for name, doc in docs:
        if doc.meta.get("error"):
            ws.append([name] + [""] * (len(ROW_FIELDS) - 1) + [doc.meta["error"]])
        for row in doc.rows():
            ws.append([name] + [row[f] for f in ROW_FIELDS[1:]])
    wb.save(path)


def write_table(docs: Iterable, out: IO[str] | None = None, *, width: int | None = None) -> None:
    """Print each document's accountability table; rich measures CJK widths correctly."""
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out or sys.stdout, width=width or 160, highlight=False, soft_wrap=False)
    for name, doc in docs:
        if doc.meta.get("error"):
            console.print(f"[bold red]{name}: {doc.meta['error']}[/]")
            continue
        head = " · ".join(str(x) for x in (doc.meta.get("title"), doc.meta.get("issuer"), doc.meta.get("doc_number"),
                                          doc.year and f"year {doc.year}") if x)
        table = Table(title=f"{name}\n{head}", show_lines=False, expand=True, title_justify="left")
        for col, ratio in (("section", 2), ("task", 5), ("metrics", 2), ("deadline", 1), ("lead", 2), ("owners", 3)):
            table.add_column(col, ratio=ratio, overflow="fold")
        for row in doc.rows():
            section = row["section"].split(" > ")[-1] if row["section"] else ""
            label = row["title"] or row["task"]
            label = (f"{row['number']}. " if row["number"] else "") + (label[:60] + ("…" if len(label) > 60 else ""))
            table.add_row(section[:14] + ("…" if len(section) > 14 else ""), label, row["metrics"], row["deadline"], row["lead"], row["owners"])
        console.print(table)
        console.print(f"{len(doc.tasks)} tasks, {len(doc.entities)} entities, {len(doc.relations)} relations\n")
