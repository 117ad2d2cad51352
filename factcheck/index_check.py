"""The engine of the index genres (weekly recap, daily wrap): an article of an index's week,
checked figure by figure against an `IndexBrief`.

extract -> bind -> match (figures) / qualitative (phrases) / streak_judges (streak counts) /
dates -> report; `factcheck.reading` walks the sentences in order, `factcheck.dates` judges
dates and the article's week.  The per-brief work (entity regex, fact index) is cached, so
checking many articles against one brief costs one setup.  The genre's row is passed in
(`factcheck.check.check_text` finds it), so this module never imports the genres table.
"""

from __future__ import annotations

from collections import OrderedDict
from operator import itemgetter
from typing import TYPE_CHECKING, Final

from factcheck.bind import Binder, apply_column
from factcheck.brief import Brief, IndexBrief
from factcheck.claim_builder import ClaimBuilder
from factcheck.dates import date_verdict, wrong_week
from factcheck.denial import denial_verdict
from factcheck.document import Figure
from factcheck.extract import parse
from factcheck.fact_index import FactIndex
from factcheck.match import Verdict, judge
from factcheck.qualitative import ArticleWords, check_sentence
from factcheck.reading import read_in_order
from factcheck.report import CheckReport, Status
from factcheck.streak_judges import check_streak

if TYPE_CHECKING:
    from factcheck.genres.genre import Genre

_FIRST: Final = itemgetter(0)
_CACHE: Final[OrderedDict[int, tuple[IndexBrief, Binder, FactIndex]]] = OrderedDict()


def _prepared(brief: IndexBrief, genre: Genre) -> tuple[Binder, FactIndex]:
    hit = _CACHE.get(id(brief))
    if hit is not None and hit[0] is brief:
        return hit[1], hit[2]
    binder, index = Binder(brief, genre.outside), FactIndex(brief, genre.bases, genre.days(brief))
    _CACHE[id(brief)] = (brief, binder, index)
    while len(_CACHE) > 32:
        _CACHE.popitem(last=False)
    return binder, index


def check_index(text: str, brief: Brief, genre: Genre, *, source: str, strict: bool) -> CheckReport:
    """Check every figure, date and checkable phrase of an index article against its brief
    (a `check.Engine`)."""
    assert isinstance(brief, IndexBrief), brief.kind
    binder, index = _prepared(brief, genre)
    doc = parse(text, anchor=genre.anchor(brief))
    out = ClaimBuilder(doc, strict)
    words = ArticleWords.of(doc, genre.phrase_rules)
    # In an article that names only its subject, a sentence that names nothing is about the
    # subject; where it names other things too, that default is a guess.
    single = binder.entities_named(doc) <= {binder.subject}
    dates: list[tuple[Figure, Status]] = []
    for sent, ctx, summary, heading in read_in_order(doc, binder):
        for fig in sent.dates:
            status, expected, message, rule = date_verdict(fig, brief, index, sent.text)
            dates.append((fig, status))
            out.add(
                fig.start,
                fig.end,
                sent,
                "date",
                fig.date.isoformat() if fig.date else None,
                status,
                None,
                expected,
                message,
                rule,
            )
        for at, fig in enumerate(sent.figures):
            if fig.kind == "count":
                out.finding(check_streak(fig, doc, sent, ctx, binder, summary), sent)
                continue
            b = binder.bind(doc, sent, ctx, fig, summary, heading, at)
            if single:
                b.entity_guessed = False
            if sent.block_kind == "table":
                apply_column(binder, doc, sent, fig, b)
            verdict: Verdict = denial_verdict(fig, b, judge(index, fig, b))
            out.add(
                fig.start,
                fig.end,
                sent,
                fig.kind,
                fig.written,
                verdict.status,
                verdict.fact.id if verdict.fact else None,
                verdict.expected,
                verdict.message,
                verdict.rule,
            )
        for finding in check_sentence(doc, sent, ctx, binder, summary, words):
            out.finding(finding, sent)
    out.account_for_every_number()
    claims = [c for _, c in sorted(out.claims, key=_FIRST)]
    wrong = wrong_week(doc, brief, dates, claims, index.vouched)
    if wrong is not None:
        claims = [wrong]
    return CheckReport.model_construct(
        source=source, brief_id=genre.describe(brief), claims=tuple(claims), strict=strict
    )
