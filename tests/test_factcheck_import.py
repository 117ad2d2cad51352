"""`factcheck` must be usable without the heavy dependencies of the drafter and data layer."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest


def test_import_factcheck_pulls_no_heavy_dependency() -> None:
    code = (
        "import sys, factcheck, factcheck.check, factcheck.render, factcheck.frontmatter\n"
        "bad = sorted(m for m in ('openai', 'yfinance', 'pandas') if m in sys.modules)\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


#: The modules setup.py compiles with mypyc in a wheel build.
COMPILED = (
    "_rx",
    "numfmt",
    "extract",
    "document",
    "blocks",
    "datewords",
    "figures",
    "fractions",
    "streak_counts",
    "bind.model",
    "bind.patterns",
    "bind.names",
    "bind.binder",
    "bind.metrics",
    "bind.pairing",
    "bind.tables",
    "match",
    "fact_index",
    "qualitative",
    "finding",
    "gave_back",
    "streak_judges",
    "check",
    "index_check",
    "claim_builder",
    "patterns",
    "reading",
    "dates",
    "denial",
    "earnings.words",
    "earnings.quarters",
    "earnings.binding",
    "earnings.facts",
    "earnings.judge",
    "earnings.phrases",
    "earnings.dates",
    "earnings.engine",
)


@pytest.mark.skipif(
    os.environ.get("WRITER_EXPECT_COMPILED") != "1",
    reason="set WRITER_EXPECT_COMPILED=1 when testing an installed wheel (.ci/run does)",
)
def test_the_compiled_modules_are_the_ones_under_test() -> None:
    """The CI pass over the wheel must not quietly test the pure-Python source tree."""
    files = {name: importlib.import_module(f"factcheck.{name}").__file__ or "" for name in COMPILED}
    assert all(f.endswith(".so") and "site-packages" in f for f in files.values()), files


def test_setup_compiles_exactly_the_modules_listed_here() -> None:
    setup_py = (Path(__file__).resolve().parents[1] / "setup.py").read_text(encoding="utf-8")
    listed = re.findall(r'"factcheck/([\w/]+)\.py"', setup_py)
    assert tuple(name.replace("/", ".") for name in listed) == COMPILED


def test_only_the_llm_drafter_imports_openai() -> None:
    """The SDK is one module's business (`writer/draft/llm.py`): the batch engine, the CLI
    and the checker reach it through that module, so a new SDK release is met in one place."""
    root = Path(__file__).resolve().parents[1]
    importing = re.compile(r"^\s*(?:import openai\b|from openai\b)", re.MULTILINE)
    found = sorted(
        str(path.relative_to(root))
        for folder in ("writer", "factcheck")
        for path in (root / folder).rglob("*.py")
        if importing.search(path.read_text(encoding="utf-8"))
    )
    assert found == ["writer/draft/llm.py"]
