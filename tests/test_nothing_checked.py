"""`0 claims` is not a pass: an article in which the checker found nothing to check is a
finding of its own (rule I004), an error in strict mode and a warning with
`--allow-unsupported`, through the real command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import CORPUS

FRONT = "---\nticker: RUT\nweek: 2025-08-08\n---\n"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "marketdata"


def _check(tmp_path: Path, body: str, *options: str) -> tuple[int, list[dict[str, object]]]:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/marketdata is not here")
    article = tmp_path / "recap.md"
    article.write_text(FRONT + body, encoding="utf-8")
    writer = [sys.executable, "-c", "from writer.cli import main; main()", "check"]
    done = subprocess.run(
        [*writer, str(article), "--format", "json", "--data-dir", str(SHARED_DATA), *options],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    (report,) = json.loads(done.stdout)
    return done.returncode, report["claims"]


@pytest.mark.parametrize(
    "body",
    [
        "",
        "# Small caps\n\nA week for the record books, by all accounts.\n",
        "# Small caps\n\n<!-- 2,218.42 -->\n",  # a comment is not shown: nothing to read
    ],
)
def test_an_article_with_nothing_to_check_fails_the_gate(tmp_path: Path, body: str) -> None:
    code, claims = _check(tmp_path, body)
    assert code == 1
    assert [(c["rule"], c["severity"]) for c in claims] == [("I004", "error")]


def test_with_allow_unsupported_it_is_a_warning(tmp_path: Path) -> None:
    code, claims = _check(tmp_path, "Nothing to see.\n", "--allow-unsupported")
    assert code == 0
    assert [(c["rule"], c["severity"]) for c in claims] == [("I004", "warning")]


def test_dates_alone_are_nothing_checked(tmp_path: Path) -> None:
    code, claims = _check(tmp_path, "On Friday, Aug 8, markets were open.\n")
    assert code == 1
    assert "I004" in [c["rule"] for c in claims]


def test_an_article_with_a_figure_has_no_such_finding(tmp_path: Path) -> None:
    body = (CORPUS / "rut-2025-08-08.md").read_text(encoding="utf-8").split("---", 2)[2]
    code, claims = _check(tmp_path, body)
    assert code == 0
    assert "I004" not in [c["rule"] for c in claims]
