"""`factcheck` must be usable without the heavy dependencies of the drafter and data layer."""

from __future__ import annotations

import subprocess
import sys


def test_import_factcheck_pulls_no_heavy_dependency() -> None:
    code = (
        "import sys, factcheck, factcheck.check, factcheck.render, factcheck.frontmatter\n"
        "bad = sorted(m for m in ('openai', 'yfinance', 'pandas') if m in sys.modules)\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
