"""Check reports for code-scanning tools: SARIF 2.1.0 (GitHub code scanning, GitLab, Azure
DevOps) and reviewdog's Diagnostic Format (rdjson).

Why a module of its own: these are interchange formats with their own vocabulary (rules,
regions, levels, suggestions) and their own rules about columns; `factcheck.render` keeps
the formats writer defines.  Both stream: results are written as each report is finished,
and what SARIF wants once per run (the rules) is fixed in advance, the whole rule registry
(`factcheck.rules`), so nothing but a count is held between reports.
"""

from __future__ import annotations

import json
from typing import Any, Final

from factcheck.report import CheckReport, Claim, Severity, Status, end_col, findings, printable
from factcheck.rules import RULES, Rule
from factcheck.srcroot import SourceRoots

SARIF_VERSION: Final = "2.1.0"
SARIF_SCHEMA: Final = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
TOOL: Final = "writer"

#: What to do about a finding of each status (SARIF `help`, beside the rule's own doc).
_FIX: Final = {
    Status.MISMATCH: "Write the figure the data gives (the expected value in the message).",
    Status.MISATTRIBUTED: (
        "Attribute the figure to what it is true of, or use the figure of what the text names."
    ),
    Status.UNSUPPORTED: "Say what the figure is (index, session, measure), or drop it.",
    Status.CONTRADICTED: "Describe the move as the data shows it.",
    Status.WRONG_WEEK: "Check the article against its own week (front matter `week` or --week).",
    Status.UNREADABLE: "Give the file front matter (ticker, week) or pass --ticker and --week.",
    Status.NO_DATA: "Fetch the data (writer fetch) or point --data-dir at it.",
    Status.NOT_AN_ARTICLE: "Apply the fix the message names.",
}
#: A result's `ruleIndex`: its rule's place in the run's rule table (the whole registry).
_RULE_INDEX: Final = {r.code: i for i, r in enumerate(RULES)}


def sarif_rule(rule: Rule) -> dict[str, Any]:
    """A registry rule as a SARIF `reportingDescriptor`."""
    return {
        "id": rule.code,
        "name": "".join(w.capitalize() for w in rule.name.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc},
        "help": {"text": f"{rule.summary}. {rule.doc}"},
        "defaultConfiguration": {"level": "error"},
        "properties": {"family": rule.family},
    }


def _message(c: Claim) -> str:
    """What is wrong, with the expected value where the data gives one."""
    if c.kind in ("file", "form"):
        return printable(c.message)
    text = f'found "{c.text}"'
    if c.expected:
        text += f', expected "{c.expected}"'
    return printable(text + (f": {c.message}" if c.message else ""))


class _FindingRows:
    """A JSON array streamed one finding at a time: a row per finding, commas between."""

    def __init__(self) -> None:
        self.count = 0

    def _row(self, report: CheckReport, c: Claim) -> dict[str, Any]:
        raise NotImplementedError

    def report(self, report: CheckReport) -> str:
        out = []
        for c in findings(report):
            self.count += 1
            row = json.dumps(self._row(report, c), ensure_ascii=False)
            out.append(("," if self.count > 1 else "") + "\n" + row)
        return "".join(out)


class SarifRenderer(_FindingRows):
    """One SARIF log, one run, one result per finding (verified claims are not results).
    Files are named relative to their repository's root (`factcheck.srcroot`)."""

    def __init__(self) -> None:
        super().__init__()
        self.roots = SourceRoots()

    def report(self, report: CheckReport) -> str:
        self.roots.locate(report.source)  # the root is known even when no file has a result
        return super().report(report)

    def header(self) -> str:
        head = json.dumps({"$schema": SARIF_SCHEMA, "version": SARIF_VERSION})
        return head[:-1] + ', "runs": [{"results": ['

    def _row(self, report: CheckReport, c: Claim) -> dict[str, Any]:
        uri, base = self.roots.locate(report.source)
        artifact = {"uri": uri} if base is None else {"uri": uri, "uriBaseId": base}
        location: dict[str, Any] = {"artifactLocation": artifact}
        if c.kind != "file":  # a file that could not be read has no region to point at
            location["region"] = {
                "startLine": c.line,
                "startColumn": c.col,
                "endLine": c.line,
                "endColumn": max(end_col(c), c.col + 1),
            }
            if c.text:
                location["region"]["snippet"] = {"text": printable(c.text)}
        properties: dict[str, Any] = {"kind": c.kind, "brief": report.brief_id}
        for name in ("fact_id", "expected", "value"):
            value = getattr(c, name)
            if value is not None:
                properties[name] = value
        properties["status"] = c.status.value
        properties["fix"] = _FIX.get(c.status, "")
        result: dict[str, Any] = {"ruleId": c.rule or c.status.value}
        if c.rule in _RULE_INDEX:
            result["ruleIndex"] = _RULE_INDEX[c.rule]
        result.update(
            level=_LEVELS[c.severity],
            message={"text": _message(c)},
            locations=[{"physicalLocation": location}],
            properties=properties,
        )
        return result

    def footer(self) -> str:
        rules = [sarif_rule(rule) for rule in RULES]
        driver = {"name": TOOL, "version": _version(), "rules": rules}
        tail: dict[str, Any] = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints"}
        if base_ids := self.roots.base_ids():
            tail["originalUriBaseIds"] = base_ids
        return ("\n" if self.count else "") + "], " + json.dumps(tail)[1:] + "]}\n"


_LEVELS: Final = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_RDJSON_SEVERITY: Final = {
    Severity.ERROR: "ERROR",
    Severity.WARNING: "WARNING",
    Severity.INFO: "INFO",
}


_NO_SUGGESTION: Final = ("file", "form", "phrase")


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("writer")
    except metadata.PackageNotFoundError:
        return "0"


class RdjsonRenderer(_FindingRows):
    """reviewdog's rdjson: one diagnostic per finding; a wrong figure whose right text the
    data gives comes with a suggestion that replaces it, so reviewdog can offer the fix."""

    def header(self) -> str:
        return json.dumps({"source": {"name": TOOL}})[:-1] + ', "diagnostics": ['

    def _row(self, report: CheckReport, c: Claim) -> dict[str, Any]:
        location: dict[str, Any] = {"path": report.source}
        span = {
            "start": {"line": c.line, "column": c.col},
            "end": {"line": c.line, "column": end_col(c)},
        }
        if c.kind != "file":
            location["range"] = span
        diagnostic: dict[str, Any] = {
            "message": _message(c),
            "location": location,
            "severity": _RDJSON_SEVERITY[c.severity],
            "code": {"value": c.rule or c.status.value},
        }
        if c.status is Status.MISMATCH and c.expected and c.kind not in _NO_SUGGESTION:
            diagnostic["suggestions"] = [{"range": span, "text": c.expected}]
        return diagnostic

    def footer(self) -> str:
        return ("\n" if self.count else "") + "]}\n"
