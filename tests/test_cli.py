"""The govie command, called in-process through its main()."""
import csv
import io
import json

from govie import __version__
from govie.cli import main



def test_version(capsys):
    try:
        main(["--version"])
    except SystemExit as e:
        assert e.code == 0
    assert capsys.readouterr().out.strip() == f"govie {__version__}"


def test_extract_table_prints_the_accountability_table(capsys, seeds):
    assert main(["extract", str(seeds["000"]), "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "金府办发〔2018〕33号" in out
    assert "区规划土地局" in out and "48 tasks" in out


def test_extract_jsonl_to_file_writes_valid_records(tmp_path, seeds):
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(seeds["000"]), str(seeds["004"]), "-o", str(out), "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["000_5faf861f23ba1fc9", "004_304b8f80a1f0d01d"]
    assert records[1]["meta"]["year"] == 2020


def test_extract_csv_from_a_directory(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("一、主要任务\n1.新建学校。(区教育局牵头)\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("一、主要任务\n1.新建医院。(区卫健委牵头)\n2.新建道路。(区交通委牵头)\n",
                                    encoding="utf-8")
    assert main(["extract", str(tmp_path), "--format", "csv", "--year", "2021"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["document"], r["task"], r["lead"]) for r in rows] == [
        ("a", "新建学校。", "区教育局"), ("b", "新建医院。", "区卫健委"), ("b", "新建道路。", "区交通委")]


def test_extract_stdin(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("一、主要任务\n1.完成老旧小区改造。(区建委牵头)"))
    assert main(["extract", "-", "--format", "jsonl"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["id"] == "<stdin>" and len(rec["relations"]) == 1


def test_a_missing_file_is_reported_and_the_others_still_come_out(tmp_path, capsys, seeds):
    out = tmp_path / "out.jsonl"
    code = main(["extract", str(tmp_path / "missing.txt"), str(seeds["004"]), "-o", str(out), "-f", "jsonl"])
    assert code == 1
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert "E003" in lines[0]["error"] and len(lines[1]["entities"]) > 0
    assert "missing.txt" in capsys.readouterr().err


def test_xlsx_output(tmp_path, seeds):
    from openpyxl import load_workbook

    out = tmp_path / "t.xlsx"
    assert main(["extract", str(seeds["000"]), "-o", str(out)]) == 0
    ws = load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:5] == ("document", "section", "number", "title", "task")
    assert len(rows) == 1 + 48


def test_workers_option_keeps_the_input_order(tmp_path, capsys):
    for i in range(4):
        (tmp_path / f"d{i}.txt").write_text(f"一、主要任务\n1.新建第{i}所学校。(区教育局牵头)\n", encoding="utf-8")
    assert main(["extract", str(tmp_path), "--workers", "2", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    tasks = [(r["document"], r["task"]) for r in rows if r["task"]]
    assert tasks == [(f"d{i}", f"新建第{i}所学校。") for i in range(4)]


def test_gbk_file_is_read_like_utf8(tmp_path, capsys):
    text = "一、主要任务\n1.新增养老床位200张。(区民政局牵头)\n"
    (tmp_path / "gbk.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "utf8.txt").write_text(text, encoding="utf-8")
    assert main(["extract", str(tmp_path / "gbk.txt"), str(tmp_path / "utf8.txt"), "-f", "jsonl"]) == 0
    a, b = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert a["text"] == b["text"] and a["entities"] == b["entities"]


def test_progress_bar_only_when_someone_watches(tmp_path, monkeypatch, capsys):
    for i in range(3):
        (tmp_path / f"d{i}.txt").write_text("一、主要任务\n1.新建学校。(区教育局牵头)\n", encoding="utf-8")
    assert main(["extract", str(tmp_path), "-f", "jsonl"]) == 0
    assert "extracting" not in capsys.readouterr().err  # stderr is not a terminal here
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    from govie import cli

    bar = cli._progress_bar(3)
    assert bar is not None and bar.tasks[0].total == 3
    bar.stop()
