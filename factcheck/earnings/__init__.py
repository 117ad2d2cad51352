"""The engine of the earnings genre: an earnings snapshot checked against an `EarningsBrief`.

An earnings story has no week: its figures are money (revenue, net income, per-share
earnings), year-on-year changes and a share price's moves, each of a fiscal quarter.  The
shared reader (`factcheck.extract.parse`) finds the figures; these modules say what each is
and judge it:

    words     the vocabulary's patterns (metric, basis, period, verdict words; built from
              `factcheck.grammar` rows)
    quarters  quarter labels ("fiscal Q3", "the June quarter") read and judged
    binding   a figure -> entity, metric, basis, period and the sign its words give it
    facts     the brief's facts by what they are, and the values a diagnosis tries
    judge     a bound figure against its fact; the wrong base named when it is another fact
    phrases   beat/miss, profit/loss and rose/fell words against the data
    engine    the walk over the article, claims out
"""

from __future__ import annotations

from factcheck.earnings.engine import check_earnings

__all__ = ["check_earnings"]
