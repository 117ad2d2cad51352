"""The earnings snapshot without a model: AP's order, writer's own wording, every figure
looked up in the brief by id and written by `factcheck.numfmt`.

The order a wire snapshot keeps (and a reader expects): the headline with the fiscal
quarter; the quarter's net income or loss; diluted EPS against the year-ago quarter; the
estimate and adjusted EPS, only when the brief holds vendor data (named as such); revenue
against the year-ago quarter; operating income; the share's close and its moves since the
start of the year and over 12 months beside the S&P 500's; where the figures came from.
Nothing the data cannot say is said: no guidance, no segments, no consensus revenue.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

from factcheck import ids
from factcheck.brief import Brief, EarningsBrief, Fact, FiscalQuarter
from factcheck.numfmt import format_money, round_half_up
from writer.genres.earnings.disclaimer import DISCLAIMER
from writer.genres.earnings.words import earnings as _earnings
from writer.genres.earnings.words import headline, quarter_adjective, vendor_name
from writer.genres.earnings.words import per_share as _per_share

#: Percent changes in a snapshot are written to one decimal ("up 55.6%").
PCT_PLACES: Final = 1


def _date(day: dt.date) -> str:
    """AP dates: "Aug. 27, 2025"; March to July and "Sept." as AP spells them."""
    month = {3: "March", 4: "April", 5: "May", 6: "June", 7: "July", 9: "Sept."}.get(
        day.month, f"{day:%b}."
    )
    return f"{month} {day.day}, {day.year}"


def title(brief: Brief) -> str:
    """The headline: "NVIDIA: Fiscal Q2 2026 Earnings Snapshot"."""
    return headline(brief)


def file_stem(brief: Brief) -> str:
    """`nvda-fy2026-q2-earnings`: one per company and quarter."""
    e = _earnings(brief)
    return f"{e.subject.key.lower()}-{e.quarter.label.lower()}-earnings"


def placing(brief: Brief) -> dict[str, object]:
    """Front matter that places the snapshot: `writer check` reads `ticker` and `quarter`
    (and `reported`, a report date the user gave)."""
    e = _earnings(brief)
    out: dict[str, object] = {"ticker": e.subject.key, "quarter": e.quarter.label}
    if e.report.dated_by == "user":
        out["reported"] = e.report.date  # the brief cannot be rebuilt without it
    return out


class _Facts:
    """The brief's facts by id, for one company and quarter."""

    def __init__(self, brief: EarningsBrief) -> None:
        self.brief = brief
        self.key = brief.subject.key

    def get(self, metric: str, quarter: FiscalQuarter | None = None) -> Fact | None:
        q = quarter or self.brief.quarter
        return self.brief.get(ids.quarter(self.key, metric, q.label))

    def yoy(self, metric: str) -> Fact | None:
        return self.brief.get(ids.year_on_year(self.key, metric, self.brief.quarter.label))

    def year_ago(self, metric: str) -> Fact | None:
        """The year-ago figure on the quarter's basis: restated when a later filing restates
        it (a split), so the comparison is like for like."""
        label = self.brief.year_ago.label
        return self.brief.get(ids.restated(self.key, metric, label)) or self.get(
            metric, self.brief.year_ago
        )


def _pct(value: Decimal) -> str:
    return f"{round_half_up(abs(value), PCT_PLACES)}%"


def _move(change: Decimal, up: str, down: str) -> str | None:
    """ "up 55.6%" style words, or None when the change rounds to nothing at one decimal."""
    if round_half_up(change, PCT_PLACES) == 0:
        return None
    return f"{up if change > 0 else down} {_pct(change)}"


def _headline_result(e: EarningsBrief, f: _Facts) -> str:
    q, name = e.quarter, e.subject.name
    when = f"on {e.report.date:%A}" if e.report.timing is not None else ""
    net = f.get("net_income")
    what = quarter_adjective(q)
    if net is None:
        revenue = f.get("revenue")
        assert revenue is not None  # the brief has one of the two (build_brief)
        return f"{name} {when} reported {what} revenue of {format_money(revenue.value)}."
    if net.value < 0:
        return f"{name} {when} reported a {what} loss of {format_money(net.value)}."
    return f"{name} {when} reported {what} net income of {format_money(net.value)}."


def _lede(e: EarningsBrief, f: _Facts) -> list[str]:
    q = e.quarter
    out = [" ".join(_headline_result(e, f).split())]
    out.append(f"The quarter ended {_date(q.end)}.")
    return [" ".join(out)]


