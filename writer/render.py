"""Terminal output for people (rich tables).  Machines get JSON from the same models."""

from __future__ import annotations

import os

from rich.console import Console
from rich.table import Table

from factcheck.brief import Brief, DailyWrapBrief, EarningsBrief, IndexBrief

#: The width of output to a pipe or a file: no line there is cut or wrapped (a table is as
#: wide as its cells, a line as long as its text).
UNLIMITED = 100_000


def make_console(*, stderr: bool = False, quiet: bool = False) -> Console:
    """The one way writer makes a terminal console.  `NO_COLOR` (no-color.org) set to
    anything means no escape sequences at all, not colourless bold and italics (rich's own
    reading of it).

    Only a terminal has a width: rich gives a pipe or a file 80 columns, which cut a brief's
    fact ids to `RUT.close.2025-08-…` for `grep` and broke each progress line in a log file
    in two.  Elsewhere the width is unlimited and long lines are not wrapped."""
    plain = bool(os.environ.get("NO_COLOR"))
    console = Console(stderr=stderr, quiet=quiet, color_system=None if plain else "auto",
                      no_color=plain)  # fmt: skip
    if not console.is_terminal:
        console.width = UNLIMITED
        console.soft_wrap = True
    return console


def _earnings_title(brief: EarningsBrief) -> str:
    q, r = brief.quarter, brief.report
    timing = {"amc": " after the close", "bmo": " before the open"}.get(r.timing or "", "")
    return (
        f"{brief.subject.name} ({brief.subject.key}) {q.label}: {q.start:%b %-d, %Y} - "
        f"{q.end:%b %-d, %Y}; reported {r.date:%a %b %-d, %Y}{timing} ({r.dated_by}); "
        f"{brief.filing.form} {brief.filing.accession} filed {brief.filing.filed}; price "
        f"as of {r.price_date:%b %-d}; estimate: "
        f"{brief.estimate.vendor if brief.estimate else 'none'}"
    )


def print_brief_table(brief: Brief, console: Console | None = None) -> None:
    console = console or make_console()
    if isinstance(brief, EarningsBrief):
        _print_facts(brief, _earnings_title(brief), console)
        return
    assert isinstance(brief, IndexBrief), brief.kind
    week = brief.week
    title = (
        f"{brief.subject.name} ({brief.subject.key}) week {week.start:%b %-d} - "
        f"{week.last_session:%b %-d, %Y}: {len(week.sessions)} sessions, previous close "
        f"{week.previous_session:%a %b %-d}"
    )
    if isinstance(brief, DailyWrapBrief):
        session = brief.session
        after = f", next session {session.next:%a %b %-d}" if session.next else ""
        shut = "".join(f"; {c.day:%a %b %-d}: {c.why}" for c in session.closed)
        title = (
            f"{brief.subject.name} ({brief.subject.key}) session {session.date:%a %b %-d, %Y}: "
            f"previous session {session.previous:%a %b %-d}{after}{shut}; the week to date "
            f"from {week.start:%b %-d}"
        )
    _print_facts(brief, title, console)


def _print_facts(brief: Brief, title: str, console: Console) -> None:
    table = Table(title=title, show_lines=False)
    for column, justify in (
        ("fact id", "left"),
        ("display", "right"),
        ("session", "left"),
        ("label", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for fact in brief.facts:
        table.add_row(fact.id, fact.display, fact.on.isoformat() if fact.on else "", fact.label)
    console.print(table)
    console.print(
        f"source: {brief.provenance.source}  data {brief.provenance.data_start} .. "
        f"{brief.provenance.data_end}  peers: "
        f"{', '.join(p.name for p in brief.peers) or 'none'}"
    )
    for note in brief.provenance.notes:
        console.print(f"note: {note}")
