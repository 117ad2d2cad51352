"""A denied figure ("did not close at 2,281.42", "is not above 2,400"): the verdict of the
figure as affirmed, turned over (rule F010).

Why turn a verdict over rather than bind a denial on its own: the figure's index, period and
metric are read the same way whether the sentence affirms or denies it, so the binder and
the judge stay one; only what their verdict means changes.  A denial is true exactly when
the affirmed figure is false, but only where "false" is decided by the data: a figure that
was unsettled (no index named, no such fact) stays unsettled, and a hedge with a nearness
("more than 2%": above 2 and within a unit) can miss for being too far above, which does not
make "not more than 2%" true.
"""

from __future__ import annotations

from typing import Final

from factcheck.bind import Binding
from factcheck.document import Figure
from factcheck.ids import is_level
from factcheck.match import Verdict
from factcheck.numfmt import Hedge
from factcheck.report import Status
from factcheck.rules import FIGURE_DENIED

#: Hedges whose miss is the denial's truth: exact figures and relations to a level.
_EXACT_OR_RELATION: Final = frozenset({Hedge.EXACT, Hedge.ABOVE, Hedge.BELOW})
_RELATION: Final = frozenset({Hedge.ABOVE, Hedge.BELOW})
#: Verdicts that say the figure is not its own fact's: a denial of it is true.
_FALSE: Final = frozenset({Status.MISMATCH, Status.MISATTRIBUTED})


def denial_verdict(fig: Figure, b: Binding, verdict: Verdict) -> Verdict:
    """`verdict` of `fig` (bound by `b`) as affirmed, for the text that denies it.  A level
    to watch ("fails to hold 2,300": the round level) is no value the index had, so a denial
    leaves its verdict as it is."""
    if not fig.negated or (verdict.fact is not None and is_level(verdict.fact.id)):
        return verdict
    if verdict.status is Status.VERIFIED and fig.hedge in _RELATION and not b.periods:
        # "failed to close above 2,300" with no period: some close of the year was above
        # it, but which session the text denies it of is not said
        return Verdict(
            Status.UNSUPPORTED,
            verdict.fact,
            None,
            "a denied relation to a level with no period: the text does not say which "
            "session it denies",
            FIGURE_DENIED,
        )
    if verdict.status is Status.VERIFIED:
        held = verdict.fact.id if verdict.fact is not None else "it"
        return Verdict(
            Status.CONTRADICTED,
            verdict.fact,
            None,
            f"denied, but the data holds it ({held})",
            FIGURE_DENIED,
        )
    if verdict.status in _FALSE:
        if fig.hedge in _EXACT_OR_RELATION:
            return Verdict(
                Status.VERIFIED,
                verdict.fact,
                None,
                f"denied, and the data agrees (it is {verdict.expected})"
                if verdict.expected
                else "denied, and the data agrees",
                FIGURE_DENIED,
            )
        return Verdict(
            Status.UNSUPPORTED,
            verdict.fact,
            None,
            "a denied hedge: the data missing it does not make the denial true",
            FIGURE_DENIED,
        )
    return verdict