def _eps(e: EarningsBrief, f: _Facts) -> list[str]:
    eps, before = f.get("eps_diluted"), f.year_ago("eps_diluted")
    if eps is None:
        # a Q4 is the 10-K's year less nine months: no per-share figure can be derived so
        return [
            f"The company's {e.filing.form} gives no per-share result for the quarter on its "
            "own, so none is reported here."
        ]
    text = f"On a diluted basis, the company posted {_per_share(eps.value)}"
    if before is not None:
        text += f", compared with {_per_share(before.value)} in the same quarter a year earlier"
    text += "."
    restated = e.get(ids.restated(e.subject.key, "eps_diluted", e.year_ago.label))
    first = f.get("eps_diluted", e.year_ago)
    if restated is not None and first is not None:
        text += (
            f" The year-ago figure is as restated in this quarter's filing; it was first "
            f"reported as {_per_share(first.value)}."
        )
    return [text]


def _estimate(e: EarningsBrief, f: _Facts) -> list[str]:
    if e.estimate is None:
        return []
    expected, adjusted = f.get("eps_estimate"), f.get("eps_adjusted")
    if expected is None or adjusted is None:
        return []
    vendor = vendor_name(e)
    if adjusted.value > expected.value:
        verdict = "beating"
    elif adjusted.value < expected.value:
        verdict = "missing"
    else:
        verdict = "matching"
    return [
        f"Adjusted for one-time items, earnings came to {_per_share(adjusted.value)} by the "
        f"count of {vendor}, {verdict} the {_per_share(expected.value)} that its estimate "
        "called for. Those two figures are a data vendor's, not the company's."
    ]


def _revenue(e: EarningsBrief, f: _Facts) -> list[str]:
    revenue, before, change = f.get("revenue"), f.year_ago("revenue"), f.yoy("revenue")
    if revenue is None:
        return []
    text = f"Revenue was {format_money(revenue.value)}"
    if before is not None:
        move = _move(change.value, "up", "down") if change is not None else None
        if move is not None:
            text += f", {move} from {format_money(before.value)} a year earlier"
        else:
            text += f", against {format_money(before.value)} a year earlier"
    text += "."
    previous = f.get("revenue", e.previous) if e.previous is not None else None
    if previous is not None:
        text += f" In the previous quarter it was {format_money(previous.value)}."
    return [text]


def _operating(e: EarningsBrief, f: _Facts) -> list[str]:
    income, before = f.get("operating_income"), f.year_ago("operating_income")
    if income is None:
        return []
    word = "an operating loss of" if income.value < 0 else "operating income of"
    text = f"The company had {word} {format_money(income.value)} in the quarter"
    if before is not None:
        was = "a loss of " if before.value < 0 else ""
        text += f", against {was}{format_money(before.value)} a year before"
    text += "."
    gross, gross_before = f.get("gross_profit"), f.year_ago("gross_profit")
    if gross is not None and gross.value > 0:
        text += f" Gross profit was {format_money(gross.value)}"
        if gross_before is not None and gross_before.value > 0:
            text += f", compared with {format_money(gross_before.value)} a year earlier"
        text += "."
    return [text]


def _shares(e: EarningsBrief, f: _Facts) -> list[str]:
    key, day = e.subject.key, e.report.price_date
    close = e.get(ids.session(key, "close", day))
    ytd = e.get(ids.period(key, "ytd", "change_pct"))
    year = e.get(ids.period(key, "12m", "change_pct"))
    index_ytd = e.get(ids.period("SPX", "ytd", "change_pct"))
    if close is None or ytd is None or year is None or index_ytd is None:
        return []
    when = "the day of the report" if day == e.report.date else "the session before the report"
    lines = [f"{e.subject.name} shares closed at ${close.value:.2f} on {_date(day)}, {when}."]
    stock = _move(ytd.value, "have climbed", "have fallen")
    index = _move(index_ytd.value, "has gained", "has lost")
    since = "since the start of the year"
    if stock is None:
        lines.append(f"They are little changed {since}")
    else:
        lines.append(f"They {stock} {since}")
    if index is None:
        lines[-1] += ", while the S&P 500 is little changed."
    else:
        lines[-1] += f", while the S&P 500 {index}."
    twelve = _move(year.value, "have risen", "have dropped")
    lines.append(
        f"Over the past 12 months the shares {twelve}."
        if twelve is not None
        else "Over the past 12 months the shares are little changed."
    )
    return [" ".join(lines)]


def _sources(e: EarningsBrief) -> list[str]:
    filing = e.filing
    return [
        f"Results are GAAP figures as first reported in the company's {filing.form} filed "
        f"with the Securities and Exchange Commission on {_date(filing.filed)}."
    ]


def draft_offline(brief: Brief) -> str:
    """A complete Markdown snapshot (no front matter): every figure from the brief."""
    e = _earnings(brief)
    f = _Facts(e)
    paragraphs = [
        f"# {title(e)}",
        *_lede(e, f),
        *_eps(e, f),
        *_estimate(e, f),
        *_revenue(e, f),
        *_operating(e, f),
        *_shares(e, f),
        *_sources(e),
        DISCLAIMER,
    ]
    return "\n\n".join(paragraphs) + "\n"
