"""The ``govie`` command.

Sub-commands map one to one onto the Python API so that anything the shell
does can be done from Python and the other way round.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .output import FORMATS


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args) or 0
    except BrokenPipeError:  # `govie extract … | head` is fine
        return 0
    except (OSError, ValueError) as err:  # say what failed, never a traceback from deep inside
        print(f"govie: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="govie",
        description="Turn Chinese government work plans into accountability data: tasks, lead and other "
                    "owners, deadlines and quantified targets.",
        epilog="Example: govie extract examples/000_5faf861f23ba1fc9.txt --format table")
    p.add_argument("--version", action="version", version=f"govie {__version__}")
    sub = p.add_subparsers(title="commands", metavar="COMMAND")

    ex = sub.add_parser("extract", help="extract tasks, owners, targets and deadlines from documents",
                        description="Read documents (files, directories of .txt files, or - for stdin) and "
                                    "write what govie finds in them.")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="file, directory, or - for standard input")
    ex.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output "
                                                          "(required for xlsx)")
    ex.add_argument("-f", "--format", choices=FORMATS, default=None,
                    help="table: accountability table in the terminal (default on a terminal); "
                         "jsonl: one annotation record per document (default otherwise); "
                         "csv/xlsx: one row per task")
    ex.add_argument("--year", type=int, help="the year the plans are for (default: inferred per document)")
    ex.add_argument("--model", metavar="DIR", help="model directory from `govie train` (default: bundled model)")
    ex.add_argument("--workers", type=int, default=1, metavar="N", help="processes to use (default 1)")
    ex.set_defaults(func=_cmd_extract)

    rd = sub.add_parser("render", help="an HTML page: the text with what govie found marked, and the table",
                        description="Extract documents and write one self-contained HTML page (inline CSS, no "
                                    "scripts or downloads): each document's text with entities and tasks marked, "
                                    "every task's lead, owners, deadline and targets, and the accountability "
                                    "table. A file that fails is reported on the page and on stderr; the "
                                    "others still render, and the exit status is 1.")
    rd.add_argument("paths", nargs="+", metavar="DOC", help="file (.txt, .html, .docx), directory, or - for "
                                                            "standard input")
    rd.add_argument("-o", "--output", required=True, metavar="OUT.html", help="the page to write")
    rd.add_argument("--title", help="page title (default: the names of the inputs)")
    rd.add_argument("--year", type=int, help="the year the plans are for (default: inferred per document)")
    rd.add_argument("--model", metavar="DIR", help="model directory from `govie train` (default: bundled model)")
    rd.add_argument("--workers", type=int, default=1, metavar="N", help="processes to use (default 1)")
    rd.set_defaults(func=_cmd_render)

    tr = sub.add_parser("train", help="train a model from annotated records",
                        description="Train the entity tagger (and relation classifier) from records in the format "
                                    "of data/ANNOTATION.md, deterministically for a given --seed.")
    tr.add_argument("--train", required=True, metavar="FILE", help="training records (.jsonl)")
    tr.add_argument("--dev", metavar="FILE", help="dev records, scored after training (never trained on)")
    tr.add_argument("--out", required=True, metavar="DIR", help="model directory to write")
    tr.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    tr.add_argument("--segmenter", choices=("jieba", "pkuseg"), default="jieba",
                    help="word segmenter for the tagger (default jieba)")
    tr.add_argument("--quiet", action="store_true", help="no progress bar")
    tr.set_defaults(func=_cmd_train)

    ev = sub.add_parser("evaluate", help="score a model on annotated records, with baselines",
                        description="Per-label precision, recall and F1 (exact and overlapping spans), norm "
                                    "accuracy, TASK and relation F1; jieba.posseg and jionlp baselines on the "
                                    "same records.")
    ev.add_argument("file", metavar="FILE.jsonl", help="gold records")
    ev.add_argument("--model", metavar="DIR", help="model directory (default: bundled model)")
    ev.add_argument("--json", action="store_true", help="print the full results as JSON")
    ev.add_argument("--no-baselines", action="store_true", help="skip the baselines")
    ev.set_defaults(func=_cmd_evaluate)

    data = sub.add_parser("data", help="work with annotated records: validate, build, stats, convert",
                          description="Tools for the annotated corpus (record format: data/ANNOTATION.md).")
    dsub = data.add_subparsers(title="data commands", metavar="DATA_COMMAND")
    dv = dsub.add_parser("validate", help="check records against the record format")
    dv.add_argument("paths", nargs="+", metavar="PATH", help=".jsonl/.json record files, or markup .txt files")
    dv.set_defaults(func=_cmd_data_validate)
    db = dsub.add_parser("build", help="compile data/markup into data/train.jsonl and data/dev.jsonl")
    db.add_argument("--markup", default="data/markup", help="markup directory (default data/markup)")
    db.add_argument("--out", default="data", help="output directory (default data)")
    db.add_argument("--split", default="data/split.json", help="split file naming the dev provinces "
                                                               "(default data/split.json)")
    db.set_defaults(func=_cmd_data_build)
    ds = dsub.add_parser("stats", help="counts per label, relation, style, place and split")
    ds.add_argument("paths", nargs="+", metavar="PATH", help="record files; the file name stem names the split")
    ds.add_argument("--documents", action="store_true", help="print the table of documents instead")
    ds.set_defaults(func=_cmd_data_stats)
    dc = dsub.add_parser("convert", help="convert records: Label Studio export in; DocBin or HTML out",
                         description="Label Studio JSON export → records (.jsonl); records → spaCy DocBin "
                                     "(.spacy) for `spacy train`; records → HTML page for reviewing.")
    dc.add_argument("input", help="records (.jsonl/.json) or, with --from labelstudio, a Label Studio export")
    dc.add_argument("output", help="output file: .jsonl, .spacy or .html")
    dc.add_argument("--from", dest="source_format", choices=("records", "labelstudio"), default="records")
    dc.add_argument("--year", type=int, help="plan year for Label Studio tasks that carry none")
    dc.set_defaults(func=_cmd_data_convert)
    data.set_defaults(func=lambda args: data.print_help() or 2)
    return p


def _cmd_train(args) -> int:
    from .training import train

    meta = train(args.train, args.dev, args.out, seed=args.seed, segmenter=args.segmenter, progress=not args.quiet)
    print(f"model written to {args.out} ({meta['trained_on']['documents']} documents, "
          f"{meta['train_seconds']} s)")
    if "dev" in meta:
        from .evaluate import format_results

        print(format_results({"govie": meta["dev"], "file": args.dev}))
    return 0


def _cmd_evaluate(args) -> int:
    import json

    from .evaluate import evaluate_path, format_results

    results = evaluate_path(args.file, model=args.model, baselines=not args.no_baselines)
    print(json.dumps(results, ensure_ascii=False, indent=2) if args.json else format_results(results))
    return 0


def _progress_bar(total: int):
    """A progress bar on stderr for runs over several files, when a person is watching."""
    if total < 2 or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=Console(file=sys.stderr), transient=True)
    progress.add_task("extract", total=total)
    progress.start()
    return progress


def _error_doc(reason: str):
    from .document import Document

    return Document(text="", meta={"error": reason})


def _load_any(path):
    """Records from a record file, or the record compiled from a markup file."""
    from .corpus.markup import compile_markup, to_record
    from .corpus.records import read_records

    if str(path).endswith(".txt"):
        return [to_record(compile_markup(open(path, encoding="utf-8").read()))]
    return list(read_records(path))


def _cmd_data_validate(args) -> int:
    from .corpus.records import check_record

    bad = 0
    for path in args.paths:
        try:
            records = _load_any(path)
        except (OSError, ValueError) as err:
            print(f"{path}: ERROR {err}")
            bad += 1
            continue
        for rec in records:
            errs = check_record(rec)
            n_ent, n_rel = len(rec.get("entities", [])), len(rec.get("relations", []))
            print(f"{path} [{rec.get('id')}] {n_ent} entities, {n_rel} relations: {'OK' if not errs else 'ERRORS'}")
            for e in errs:
                print("   ", e)
            bad += bool(errs)
    return 1 if bad else 0


def _cmd_data_build(args) -> int:
    from .corpus.build import compile_dir, load_split
    from .corpus.records import write_records

    by_split, errors = compile_dir(args.markup, load_split(args.split))
    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        return 1
    Path(args.out).mkdir(parents=True, exist_ok=True)
    for split, records in by_split.items():
        out = Path(args.out) / f"{split}.jsonl"
        write_records(records, out)
        print(f"{out}: {len(records)} documents, {sum(len(r['text']) for r in records):,} characters")
    return 0


def _cmd_data_convert(args) -> int:
    from .corpus.convert import from_label_studio, to_docbin, to_html
    from .corpus.records import read_records, write_records

    if args.source_format == "labelstudio":
        records = from_label_studio(args.input, default_year=args.year)
    else:
        records = list(read_records(args.input))
    out = args.output
    if out.endswith(".spacy"):
        n = to_docbin(records, out)
    elif out.endswith(".html"):
        Path(out).write_text(to_html(records), encoding="utf-8")
        n = len(records)
    elif out.endswith(".jsonl"):
        write_records(records, out)
        n = len(records)
    else:
        print("govie: output must end in .jsonl, .spacy or .html", file=sys.stderr)
        return 2
    print(f"{out}: {n} documents")
    return 0


def _cmd_data_stats(args) -> int:
    from .corpus.stats import corpus_stats, format_stats

    by_split = {}
    for path in args.paths:
        by_split.setdefault(Path(path).stem, []).extend(_load_any(path))
    if args.documents:
        from .corpus.stats import format_documents

        print(format_documents(by_split))
    else:
        print(format_stats(corpus_stats(by_split)))
    return 0


def _documents(args, extractor, failures: list):
    """(name, Document) for each input of `extract` or `render`, in input order.

    A file that cannot be read or extracted becomes a Document carrying the
    error, is reported on stderr and appended to ``failures``, so one bad
    input never loses the others.
    """
    from .reader import iter_paths, read

    sources = []
    for raw in args.paths:
        if raw == "-":
            sources.append(("<stdin>", None))
        else:
            found = iter_paths([raw])
            if not found:
                failures.append(raw)
                print(f"govie: {raw}: no documents found", file=sys.stderr)
            sources.extend((str(f), f) for f in found)

    def texts():
        for name, path in sources:
            try:
                yield name, path, (sys.stdin.read() if path is None else read(path).text), None
            except Exception as err:
                yield name, path, None, str(err)

    if args.workers > 1:
        # Read in this process, extract in the pool; results keep the input order.
        import itertools

        from .document import Document

        read_items, to_extract = itertools.tee(texts())
        docs = extractor.extract_many((t if t is not None else "" for _, _, t, _ in to_extract),
                                      year=args.year, n_process=args.workers)
        results = ((name, path, Document(text="", meta={"error": err}) if err else doc)
                   for (name, path, _, err), doc in zip(read_items, docs))
    else:
        results = ((name, path, extractor.extract_safe(t, year=args.year) if err is None
                    else _error_doc(err)) for name, path, t, err in texts())
    progress = _progress_bar(len(sources))
    for name, path, doc in results:
        doc.meta["source"] = name
        if doc.meta.get("error"):
            failures.append(name)
            print(f"govie: {name}: {doc.meta['error']}", file=sys.stderr)
        if progress is not None:
            progress.advance(progress.task_ids[0])
        yield Path(name).stem if path is not None else name, doc
    if progress is not None:
        progress.stop()


def _load_extractor(args):
    """The model named by --model, or None after saying on stderr why it cannot be used."""
    from .api import load

    try:
        return load(args.model)
    except Exception as err:
        print(f"govie: {err}", file=sys.stderr)
        return None


def _cmd_extract(args) -> int:
    from .output import write_csv, write_jsonl, write_table, write_xlsx

    fmt = args.format or ("xlsx" if args.output and args.output.endswith(".xlsx") else
                          "table" if sys.stdout.isatty() and not args.output else "jsonl")
    if fmt == "xlsx" and not args.output:
        print("govie: --format xlsx needs -o FILE.xlsx", file=sys.stderr)
        return 2
    extractor = _load_extractor(args)
    if extractor is None:
        return 2
    failures = []

    if fmt == "xlsx":
        write_xlsx(_documents(args, extractor, failures), args.output)
    else:
        out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
        try:
            writer = {"jsonl": write_jsonl, "csv": write_csv, "table": write_table}[fmt]
            writer(_documents(args, extractor, failures), out)
        finally:
            if args.output:
                out.close()
    return 1 if failures else 0


def _cmd_render(args) -> int:
    from .render import write_html

    extractor = _load_extractor(args)
    if extractor is None:
        return 2
    failures: list = []
    with open(args.output, "w", encoding="utf-8") as out:
        title = args.title or ", ".join(Path(p).name if p != "-" else "stdin" for p in args.paths)
        write_html(_documents(args, extractor, failures), out, title=title)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
