"""Check reports as text for people, JSON for machines, annotations for GitHub Actions, and
SARIF / rdjson for code-scanning tools (`factcheck.codescan`).

Each format is a `Renderer`: a header, one piece per report as it is finished, and a footer
that needs only running totals.  `writer check` streams an archive of any size through one,
holding no report longer than it takes to write it; `render` joins the pieces for callers
that have every report at hand.

JSON (`--format json`) is one array with one report object per file, each on its own line
(compact, so a thousand files stay fast to write and easy to grep); `--format jsonl` is the
same objects one per line with no array.  A report object is the same shape as the
`.check.json` sidecar `writer draft` writes: `report_dict`, described by the JSON Schema
`report.schema.json` shipped beside this module (`writer check --schema` prints it):
`{"schema_version", "file", "brief", "strict", "checked_against", "ok", "errors",
"warnings", "claims": [...]}` where `checked_against` is "market data" or says that only the
article's own brief was available, and each claim has `line`, `col`, `end_col`, `text`,
`value`, `kind`, `status`, `severity`, `fact_id`, `expected`, `message`, `sentence` and
`rule` (the code of the rule that made it, `factcheck.rules`); every extracted claim is
listed, verified ones too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import Any, Protocol

from factcheck.report import CheckReport, Claim, Severity, Status, end_col, findings, printable
from factcheck.rules import BY_CODE

FORMATS = ("text", "json", "jsonl", "github", "sarif", "rdjson")

#: The version of the report object (`report_dict`): bumped on any change a consumer could
#: notice; additions of optional fields keep it.
SCHEMA_VERSION = "1.0"

#: GitHub shows only so many annotations of a step; past this many per file the rest are
#: summarised in one line pointing at the full report.
GITHUB_ANNOTATIONS_PER_FILE = 10


def mark(claim: Claim) -> str:
    """The claim's sentence with the figure marked »like this«."""
    at = claim.sentence.find(claim.text)
    if at < 0 or not claim.text:
        return claim.sentence
    end = at + len(claim.text)
    return f"{claim.sentence[:at]}»{claim.text}«{claim.sentence[end:]}"


def _code(claim: Claim) -> str:
    """The rule's code at the end of a text line (`[F001]`): what `--list-rules` explains."""
    return f" [{claim.rule}]" if claim.rule else ""


def _title(claim: Claim) -> str:
    """A GitHub annotation's title: the status and the rule's code and name."""
    rule = BY_CODE.get(claim.rule) if claim.rule else None
    if rule is None:
        return claim.status.value
    return f"{claim.status.value} {rule.code} {rule.name}"


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


class Renderer(Protocol):
    """A format, in pieces: `header()`, then `report(r)` per file in order, then `footer()`."""

    def header(self) -> str: ...

    def report(self, report: CheckReport) -> str: ...

    def footer(self) -> str: ...


class TextRenderer:
    """file:line:col lines with the sentence marked, a summary per file and one overall."""

    def __init__(self) -> None:
        self.files = self.errors = self.warnings = 0

    def header(self) -> str:
        return ""

    def report(self, report: CheckReport) -> str:
        lines: list[str] = []
        for c in findings(report):
            if c.kind == "file":  # the file itself could not be checked
                lines.append(
                    printable(
                        f"{report.source}: {c.severity.value}: {c.status.value}: {c.message}"
                        + _code(c)
                    )
                )
                continue
            if c.kind == "form":  # what makes it no article: the rule, the reason, the fix
                lines.append(
                    printable(
                        f"{report.source}:{c.line}:{c.col}: {c.severity.value}: "
                        f"{c.status.value}: {c.message}" + _code(c)
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
                    + _code(c)
                )
            )
            lines.append(f"    {printable(mark(c))}")
        verified, errors, warnings = counts(report)
        self.files += 1
        self.errors += errors
        self.warnings += warnings
        if report.brief_id != "-":  # else the file could not be checked: its line says why
            against = (
                ""
                if report.checked_against == "market data"
                else f", checked against {report.checked_against}"
            )
            lines.append(
                f"{report.source}: {len(report.claims)} claims, {verified} verified, "
                f"{errors} errors, {warnings} warnings (brief {report.brief_id}{against})"
            )
        return "".join(f"{line}\n" for line in lines)

    def footer(self) -> str:
        if self.files > 1:
            return f"{self.files} files: {self.errors} errors, {self.warnings} warnings\n"
        return "" if self.files else "\n"


def render_text(reports: Sequence[CheckReport]) -> str:
    return render(reports, "text")


def report_dict(report: CheckReport) -> dict[str, object]:
    """The report object of `--format json` and of the `.check.json` sidecar."""
    _, errors, warnings = counts(report)
    return {
        "schema_version": SCHEMA_VERSION,
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
                "end_col": end_col(c),
                "text": c.text,
                "value": c.value,
                "kind": c.kind,
                "status": c.status.value,
                "severity": c.severity.value,
                "fact_id": c.fact_id,
                "expected": c.expected,
                "message": c.message,
                "sentence": c.sentence,
                "rule": c.rule,
            }
            for c in report.claims
        ],
    }


