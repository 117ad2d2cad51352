"""For a wrong change: which wrong base explains it.

Real recaps get a change wrong in a few known ways, most often by measuring it from the
wrong close: the weekly change from Monday's (or Thursday's) close instead of the previous
week's last close, the year-to-date change from the year's first close instead of the prior
year-end.  Given a change figure that fits neither the week nor the year, this tries each of
those bases (a genre's own, `factcheck.genres`: which closes are the likely wrong ones depends
on what the article reports) and says which one gives the written figure, so the finding
reads `"+0.28%" is the change from Monday Aug 4's close; the week vs Fri Aug 1's close is
+2.38%` instead of only "expected +2.38%".  Pure: facts in, a sentence out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from factcheck.brief import Brief, Fact
from factcheck.document import Figure
from factcheck.numfmt import written_matches


@dataclass(frozen=True, slots=True)
class Base:
    """A close a change could have been measured from, and how to name it."""

    value: Decimal
    name: str


#: A genre's wrong bases (`factcheck.genres.Genre.bases`): for a change fact, the value it
#: runs to and the closes a writer is likely to have measured it from by mistake, or None
#: when the genre knows none for it.
Bases = Callable[[Brief, Fact], tuple[Decimal, Sequence[Base]] | None]


def wrong_base(
    last: Decimal, bases: Sequence[Base], fig: Figure, target: Fact, sign: int
) -> str | None:
    """Why `fig` (bound to `target`, a change running to the close `last`) is wrong, if one
    of the genre's known wrong `bases` explains it: the sentence to report, else None."""
    for base in bases:
        if base.value == 0:
            continue
        delta = last - base.value
        value = delta if target.metric == "change_pts" else delta / base.value * 100
        if sign and (value > 0) != (sign > 0) and value != 0:
            continue
        if written_matches(abs(value), fig.magnitude, fig.decimals, fig.hedge):
            what = "weekly" if target.period == "week" else "year-to-date"
            return (
                f"{fig.text.strip()} is the change from {base.name}; the {what} change "
                f"({target.label}) is {target.display}"
            )
    return None
