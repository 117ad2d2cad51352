"""Check reports as text for people, JSON for machines and annotations for GitHub Actions.

Pure functions from `CheckReport`s to strings, so the CLI, the repair loop and tests render
findings identically.

JSON (`render_json`) is one JSON array with one object per file, each object on its own
line (compact, so a thousand files stay fast to write and easy to grep):
`{"file", "brief", "strict", "checked_against", "ok", "errors", "warnings", "claims": [...]}`
where `checked_against` is "market data" or says that only the article's own brief was
available, and each claim
has `line`, `col`, `text`, `value`, `kind`, `status`, `severity`, `fact_id`, `expected`,
`message` and `sentence`; every extracted claim is listed, verified ones too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from factcheck.report import CheckReport, Claim, Severity, Status

FORMATS = ("text", "json", "github")


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` with control characters shown as escapes (`\\x1b`): an article or a model's
    reply must not drive the terminal it is printed on (colours, cursor moves, titles)."""
    return _CONTROL_RE.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)


def findings(report: CheckReport) -> list[Claim]:
    """Claims worth showing: everything that is not verified."""
    return [c for c in report.claims if c.status is not Status.VERIFIED]


def mark(claim: Claim) -> str:
    """The claim's sentence with the figure marked »like this«."""
    at = claim.sentence.find(claim.text)
    if at < 0 or not claim.text:
        return claim.sentence
    end = at + len(claim.text)
    return f"{claim.sentence[:at]}»{claim.text}«{claim.sentence[end:]}"


def _found_expected(claim: Claim) -> str:
    found = f'found "{claim.text}"'
    if claim.expected:
        return f'{found}, expected "{claim.expected}"'
    return found


def counts(report: CheckReport) -> tuple[int, int, int]:
    """(verified, errors, warnings) of one report."""
    verified = sum(c.status is Status.VERIFIED for c in report.claims)
    errors = sum(c.severity is Severity.ERROR for c in report.claims)
    warnings = sum(c.severity is Severity.WARNING for c in report.claims)
    return verified, errors, warnings


def render_text(reports: Sequence[CheckReport]) -> str:
    lines: list[str] = []
    total_errors = total_warnings = 0
    for report in reports:
        for c in findings(report):
            if c.kind == "file":  # the file itself could not be checked
                lines.append(
                    printable(f"{report.source}: {c.severity.value}: {c.status.value}: {c.message}")
                )
                continue
            if c.kind == "form":  # what makes it no article: the rule, the reason, the fix
                lines.append(
                    printable(
                        f"{report.source}:{c.line}:{c.col}: {c.severity.value}: "
                        f"{c.status.value}: {c.message}"
                    )
                )
                if c.text:
                    lines.append(f"    {printable(c.text)}")
                continue
            lines.append(
                printable(
                    f"{report.source}:{c.line}:{c.col}: {c.severity.value}: "
                    f"{c.status.value}: {_found_expected(c)}"
                    + (f" ({c.message})" if c.message else "")
                )
            )
            lines.append(f"    {printable(mark(c))}")
        verified, errors, warnings = counts(report)
        total_errors += errors
        total_warnings += warnings
        if report.brief_id == "-":
            continue  # a file that could not be checked: its one line above says why
        against = (
            ""
            if report.checked_against == "market data"
            else f", checked against {report.checked_against}"
        )
        lines.append(
            f"{report.source}: {len(report.claims)} claims, {verified} verified, "
            f"{errors} errors, {warnings} warnings (brief {report.brief_id}{against})"
        )
    if len(reports) > 1:
        lines.append(f"{len(reports)} files: {total_errors} errors, {total_warnings} warnings")
    return "\n".join(lines) + "\n"


def report_dict(report: CheckReport) -> dict[str, object]:
    _, errors, warnings = counts(report)
    return {
        "file": report.source,
        "brief": report.brief_id,
        "strict": report.strict,
        "checked_against": report.checked_against,
        "ok": errors == 0,
        "errors": errors,
        "warnings": warnings,
        "claims": [
            {
                "line": c.line,
                "col": c.col,
                "text": c.text,
                "value": c.value,
                "kind": c.kind,
                "status": c.status.value,
                "severity": c.severity.value,
                "fact_id": c.fact_id,
                "expected": c.expected,
                "message": c.message,
                "sentence": c.sentence,
            }
            for c in report.claims
        ],
    }


def render_json(reports: Sequence[CheckReport]) -> str:
    rows = ",\n".join(json.dumps(report_dict(r), ensure_ascii=False) for r in reports)
    return f"[\n{rows}\n]\n" if rows else "[]\n"


def _escape_data(text: str) -> str:
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(reports: Sequence[CheckReport]) -> str:
    """GitHub Actions workflow commands: one `::error` / `::warning` line per finding."""
    lines = []
    for report in reports:
        for c in findings(report):
            level = "error" if c.severity is Severity.ERROR else "warning"
            message = (
                f"{c.status.value}: {c.message}"
                if c.kind in ("file", "form")
                else f"{c.status.value}: {_found_expected(c)}"
            )
            if c.message:
                message += f" ({c.message})"
            lines.append(
                f"::{level} file={_escape_property(report.source)},line={c.line},"
                f"col={c.col},title={c.status.value}::{_escape_data(message)}"
            )
    return "\n".join(lines) + ("\n" if lines else "")


def render(reports: Sequence[CheckReport], fmt: str) -> str:
    if fmt == "json":
        return render_json(reports)
    if fmt == "github":
        return render_github(reports)
    return render_text(reports)
