"""factcheck: find every figure in an article and prove it against a brief's facts.

    extract      text -> sentences, figures, dates (Markdown-aware, exact positions)
    bind         figure -> entity, period, metric, direction (sentence, heading, context)
    match        bound figure -> verdict against the brief (numfmt tolerances)
    qualitative  "finished higher", "lagged", "third straight weekly gain", ...
    check        check_text(text, brief) -> CheckReport   (the public entry point)
    render       reports as text, JSON Lines or GitHub annotations
    frontmatter  the article's YAML front matter (ticker, week)

Depends on pydantic and PyYAML only; importing it never imports openai, yfinance or pandas,
so a CI job can install and run the checker lightly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.check import check_text
    from factcheck.report import CheckReport, Claim, Severity, Status

__all__ = ["CheckReport", "Claim", "Severity", "Status", "check_text"]


def __getattr__(name: str) -> Any:
    """Lazy re-exports: `factcheck.errors` alone (all `writer --help` needs) stays cheap."""
    if name == "check_text":
        from factcheck.check import check_text

        return check_text
    if name in ("CheckReport", "Claim", "Severity", "Status"):
        from factcheck import report

        return getattr(report, name)
    raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
