"""The gate on other people's published articles, held as a ratchet.

Runs the development set's own scorer (`../shared/tools/score-realprose`, which runs
`writer check --allow-unsupported` on each of the 41 keyed articles in `../shared/realprose`)
with this installation's `writer`, and holds its two summary lines: a change to the checker
may move them forward, never back.  Raise the figures below when the checker gets better.
Skipped when `../shared` is not beside the checkout.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORER = SHARED / "tools" / "score-realprose"

#: clean articles that pass, articles with a wrong figure that fail (of 20 and 21)
CLEAN_PASS, WRONG_FAIL = 18, 18
#: wrong figures caught (of 43), false alarms at most, correct figures verified (of 303)
CAUGHT, FALSE_ALARMS, VERIFIED = 39, 11, 212


def writer_exe() -> Path:
    exe = Path(sys.executable).with_name("writer")
    if not exe.is_file():
        pytest.skip(f"no writer script beside {sys.executable}")
    return exe


@pytest.mark.skipif(not SCORER.is_file(), reason="../shared/tools/score-realprose is absent")
def test_realprose_scores_hold() -> None:
    done = subprocess.run(
        [sys.executable, str(SCORER), "--writer", str(writer_exe())],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=SHARED.parent,
    )
    gate = re.search(
        r"^gate: (\d+)/(\d+) articles without a wrong figure pass; (\d+)/(\d+) articles with "
        r"one fail$",
        done.stdout,
        re.MULTILINE,
    )
    figures = re.search(
        r"^figures: caught (\d+)/(\d+) wrong; (\d+) false alarms and (\d+)/(\d+) verified",
        done.stdout,
        re.MULTILINE,
    )
    assert gate is not None and figures is not None, done.stdout[-2000:] + done.stderr[-2000:]
    assert "NOJSON" not in done.stdout, done.stdout
    clean_pass, clean, wrong_fail, wrong = map(int, gate.groups())
    caught, _, false_alarms, verified, _ = map(int, figures.groups())
    assert (clean, wrong) == (20, 21)
    assert clean_pass >= CLEAN_PASS and wrong_fail >= WRONG_FAIL, gate.group(0)
    assert caught >= CAUGHT and verified >= VERIFIED, figures.group(0)
    assert false_alarms <= FALSE_ALARMS, figures.group(0)
