"""The CSV files a user has, given to `--data-dir`: Yahoo's own download as well as the
snapshot layout, columns found by name; a missing column or a bad row named, in one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from writer.data.csvbars import read_bars
from writer.errors import BadData, BadInput

WRITER = [sys.executable, "-c", "from writer.cli import main; main()"]
YAHOO = "Date,Open,High,Low,Close,Adj Close,Volume"


def brief(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*WRITER, "brief", "RUT", "--week", "2025-08-08", "--format", "json",
         "--data-dir", str(data_dir)],
        capture_output=True, text=True, env=os.environ.copy(), check=False,
    )  # fmt: skip


def snapshot_rows(synthetic: Path) -> list[list[str]]:
    return [line.split(",") for line in (synthetic / "RUT.csv").read_text().splitlines()[1:]]


def write(folder: Path, lines: list[str]) -> Path:
    folder.mkdir()
    (folder / "RUT.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_yahoos_layout_gives_the_brief_the_snapshot_gives(synthetic: Path, tmp_path: Path) -> None:
    # Adj Close differs from Close (dividends): the close is Close
    rows = [
        f"{d},{o},{h},{lo},{c},{float(c) * 0.9},{v}"
        for d, o, h, lo, c, v in snapshot_rows(synthetic)
    ]
    folder = write(tmp_path / "yahoo", [YAHOO, *rows])
    for peer in synthetic.glob("*.csv"):  # the peers in the snapshot layout, beside it
        if peer.name != "RUT.csv":
            (folder / peer.name).write_bytes(peer.read_bytes())
    yahoo = brief(folder)
    assert yahoo.returncode == 0, yahoo.stderr
    snapshot = brief(synthetic)
    assert json.loads(yahoo.stdout)["facts"] == json.loads(snapshot.stdout)["facts"]


def test_a_missing_column_is_named(synthetic: Path, tmp_path: Path) -> None:
    rows = [",".join([d, o, h, c, v]) for d, o, h, _, c, v in snapshot_rows(synthetic)]
    folder = write(tmp_path / "nolow", ["Date,Open,High,Close,Volume", *rows])
    done = brief(folder)
    assert done.returncode == 2
    assert done.stderr == (
        f"writer: {folder}/RUT.csv: not a snapshot CSV: no low column (it has Date, Open, "
        "High, Close, Volume); expected columns date,open,high,low,close[,volume] (any case, "
        "any order), as in a snapshot or Yahoo's Date,Open,High,Low,Close,Adj Close,Volume\n"
    )


def test_a_second_header_row_is_named_by_its_line(synthetic: Path, tmp_path: Path) -> None:
    lines = (synthetic / "RUT.csv").read_text().splitlines()
    folder = write(tmp_path / "pasted", [*lines[:40], lines[0], *lines[40:]])
    done = brief(folder)
    assert (done.returncode, done.stderr) == (
        3,
        f"writer: {folder}/RUT.csv, line 41: a second header row; remove it\n",
    )


def test_a_value_that_is_not_a_number_is_named_by_its_line(synthetic: Path, tmp_path: Path) -> None:
    lines = (synthetic / "RUT.csv").read_text().splitlines()
    day, _, *rest = lines[7].split(",")
    lines[7] = ",".join([day, "n.a.", *rest])
    done = brief(write(tmp_path / "word", lines))
    assert done.returncode == 3
    assert done.stderr == (
        f"writer: {tmp_path}/word/RUT.csv, line 8: open is 'n.a.', not a number; "
        "fix or remove the row\n"
    )


def csv_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "X.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_columns_by_name_in_any_case_and_order(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "\ufeff Volume ,CLOSE,low,Adj Close,High,Open,Date\n"
        "100,10.5,9,9.9,11,10,2025-08-08 00:00:00-04:00\n"
        "\n"
        "null,null,null,null,null,null,2025-08-11\n",
    )
    bars = read_bars(path)
    assert list(bars.columns) == ["open", "high", "low", "close", "volume"]
    assert bars.iloc[0].tolist() == [10.0, 11.0, 9.0, 10.5, 100.0]
    assert bars.index.strftime("%Y-%m-%d").tolist() == ["2025-08-08", "2025-08-11"]
    assert bars.iloc[1].isna().all()


def test_without_a_volume_column_the_volume_is_zero(tmp_path: Path) -> None:
    bars = read_bars(csv_file(tmp_path, "date,open,high,low,close\n2025-08-08,1,2,0.5,1.5\n"))
    assert bars["volume"].tolist() == [0.0]


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("2025-13-08,1,2,0.5,1.5", "line 3: date '2025-13-08' is not a date (YYYY-MM-DD)"),
        ("08/08/2025,1,2,0.5,1.5", "line 3: date '08/08/2025' is not written YYYY-MM-DD"),
        ("2025-08-08,1,2,0.5", "line 3: 4 fields, the header has 5"),
        ("2025-08-08,1,2,low,1.5", "line 3: low is 'low', not a number"),
    ],
)
def test_a_bad_row_is_bad_data_named_by_line(tmp_path: Path, row: str, problem: str) -> None:
    path = csv_file(tmp_path, f"date,open,high,low,close\n2025-08-07,1,2,0.5,1.5\n{row}\n")
    with pytest.raises(BadData) as caught:
        read_bars(path)
    assert str(caught.value).startswith(f"{path}, {problem}")


def test_an_empty_file_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match=r"X\.csv: not a snapshot CSV: the file is empty"):
        read_bars(csv_file(tmp_path, ""))
