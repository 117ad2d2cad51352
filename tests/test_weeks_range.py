"""`writer draft --weeks FIRST..LAST` whose range leaves the exchange calendar: the error
names the date the user typed, not the Monday of its week (1999-12-27 for 2000-01-01)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

WRITER = [sys.executable, "-c", "from writer.cli import main; main()"]


def draft_weeks(weeks: str, data: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*WRITER, "draft", "RUT", "--weeks", weeks, "--offline", "--no-chart", "--quiet",
         "--data-dir", str(data), "--out", str(out)],
        capture_output=True, text=True, env=os.environ.copy(), check=False,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("weeks", "line"),
    [
        (
            "2000-01-01..2000-02-01",
            "writer: 2000-01-01 is in a week that starts before the XNYS calendar "
            "(2000-01-03); start the range on 2000-01-03 or later\n",
        ),
        (
            "2025-08-01..2099-01-01",
            "writer: 2099-01-01 is in a week beyond the XNYS calendar; end the range on a "
            "week that has ended\n",
        ),
        (
            "2000-01-01..",
            "writer: bad --weeks '2000-01-01..': use FIRST..LAST, e.g. 2025-06-06..2025-08-08\n",
        ),
    ],
)
def test_a_range_off_the_calendar_names_what_was_typed(
    weeks: str, line: str, synthetic: Path, tmp_path: Path
) -> None:
    done = draft_weeks(weeks, synthetic, tmp_path / "out")
    assert (done.returncode, done.stderr) == (2, line)
    assert not (tmp_path / "out").exists()