def report_from_dict(data: dict[str, Any]) -> CheckReport:
    """A `CheckReport` back from its report object (`report_dict`): a sidecar read again."""
    claims = tuple(
        Claim.model_validate({k: v for k, v in c.items() if k != "end_col"}) for c in data["claims"]
    )
    return CheckReport(
        source=data["file"],
        brief_id=data["brief"],
        claims=claims,
        strict=data["strict"],
        checked_against=data["checked_against"],
    )


def report_json(report: CheckReport) -> str:
    """The sidecar: one report object for people who open it, a field per line and a claim
    per line.  Laid out here rather than with `indent=`, which makes `json` fall back from
    its C encoder to pure Python (a batch of drafts spent a fifth of its time there)."""
    data = report_dict(report)
    claims = data.pop("claims")
    assert isinstance(claims, list)
    fields = [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in data.items()]
    rows = ",\n".join(f"    {json.dumps(c, ensure_ascii=False)}" for c in claims)
    fields.append(f'  "claims": [\n{rows}\n  ]' if rows else '  "claims": []')
    return "{\n" + ",\n".join(fields) + "\n}\n"


def report_schema() -> str:
    """The JSON Schema of the report object, as shipped in the package."""
    return resources.files("factcheck").joinpath("report.schema.json").read_text("utf-8")


class JsonRenderer:
    """One JSON array, one report object per line."""

    def __init__(self) -> None:
        self.count = 0

    def header(self) -> str:
        return "["

    def report(self, report: CheckReport) -> str:
        self.count += 1
        row = json.dumps(report_dict(report), ensure_ascii=False)
        return f"{',' if self.count > 1 else ''}\n{row}"

    def footer(self) -> str:
        return "\n]\n" if self.count else "]\n"


class JsonLinesRenderer:
    """JSON Lines: one report object per line, nothing around them (for `jq` and pipes)."""

    def header(self) -> str:
        return ""

    def report(self, report: CheckReport) -> str:
        return json.dumps(report_dict(report), ensure_ascii=False) + "\n"

    def footer(self) -> str:
        return ""


def render_json(reports: Sequence[CheckReport]) -> str:
    return render(reports, "json")


def _escape_data(text: str) -> str:
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubRenderer:
    """GitHub Actions workflow commands: one `::error` / `::warning` line per finding, at
    most `GITHUB_ANNOTATIONS_PER_FILE` per file, then one `::notice` saying how many more
    there are and where to see them all (GitHub would drop them silently)."""

    def __init__(self, per_file: int = GITHUB_ANNOTATIONS_PER_FILE) -> None:
        self.per_file = per_file

    def header(self) -> str:
        return ""

    def report(self, report: CheckReport) -> str:
        lines = []
        shown = findings(report)
        # errors first: when some must go unannotated, the warnings go
        shown.sort(key=lambda c: c.severity is not Severity.ERROR)
        for c in shown[: self.per_file]:
            level = "error" if c.severity is Severity.ERROR else "warning"
            message = (
                f"{c.status.value}: {c.message}"
                if c.kind in ("file", "form")
                else f"{c.status.value}: {_found_expected(c)}"
            )
            if c.message and c.kind not in ("file", "form"):
                message += f" ({c.message})"
            lines.append(
                f"::{level} file={_escape_property(report.source)},line={c.line},"
                f"endLine={c.line},col={c.col},endColumn={end_col(c)},"
                f"title={_escape_property(_title(c))}::{_escape_data(message)}"
            )
        more = len(shown) - self.per_file
        if more > 0:
            lines.append(
                f"::notice file={_escape_property(report.source)},title=more findings::"
                + _escape_data(
                    f"{more} more {'finding' if more == 1 else 'findings'} in this file not "
                    f"annotated (at most {self.per_file} per file); run writer check on it "
                    "to see them all"
                )
            )
        return "".join(f"{line}\n" for line in lines)

    def footer(self) -> str:
        return ""


def render_github(reports: Sequence[CheckReport]) -> str:
    return render(reports, "github")


def renderer(fmt: str) -> Renderer:
    """The renderer of a format (one of `FORMATS`)."""
    if fmt == "json":
        return JsonRenderer()
    if fmt == "jsonl":
        return JsonLinesRenderer()
    if fmt == "github":
        return GithubRenderer()
    if fmt in ("sarif", "rdjson"):
        from factcheck.codescan import RdjsonRenderer, SarifRenderer

        return SarifRenderer() if fmt == "sarif" else RdjsonRenderer()
    return TextRenderer()


def render(reports: Iterable[CheckReport], fmt: str) -> str:
    out = renderer(fmt)
    return out.header() + "".join(out.report(r) for r in reports) + out.footer()
