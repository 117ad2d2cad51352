"""How an earnings snapshot names things, for both its drafters: the headline, whether a
quarter is fiscal, the vendor's name and money in words.  One place, so the offline drafter's
article and the words the model is told to use never differ; the numbers themselves are
rounded by `factcheck.numfmt`, which the checker reads them back with."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

from factcheck.brief import Brief, EarningsBrief, FiscalQuarter
from factcheck.numfmt import format_money, format_per_share

ORDINALS: Final = {1: "first", 2: "second", 3: "third", 4: "fourth"}


def earnings(brief: Brief) -> EarningsBrief:
    """`brief` as the earnings brief it must be (the genre table hands each genre its own
    kind; any other is a programming error)."""
    if not isinstance(brief, EarningsBrief):
        raise TypeError(f"an earnings snapshot needs an earnings brief, not {brief.kind}")
    return brief


def is_fiscal(quarter: FiscalQuarter) -> bool:
    """Whether the company's fiscal quarters are not the calendar's (NVIDIA's, Apple's): its
    quarter ends in another calendar quarter or year than its label.  A week's slack for
    52-53-week years that end on the first days of January."""
    end = quarter.end - dt.timedelta(days=7)
    return (end.year, (end.month - 1) // 3 + 1) != (quarter.fiscal_year, quarter.quarter)


def headline(brief: Brief) -> str:
    """ "<Company>: Fiscal Q2 2026 Earnings Snapshot" (a fiscal year other than the
    calendar's), "<Company>: Q2 2025 Earnings Snapshot" (the calendar's)."""
    snap = earnings(brief)
    q = snap.quarter
    fiscal = "Fiscal " if is_fiscal(q) else ""
    return f"{snap.subject.name}: {fiscal}Q{q.quarter} {q.fiscal_year} Earnings Snapshot"


def vendor_name(snap: EarningsBrief) -> str:
    """The estimate's vendor as a story names it ("Yahoo Finance"), or "" without one."""
    if snap.estimate is None:
        return ""
    return snap.estimate.vendor.split(" (")[0].strip()


def per_share(value: Decimal) -> str:
    """ "$1.08 per share", "67 cents per share", "a loss of 65 cents per share"."""
    shown = f"{format_per_share(value)} per share"
    return f"a loss of {shown}" if value < 0 else shown


def money(value: Decimal) -> str:
    """ "$26.42 billion", "a loss of $214.3 million"."""
    shown = format_money(value)
    return f"a loss of {shown}" if value < 0 else shown


def quarter_words(quarter: FiscalQuarter) -> str:
    """ "fiscal second quarter of 2026" / "second quarter of 2025"."""
    fiscal = "fiscal " if is_fiscal(quarter) else ""
    return f"{fiscal}{ORDINALS[quarter.quarter]} quarter of {quarter.fiscal_year}"


def quarter_adjective(quarter: FiscalQuarter) -> str:
    """ "fiscal second-quarter" / "second-quarter" (before "net income", "loss")."""
    fiscal = "fiscal " if is_fiscal(quarter) else ""
    return f"{fiscal}{ORDINALS[quarter.quarter]}-quarter"
