"""Bind each figure to what it talks about: entity, period, metric and direction.

A figure's own sentence decides first (the nearest preceding mention wins, so "the S&P 500
(+0.78%) and the Nasdaq (+0.98%)" binds each figure to the index just before it).  What the
sentence does not say is *inherited* from the preceding sentence of the same block or the
nearest heading, and marked as inherited: the matcher may drop an inherited attribute but
never an explicit one, so a guess about context can never turn a true figure into an error.

Periods are sets of tokens that facts carry (see `match.fact_tokens`): `d:2025-08-05` for a
session, `week`, `52w`, `ytd`, `50d`, `200d`, `prev`, `level`.  A figure's period is the
conjunction of the tokens bound to it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal

from factcheck.bind.metrics import percent_metric, points_metric, range_metric, worded_metric
from factcheck.bind.model import (
    _IN_BRACKETS_RE,
    _START,
    OUTSIDE_PREFIX,
    Binding,
    HeaderCell,
    Mention,
    SentenceContext,
    is_outside,
    period_tokens,
)
from factcheck.bind.names import (
    _EXACT,
    _TRAILING_INDEX_RE,
    _bare,
    _entity_regex,
    _exact_key,
    _name_key,
    _squash,
    _weekday,
    heading_entity,
)
from factcheck.bind.pairing import _RIGHT_BEFORE_RE, _gap_to, _respectively
from factcheck.bind.patterns import (
    _BASE_AFTER_RE,
    _BASE_BEFORE_RE,
    _BASE_CLOSE_RE,
    _CHAIN_GAP_RE,
    _CLAUSE_BREAK_RE,
    _CLOSES,
    _COMPANY_RESULT_RE,
    _COMPARE_VERB_RE,
    _CONDITIONAL_LEVEL_RE,
    _DATELINE_RE,
    _DAYS_SPAN_RE,
    _DEICTIC_WEEK_RE,
    _DIRECTION_OF,
    _DISTANCE_RE,
    _EXTREME_BEFORE_RE,
    _EXTREME_NOUN_RE,
    _EXTREME_SCOPE_RE,
    _FOLLOW_GAP_RE,
    _FROM_A_RE,
    _INTRADAY_MOVE_RE,
    _METRIC_OF,
    _METRIC_OR_DIRECTION_RE,
    _MONTH_AS_SPAN_RE,
    _MONTH_NUMBER,
    _MONTH_RE,
    _MONTH_SPAN_RE,
    _MOVE_AFTER_NAME_RE,
    _MOVE_END_RE,
    _MOVE_IN_RE,
    _MOVE_START_RE,
    _MOVE_WORDS,
    _NO_FACT,
    _NON_DIGIT_RE,
    _NOT_NAMES,
    _ON_DATE_GAP_RE,
    _OR_LINK_RE,
    _OUTSIDE_REACH,
    _PARTICIPLE_RE,
    _PAST_DECLINE_RE,
    _PAST_SPAN_RE,
    _PERIOD_DIGITS_RE,
    _PERIOD_RE,
    _PERIOD_WORDS,
    _PREV_WORD_RE,
    _PRICED,
    _PROPER_RE,
    _SHARES_OF_RE,
    _SPACES_RE,
    _STANDS_AT_RE,
    _SUB_INDEX_RE,
    _SUPERLATIVE_SCOPE_RE,
    _THIS_WEEK_RE,
    _TO_END_RE,
    _TO_PRICE_RE,
    _TOP_MOVER_RE,
    _TOTAL_RETURN_RE,
    _WEEK_CLOSER_RE,
    _YEAR_BASE_GAP_RE,
    _YEAR_RE,
    _YEAR_SPAN_RE,
    DATELINE_MAX,
    FOLLOW_DIR_RE,
    _owns_relative_clause,
    _same_clause,
)
from factcheck.brief import IndexBrief
from factcheck.datewords import WEEKDAY_RE
from factcheck.document import Document, Figure, Sentence
from factcheck.grammar import (
    CLOSE_HIGH,
    CLOSE_LOW,
    LEVELISH,
    QUARTER_END_MONTHS,
    QUARTER_SPANS,
    PeriodKind,
    header_words,
)
from factcheck.numfmt import LEVEL_SCALE, Hedge


def _direction_of(word: str) -> int:
    return _DIRECTION_OF.get(word) or _DIRECTION_OF.get(_squash(word), 1)


class Binder:
    """Compiled per brief: entity names and the week's dates are what mentions resolve to."""

    def __init__(self, brief: IndexBrief, outside: Sequence[str]) -> None:
        """`outside`: names of things the brief's genre holds no figures of
        (`factcheck.genres.Genre.outside`)."""
        self.brief = brief
        self.subject = brief.subject.key
        self.entity_re, self.entity_of = _entity_regex(brief.entities, outside)
        self.sessions = brief.week.sessions
        self.by_weekday: dict[int, dt.date] = {d.weekday(): d for d in brief.week.sessions}
        #: each entity's last close: what an index level near it is
        self.last_close: dict[str, Decimal] = {
            f.entity: f.value
            for f in brief.facts
            if f.metric == "close" and f.period == brief.week.last_session.isoformat()
        }
        self._keys: dict[str, str] = {}  # entity mention as written -> entity key
        #: the table header cells read in the document checked last (`header_cell`)
        self._cells: dict[tuple[int, int], HeaderCell] = {}
        self._cells_of: Document | None = None
        #: the document last asked whether it says "this week", and its answer
        self._vantage: tuple[Document | None, bool] = (None, False)
        #: the base of the year-to-date change: the subject's last close of the year before
        year = brief.week.last_session.year
        self.year_base: str | None = max(
            (
                f.period
                for f in brief.facts
                if f.entity == self.subject
                and f.metric == "close"
                and f.period[:4] == str(year - 1)
            ),
            default=None,
        )
        #: the quarter the last session is in (1-4), the token of its change so far (the
        #: year to date in the first quarter, the month to date in a quarter's first month,
        #: where they are the same change) and its base, the subject's last close of the
        #: quarter before when the brief holds it
        last = brief.week.last_session
        self.quarter = (last.month - 1) // 3 + 1
        self.quarter_token = (
            "ytd" if self.quarter == 1 else "mtd" if (last.month - 1) % 3 == 0 else "qtd"
        )
        start = dt.date(last.year, 3 * self.quarter - 2, 1)
        lo, hi = (start - dt.timedelta(days=10)).isoformat(), start.isoformat()
        self.quarter_base: str | None = max(
            (
                f.period
                for f in brief.facts
                if f.entity == self.subject
                and f.metric == "close"
                and f.period[:1].isdigit()
                and lo <= f.period < hi
            ),
            default=None,
        )
        #: days the brief holds a figure for (sessions, the bases, the extremes' days)
        self.known_days: frozenset[str] = frozenset(
            {d.isoformat() for d in brief.week.sessions}
            | {brief.week.previous_session.isoformat()}
            | {f.on.isoformat() for f in brief.facts if f.on is not None}
            | {f.period for f in brief.facts if f.period[:1].isdigit()}
        )

    def context(self, doc: Document, sent: Sentence) -> SentenceContext:
        """What a sentence names, in the order it names it: indices and other things (and the
        companies its figures may be about), sessions and periods, and (for a sentence with
        figures) metric and direction words."""
        ctx = SentenceContext()
        text = doc.lower[sent.start : sent.end]
        self._entity_mentions(doc, sent, text, ctx)
        if sent.figures:
            self._companies(doc, sent, ctx)
        self._session_mentions(sent, text, ctx)
        self._period_mentions(doc, sent, text, ctx)
        if len(ctx.periods) > 1:
            ctx.periods.sort(key=_START)
        if sent.figures:  # metric and direction words only matter to figures
            self._metric_and_direction_words(sent, text, ctx)
        return ctx

    def _entity_mentions(
        self, doc: Document, sent: Sentence, text: str, ctx: SentenceContext
    ) -> None:
        """The indices, generic references ("the index") and things outside the brief."""
        base = sent.start
        # a compact row's label runs into its first figure ("russell 20002,230.16"): its
        # name is looked for in the label cell alone
        label = sent.cells[0] if sent.compact and sent.cells else None
        scanned = text if label is None else doc.lower[label[0] : label[1]]
        found_at = base if label is None else label[0]
        for m in self.entity_re.finditer(scanned):
            name = m.group(0)
            key = self._keys.get(name)
            if key is None:
                key = self._keys[name] = self.entity_of.get(_name_key(name), self.subject)
                if m.lastgroup == "generic":
                    key = self._keys[name] = self.subject
            if "#" in name:  # a name with digits: which one, by its digits as written
                written_name = _exact_key(doc.text[found_at + m.start() : found_at + m.end()])
                bare = _TRAILING_INDEX_RE.sub("", written_name)
                key = self.entity_of.get(_EXACT + written_name) or self.entity_of.get(
                    _EXACT + bare,
                    OUTSIDE_PREFIX + bare,  # "Russell 3000 Index": not the 2000
                )
            if scanned[m.start() - 1 : m.start()] == "(" and scanned[
                m.end() : m.end() + 2
            ].lstrip().startswith(":"):
                continue  # "(ASX: XAO)", "(NASDAQ: NVDA)": an exchange naming a ticker
            if (
                ctx.entities
                and scanned[m.start() - 1 : m.start()] == "("
                and ctx.entities[-1].end >= found_at + m.start() - 2
            ):
                continue  # "The S&P 500 (SPX)": the ticker restates the name before it
            kind = "generic" if m.lastgroup == "generic" else "entity"
            written = doc.text[found_at + m.start() : found_at + m.end()]
            if kind == "generic" and (named := self._named_in(name, written)) is not None:
                # "the Shanghai benchmark" is not the index; "the Nasdaq index" is the Nasdaq
                kind, key = "entity", named
            end = found_at + m.end()
            if label is not None and (
                scanned[: m.start()].strip() or scanned[m.end() :].strip(" *")
            ):
                # a row's label names one thing: "Global Dow" is not the Dow
                key, end = OUTSIDE_PREFIX + scanned.strip(), label[1]
            if kind == "entity" and not is_outside(key):
                sub = _SUB_INDEX_RE.match(doc.text, end)
                if sub is not None:
                    # "the Hang Seng Technology Index", "the Dow Jones Transportation
                    # Average": more name words make another index, one the brief lacks
                    key, end = (
                        OUTSIDE_PREFIX + doc.text[found_at + m.start() : sub.end()],
                        sub.end(),
                    )
            ctx.entities.append(Mention(found_at + m.start(), end, kind, key))

    def _session_mentions(self, sent: Sentence, text: str, ctx: SentenceContext) -> None:
        """Written dates, and weekdays as the sessions of the brief's week they name."""
        base = sent.start
        for d in sent.dates:
            if d.date is not None:
                ctx.periods.append(Mention(d.start, d.end, "date", d.date.isoformat()))
        taken = [(d.start - base, d.end - base) for d in sent.dates]
        for m in WEEKDAY_RE.finditer(sent.text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            weekday = _weekday(m.group("wd"))
            day = self.by_weekday.get(weekday)
            if _PREV_WORD_RE.search(text[max(0, m.start() - 16) : m.start()]):
                prev = self.brief.week.previous_session
                day = prev if prev.weekday() == weekday else None
            elif (
                day is not None
                and _BASE_BEFORE_RE.search(text[max(0, m.start() - 20) : m.start()])
                and _BASE_AFTER_RE.match(text, m.end())
            ):
                # "down 0.3% from Wednesday's close": a change is the next session's move,
                # a level ("from Monday's close of 2,212.30") is the named day's
                ctx.periods.append(
                    Mention(base + m.start(), base + m.end(), "basedate", day.isoformat())
                )
                continue
            value = day.isoformat() if day else f"missing:{m.group('wd')}"
            ctx.periods.append(Mention(base + m.start(), base + m.end(), "date", value))

    def _period_mentions(
        self, doc: Document, sent: Sentence, text: str, ctx: SentenceContext
    ) -> None:
        """Period phrases ("this week", "year to date"), months, past spans and spans written
        with digits ("52-week", "in 2025")."""
        base = sent.start
        for m in _PERIOD_RE.finditer(text):
            phrase = m.group(0)
            kind = _PERIOD_WORDS.get(phrase) or _PERIOD_WORDS.get(
                _SPACES_RE.sub(" ", phrase), "week"
            )
            value = "52w" if kind == "w52" else kind
            if kind == "none" and self._span_is_ytd(phrase):
                kind = value = "ytd"  # "in the first half", written in late March
            elif kind in (PeriodKind.QTD, PeriodKind.QUARTER, PeriodKind.QBASE):
                kind = value = self._quarter_period(kind, _SPACES_RE.sub(" ", phrase))
            if kind == "weekstart":
                kind, value = "date", self.sessions[0].isoformat()
            elif kind == "weekend":
                kind, value = "date", self.sessions[-1].isoformat()
            elif kind == "prev" and "friday" in m.group(0):
                kind, value = "date", self.brief.week.previous_session.isoformat()
            elif (
                kind == "prev"
                and _DEICTIC_WEEK_RE.match(phrase)
                and not phrase.endswith(("'s", "’s"))
            ):  # "after last week's 4.17% drop" is background: the week before
                kind = "lastweek"  # its value stays "prev"; `_period_of` reads the figure
            elif kind == "week" and _SUPERLATIVE_SCOPE_RE.search(
                text[max(0, m.start() - 40) : m.start()]
            ):
                continue  # "its highest level of the week": scope of the superlative
            elif (
                kind == "week"
                and _WEEK_CLOSER_RE.search(text[max(0, m.start() - 24) : m.start()])
                and any(
                    p.kind == "date" and 0 <= base + m.start() - p.end < 12 for p in ctx.periods
                )
            ):
                continue  # "Friday closed the week with a gain of 1.81%": Friday's move
            ctx.periods.append(Mention(base + m.start(), base + m.end(), kind, value))
        for m in _MONTH_RE.finditer(text):
            ctx.periods.append(
                Mention(
                    base + m.start(),
                    base + m.end("mon"),
                    "month",
                    str(_MONTH_NUMBER[m.group("mon")]),
                )
            )
        for m in _PAST_SPAN_RE.finditer(text):
            ctx.periods.append(Mention(base + m.start(), base + m.end(), "none", "none"))
        for m in (*_MONTH_SPAN_RE.finditer(text), *self._months_as_spans(doc, base, text)):
            # "rose 1.3 per cent during the month of June", "For December, the index ...":
            # the month to date when it is the brief's month, else no figure the brief has
            mon = m.group("mon")
            this = mon is not None and _MONTH_NUMBER[mon] == self.sessions[-1].month
            what = "mtd" if this else "none"
            ctx.periods.append(Mention(base + m.start(), base + m.end(), what, what))
        for m in _PERIOD_DIGITS_RE.finditer(text):
            kind = m.lastgroup or ""
            value = kind
            if kind == "w52":
                value = "52w"
            elif kind == "ytd":
                kind = value = self._year_period(doc.text[base + m.start() : base + m.end()])
            elif kind == "ma":
                digits = _NON_DIGIT_RE.sub("", doc.text[base + m.start() : base + m.end()])
                value = f"{digits}d" if digits else "ma"
            ctx.periods.append(Mention(base + m.start(), base + m.end(), kind, value))

    @staticmethod
    def _months_as_spans(doc: Document, base: int, text: str) -> list[re.Match[str]]:
        """Months named as a change's span without "in" ("ended September with a 3.5% gain",
        "December XJO was down -3.28%"), written with a capital: "may" is a verb."""
        return [
            m for m in _MONTH_AS_SPAN_RE.finditer(text) if doc.text[base + m.start("mon")].isupper()
        ]

    def _metric_and_direction_words(self, sent: Sentence, text: str, ctx: SentenceContext) -> None:
        """Metric words ("closing high", "support") and direction words ("rose", "lower")."""
        base = sent.start
        names = [(e.start - base, e.end - base) for e in ctx.entities]
        # One scan for metric and direction words (about 3% of a check faster than two): the
        # lists share no word but "topped", which "topped out" (a metric) and "topped" (a
        # direction) both start with; the import-time assert keeps it that way.
        for m in _METRIC_OR_DIRECTION_RE.finditer(text):
            word = m.group(0)
            if m.lastgroup == "direction":
                ctx.directions.append((base + m.start(), base + m.end(), _direction_of(word), word))
                continue
            if word.startswith("topped"):
                ctx.directions.append((base + m.start(), base + m.start() + 6, 1, "topped"))
            if any(a <= m.start() < b for a, b in names):
                continue  # "Dow Jones Industrial Average" names an index, not a metric
            metrics = _METRIC_OF.get(word) or _METRIC_OF[_squash(word)]
            if metrics in (CLOSE_HIGH, CLOSE_LOW) and not (
                _EXTREME_SCOPE_RE.match(text, m.end())
                or "week" in text[max(0, m.start() - 16) : m.start()]
            ):
                metrics = _CLOSES  # "its highest close since July 24": a close, not the week's
            ctx.metrics.append((base + m.start(), base + m.end(), metrics))

    def _quarter_period(self, kind: str, phrase: str) -> str:
        """What a quarter phrase names: the current quarter so far ("so far this quarter",
        "in the third quarter" written in it, "since the end of June" written in the third)
        as the brief holds it (`quarter_token`), else a span the brief holds nothing for.
        "The quarter" written in a quarter's first month may be the one just ended: none,
        except in the first quarter (the year to date, as "the first half" is)."""
        if kind == PeriodKind.QTD:
            return self.quarter_token
        words = phrase.split()
        if kind == PeriodKind.QBASE:
            ended = QUARTER_END_MONTHS.get(words[-1], 0)
            return self.quarter_token if ended == (3 * self.quarter - 3 or 12) else "none"
        named = QUARTER_SPANS.get(" ".join(words[-2:]), QUARTER_SPANS.get(words[-1], 0))
        if named:
            return self.quarter_token if named == self.quarter else "none"
        if self.quarter == 1:
            return "ytd"
        if len(words) == 1 or self.quarter_token != "qtd":
            return "none"  # a bare "quarter" ("a quarter of its gains"), or the one ended
        return "qtd"

    def _span_is_ytd(self, phrase: str) -> bool:
        """Is "the first half" this year to date (a span that starts with the year, named in
        a week inside it)?  (A quarter is `_quarter_period`'s.)"""
        month = self.brief.week.last_session.month
        return "half" in phrase and "second" not in phrase and month <= 6

    def _after_the_week(self, doc: Document) -> bool:
        """Is a recap of a whole week written after it ended: it never calls its week "this
        week".  Its moves "last week" ("rose 1.1% last week") are then the reported week's,
        as a recap published on the weekend or the Monday after writes them; a level "last
        week" ("last week's high of ...") stays the week before's, and a daily wrap is
        written inside its week."""
        if self.brief.week.as_of is not None:
            return False
        if self._vantage[0] is not doc:
            self._vantage = (doc, _THIS_WEEK_RE.search(doc.lower) is None)
        return self._vantage[1]

    def _year_period(self, phrase: str) -> str:
        """ "in 2025" is the year to date of a 2025 brief and "since the end of 2024" (or "its
        2024 finish") is its base; another year is a period the brief holds nothing for."""
        year = int(_YEAR_RE.search(phrase).group(0))  # type: ignore[union-attr]
        this = self.brief.week.last_session.year
        base = phrase[:3].lower() in ("sin", "fro", "its")
        return "ytd" if year == (this - 1 if base else this) else "none"

    def _companies(self, doc: Document, sent: Sentence, ctx: SentenceContext) -> None:
        """Names no brief holds, found by what follows them: a capitalized name that moves
        ("Alibaba rose 1.4%") is a company, and its figures are about it."""
        taken = [(m.start, m.end) for m in ctx.entities]
        found = False
        for m in _PROPER_RE.finditer(sent.text):
            start, end = sent.start + m.start(), sent.start + m.end()
            if any(a < end and start < b for a, b in taken):
                continue
            words = m.group(0).split()
            verb = next((k for k, w in enumerate(words) if k and w.lower() in _MOVE_WORDS), None)
            if verb is not None:
                # a headline in title case: "Country Garden Falls More Than 5%"
                end = start + m.group(0).index(" " + words[verb])
                words = words[:verb]
            while words and _bare(words[0]) in _NOT_NAMES:
                words = words[1:]
            if not words or all(_bare(w) in _NOT_NAMES for w in words):
                continue
            if not _MOVE_AFTER_NAME_RE.match(doc.lower, end) and not _SHARES_OF_RE.search(
                doc.lower, max(sent.start, start - 12), start
            ):
                continue
            ctx.entities.append(Mention(start, end, "entity", OUTSIDE_PREFIX + " ".join(words)))
            found = True
        if found:
            ctx.entities.sort(key=_START)

    def header_cell(
        self, doc: Document, span: tuple[int, int], dates: tuple[Figure, ...] | list[Figure]
    ) -> HeaderCell:
        """What a table's header cell (a header row's cell, or a row's first) says: the index
        it names, read as the text's names are read, when the cell starts with the name
        ("S&P 500", "Nasdaq close"; not "vs S&P 500"); the metric and period its words name
        (`grammar.header_words`); the session it dates ("Aug 4", "Monday")."""
        if self._cells_of is not doc:
            self._cells, self._cells_of = {}, doc
        cell = self._cells.get(span)
        if cell is not None:
            return cell
        a, b = span
        here = Sentence(a, b, doc.masked[a:b], -1, "table")
        here.dates = [d for d in dates if a <= d.start < b]
        ctx = self.context(doc, here)
        lead = doc.lower[a:b].lstrip(" *_`")
        named = {m.value for m in ctx.entities if m.kind == "entity"}
        entity = None
        if len(named) == 1 and ctx.entities and ctx.entities[0].start == b - len(lead):
            # what follows the name is a ticker, or header words ("Nasdaq close"), not more
            # name ("S&P 500 weight" heads no index's figures)
            rest = _IN_BRACKETS_RE.sub(" ", doc.lower[ctx.entities[0].end : b])
            said = header_words(rest)
            if not any(c.isalpha() for c in rest) or said.metric or said.period:
                entity = next(iter(named))
        days = {m.value for m in ctx.periods if m.kind == "date" and m.value[:1].isdigit()}
        words = header_words(doc.lower[a:b])
        cell = self._cells[span] = HeaderCell(
            entity,
            words,
            next(iter(days)) if len(days) == 1 else None,
            doc.lower[a:b].split(),
        )
        return cell

    def is_level(self, fig: Figure) -> bool:
        """Is a figure near some index's last close (a level, not a change in points)?"""
        return any(
            close / LEVEL_SCALE <= fig.magnitude <= close * LEVEL_SCALE
            for close in self.last_close.values()
        )

    def entities_named(self, doc: Document) -> set[str]:
        """Every entity the article names (generic phrases excluded), looked up as
        `context` looks them up."""
        named: set[str] = set()
        for m in self.entity_re.finditer(doc.lower):
            if m.lastgroup != "generic":
                named.add(self.entity_of.get(_name_key(m.group(0)), self.subject))
        return named

    def _at_index_scale(self, entity: str | None, price: str) -> bool:
        """Is a money figure near the last close of `entity` (an index written in dollars)?"""
        close = self.last_close.get(entity or "")
        if close is None:
            return False
        value = Decimal(price.replace(",", ""))
        return close / LEVEL_SCALE <= value <= close * LEVEL_SCALE

    def _named_in(self, generic: str, written: str) -> str | None:
        """The index or outside thing a generic phrase names by its adjective ("the shanghai
        benchmark", "the Nasdaq index"), if any.  An index of the brief only by a proper name
        (capitalised as written): "the blue-chip index" stays the index named last."""
        words = generic.split()
        if len(words) < 3:
            return None
        proper = written.split()[1][:1].isupper() if len(written.split()) > 1 else False
        for name in (" ".join(words[1:]), " ".join(words[1:-1]), words[1]):
            key = self.entity_of.get(_name_key(name))
            if key is not None and (proper or is_outside(key)):
                return key
        if "sector" in words[1:-1]:
            return OUTSIDE_PREFIX + " ".join(words[1:])  # "the banking sector index"
        return None

    def resolve_generic(self, ctx: SentenceContext, fallback: str | None) -> None:
        """ "The index" is the index named last: earlier in the sentence, else what the
        sentence inherits (`fallback`), else the subject.  Outside things never count."""
        last = fallback if fallback is not None and not is_outside(fallback) else None
        here = False  # whether `last` was named in this sentence
        for m in ctx.entities:
            if m.kind == "generic":
                m.value = last or self.subject
                if last is not None and not here:
                    m.kind = "inherited"  # "It closed at ...": what the text before named
            elif not is_outside(m.value):
                last, here = m.value, True

    def bind(
        self,
        doc: Document,
        sent: Sentence,
        ctx: SentenceContext,
        fig: Figure,
        prev: Binding | None,
        heading: SentenceContext | None,
        idx: int = -1,
    ) -> Binding:
        """`idx` is the figure's position in `sent.figures` (found when not given)."""
        b = Binding()
        figures = sent.figures
        if not (0 <= idx < len(figures) and figures[idx] is fig):
            idx = -1
            for i, f in enumerate(figures):  # identity, not equality: figures are dataclasses
                if f is fig:
                    idx = i
                    break
        prev_fig = figures[idx - 1] if idx > 0 else None
        next_fig = figures[idx + 1] if 0 <= idx < len(figures) - 1 else None
        lo = prev_fig.end if prev_fig is not None else sent.start
        hi = next_fig.start if next_fig is not None else sent.end
        self._bind_entity(doc, sent, ctx, fig, idx, hi, prev, heading, b)
        self._bind_period(doc, sent, ctx, fig, idx, lo, hi, prev, heading, b)
        self._bind_metric(doc, sent, ctx, fig, lo, b)
        self._bind_doubts(ctx, heading, fig, b)
        # direction
        b.direction, b.direction_from, b.direction_adjacent = self._direction(
            doc, sent, ctx, fig, prev_fig, lo
        )
        if fig.kind in ("percent", "points"):
            gap = _gap_to(doc, figures, idx, sent.start, sent.end)
            if gap is not None:
                b.gap_to, b.gap_side = gap
        return b

    def _bind_entity(
        self,
        doc: Document,
        sent: Sentence,
        ctx: SentenceContext,
        fig: Figure,
        idx: int,
        hi: int,
        prev: Binding | None,
        heading: SentenceContext | None,
        b: Binding,
    ) -> None:
        """The figure's index: the nearest mention before it, else one right after, else
        the one inherited from the text or heading before; a company's or a share price's
        figures are no index's."""
        # a company or commodity named earlier in a long sentence does not own its figures
        before = [
            m
            for m in ctx.entities
            if m.end <= fig.start
            and not (
                is_outside(m.value)
                and fig.start - m.end > _OUTSIDE_REACH
                and not _owns_relative_clause(doc, m, fig)
                and not _same_clause(doc, m, fig)
            )
        ]
        after = [m for m in ctx.entities if m.start >= fig.end and m.start < hi]
        if fig.kind == "percentage_points":
            named = [m.value for m in ctx.entities]
            b.entity = self.subject
            b.versus = tuple(dict.fromkeys(k for k in named if k != self.subject))
        elif (pick := _respectively(doc, sent, ctx.entities, fig, idx)) is not None:
            b.entity = pick.value
        elif (
            before
            and len(before) > 1
            and _PARTICIPLE_RE.match(doc.lower[before[-1].end : fig.start])
            and _COMPARE_VERB_RE.search(doc.lower[before[-2].end : before[-1].start])
        ):
            # "the Nasdaq outpaced the S&P 500, gaining 7.29%": the participle's subject
            b.entity = before[-2].value
        elif (
            after
            and after[0].start - fig.end < 40
            and _MOVE_IN_RE.fullmatch(doc.lower[fig.end : after[0].start])
        ):
            b.entity = after[0].value  # "the 4.66% advance in the S&P 500"
        elif before:
            b.entity = before[-1].value
            b.entity_inherited = before[-1].kind == "inherited"
        elif (
            after
            and after[0].start - fig.end < 40
            and (
                not is_outside(after[0].value)
                or not doc.lower[fig.end : after[0].start].strip(" -")
            )
        ):
            # "a 0.25% gain after megacap earnings": a thing named after a figure does not
            # own it unless the figure is its move ("the 4.66% advance in ...", above) or
            # modifies it ("a 15% tariff")
            b.entity = after[0].value
            b.entity_inherited = after[0].kind == "inherited"
        elif prev is not None and prev.entity is not None:
            # the index of a section heading is stated for its lines ("### S&P 500 (SPX)")
            b.entity, b.entity_inherited = prev.entity, not prev.from_heading
        elif (titled := heading_entity(heading)) is not None:
            b.entity, b.entity_inherited = titled, True  # "### S&P 500: the week"
        else:
            b.entity, b.entity_inherited, b.entity_guessed = self.subject, True, True
        price = (
            _TO_PRICE_RE.match(doc.lower, fig.end, min(sent.end, fig.end + 60))
            if fig.kind in ("percent", "points") and not is_outside(b.entity)
            else None
        )
        if price is not None and not self._at_index_scale(b.entity, price.group("price")):
            # "sank 2.7 per cent to HK$535": a share price, far from the index's level (an
            # index written with a dollar sign, "to $7982", stays the index)
            b.entity, b.entity_inherited, b.entity_guessed = _PRICED, False, False

    def _bind_period(
        self,
        doc: Document,
        sent: Sentence,
        ctx: SentenceContext,
        fig: Figure,
        idx: int,
        lo: int,
        hi: int,
        prev: Binding | None,
        heading: SentenceContext | None,
        b: Binding,
    ) -> None:
        """The figure's period tokens: stated in its stretch of the sentence, else inherited
        from the sentence before or the heading (a label line's period is stated)."""
        section_day = (
            heading.periods[-1].value
            if heading is not None and heading.periods and heading.periods[-1].kind == "date"
            else None
        )
        b.periods = self._periods(doc, sent, ctx, fig, lo, hi, idx, section_day)
        if not b.periods:
            if prev is not None and (prev.periods or prev.periods_inherited):
                b.periods_inherited = prev.periods or prev.periods_inherited
            elif heading is not None and heading.periods:
                if heading.label:
                    b.periods = period_tokens(heading.periods[-1])
                else:
                    b.periods_inherited = period_tokens(heading.periods[-1])

    def _bind_metric(
        self,
        doc: Document,
        sent: Sentence,
        ctx: SentenceContext,
        fig: Figure,
        lo: int,
        b: Binding,
    ) -> None:
        """The figure's metrics, and what the words around it say it is not: a total return,
        a move within a session, an earlier fall's depth, a company's result, an extreme of
        some other period, a conditional level, a distance from a high or an average."""
        tail = doc.lower[fig.end : min(sent.end, fig.end + 70)]
        dist = _DISTANCE_RE.match(tail) if fig.kind == "percent" else None
        b.metrics = self._metric(doc, sent, ctx, fig, lo, b, tail, dist)
        if fig.kind == "percent" and _TOTAL_RETURN_RE.match(tail):
            b.metrics = _NO_FACT  # "6.4 per cent including dividends": not the price index
        if fig.kind in ("percent", "points") and _INTRADAY_MOVE_RE.search(
            doc.lower, max(sent.start, fig.start - 45), fig.start
        ):
            b.metrics = _NO_FACT  # "a temporary increase of over 1%": a move within a session
        if (
            fig.kind in ("percent", "points")
            and _PAST_DECLINE_RE.match(tail)
            and _FROM_A_RE.search(doc.lower, max(sent.start, fig.start - 12), fig.start)
        ):
            b.metrics = _NO_FACT  # "recovered from a +15% dip": the depth of an earlier fall
        if fig.kind == "percent" and (
            _COMPANY_RESULT_RE.match(tail)
            or _TOP_MOVER_RE.search(doc.lower, max(sent.start, fig.start - 90), fig.start)
        ):
            # "a 40 per cent drop in net profit"; "the biggest large-cap gainer, soaring
            # 8.3 per cent": a company's figures
            b.entity, b.entity_inherited, b.entity_guessed = _PRICED, False, False
        head = doc.lower[max(sent.start, fig.start - 40) : fig.start]
        stated_day = any(t.startswith("d:") for t in b.periods)
        reached = _TO_END_RE.search(head) is not None  # "rose 1.02% to a record 20,598.00"
        extreme = None if stated_day or reached else _EXTREME_BEFORE_RE.search(head)
        if extreme is not None and (
            fig.kind == "number"
            # "its record peak of 45,637 points": a level in points, not a record gain
            or (fig.kind == "points" and _EXTREME_NOUN_RE.search(extreme.group(0)) is not None)
        ):
            # "the record close of 8,114.7", "closed as low as 1,760.71 in early April":
            # an extreme of some period; the brief's extremes may settle it, a misfit may
            # be older than the brief
            b.metrics = frozenset({"close_high", "close_low", "high", "low", "close"})
            b.periods, b.periods_inherited, b.beyond_data = frozenset(), frozenset(), True
        elif fig.kind == "number" and _CONDITIONAL_LEVEL_RE.search(head):
            b.metrics = LEVELISH  # "A close above 39,105 opens the path": a level
            fig.hedge = Hedge.EXACT
        self._stands_at(fig, b, head)
        if b.metrics is LEVELISH and fig.hedge in (Hedge.ABOVE, Hedge.BELOW):
            # "closed above the 22,500 level": a named level must be one the data has
            fig.hedge = Hedge.EXACT
        if dist is not None:  # a percent's distance from a high, low or average
            what = doc.text[fig.end + dist.start("what") : fig.end + dist.end("kind")]
            days = _DAYS_SPAN_RE.search(what)
            if days is not None:
                b.periods = frozenset({f"{days.group(1)}d"})
            elif _YEAR_SPAN_RE.search(what):
                b.periods = frozenset({"52w"})
            else:
                b.periods = frozenset()
            b.periods_inherited = frozenset()  # a distance names its own period
        if (
            fig.kind == "percent"
            and b.metrics == frozenset({"change_pct"})
            and b.periods
            and b.periods <= {"50d", "200d"}
        ):
            b.metrics = frozenset({"vs_ma_pct"})  # "roughly 9% above the 200-day"

    def _stands_at(self, fig: Figure, b: Binding, head: str) -> None:
        """ "The Russell 2000 is above 2,400": where it stands, its last close (not any
        figure of the brief above the level).  A period inherited from the sentence before
        does not change where it stands now: "... closed the week at 2,218.42. The Russell
        2000 is above 2,400." is held to that close, not to its 52-week high."""
        if (
            fig.kind == "number"
            and fig.hedge in (Hedge.ABOVE, Hedge.BELOW)
            and b.metrics is None
            and not b.periods
            and _STANDS_AT_RE.search(head)
        ):
            b.metrics = frozenset({"close"})
            b.periods = frozenset({f"d:{self.sessions[-1].isoformat()}"})
            b.periods_inherited = frozenset()

    def _bind_doubts(
        self, ctx: SentenceContext, heading: SentenceContext | None, fig: Figure, b: Binding
    ) -> None:
        """What could make a binding a guess: several sessions named, or a date the brief
        holds nothing for right by the figure ("the record close of 8,355.9 set on Oct 17")."""
        named_days = {m.value for m in ctx.periods if m.kind == "date"}
        if heading is not None:
            named_days |= {m.value for m in heading.periods if m.kind == "date"}
        b.sessions_named = len(named_days)
        for m in ctx.periods:
            if (
                m.kind == "date"
                and m.value[:1].isdigit()
                and m.value not in self.known_days
                and (0 <= fig.start - m.end < 40 or 0 <= m.start - fig.end < 40)
            ):
                b.unknown_date = m.value

    def _periods(
        self,
        doc: Document,
        sent: Sentence,
        ctx: SentenceContext,
        fig: Figure,
        lo: int,
        hi: int,
        idx: int,
        section_day: str | None = None,
    ) -> frozenset[str]:
        """`section_day`: the session the section heading names, if it names one."""
        if fig.kind in ("percent", "points") and _BASE_CLOSE_RE.match(
            doc.lower[fig.end : min(sent.end, fig.end + 80)]
        ):
            return frozenset({"week"})  # "…, or 0.02%, from the previous week's close"
        if fig.kind in ("percent", "points"):
            for m in ctx.periods:
                if (
                    m.kind in ("ytd", "none")
                    and fig.end <= m.start < fig.end + 24
                    and doc.lower.startswith(("its ", "since ", "from "), m.start)
                    and _YEAR_BASE_GAP_RE.fullmatch(doc.lower[fig.end : m.start])
                ):
                    return period_tokens(m)  # "ending the week 0.29% above its 2023 finish"
        pick = _respectively(doc, sent, ctx.periods, fig, idx)
        if pick is not None:
            return period_tokens(pick)
        best = _nearest_period(doc, sent, ctx, fig, hi)
        if best is None:
            return frozenset()
        return self._period_of(doc, sent, ctx, fig, hi, best, section_day)

    def _period_of(
        self,
        doc: Document,
        sent: Sentence,
        ctx: SentenceContext,
        fig: Figure,
        hi: int,
        best: Mention,
        section_day: str | None,
    ) -> frozenset[str]:
        """The tokens of the period mention that governs a figure, read as the words around
        it say: a base ("since the Dec 31 close") opens the period after it, "that day" is
        the date named before, a 52-week or prior-week extreme takes the date right after."""
        tokens = period_tokens(best)
        if (
            best.kind == "date"
            and fig.kind in ("percent", "points")
            and _BASE_BEFORE_RE.search(doc.lower[max(sent.start, best.start - 24) : best.start])
        ):
            # "up 1.64% since the Dec 31 close": a change from a base is the period it opens
            if best.value == self.brief.week.previous_session.isoformat():
                first = self.sessions[0].isoformat()
                # under a heading for the week's first session, the move from the previous
                # week's close is that session's ("## Monday, Aug 4 / Change vs Fri Aug 1")
                return frozenset({f"d:{first}"} if section_day == first else {"week"})
            if best.value == self.year_base:
                return frozenset({"ytd"})
            if best.value == self.quarter_base:
                return frozenset({self.quarter_token})  # "since the June 30 close"
            later = [d for d in self.sessions if d.isoformat() > best.value]
            if best.value[:1].isdigit() and dt.date.fromisoformat(best.value) in self.sessions:
                # "Change vs Mon Jun 9: +0.56%": the move from that close, the next session's
                return frozenset({f"d:{later[0].isoformat()}"} if later else {"none"})
        if best.kind == "basedate" and fig.kind in ("percent", "points"):
            later = [d for d in self.sessions if d.isoformat() > best.value]
            tokens = frozenset({f"d:{later[0].isoformat()}"} if later else {"none"})
        if best.kind == "day":
            dates = [m for m in ctx.periods if m.kind == "date" and m.end <= fig.start]
            tokens = period_tokens(dates[-1]) if dates else frozenset()
        if best.kind == "prevclose":
            tokens = frozenset({"week"} if fig.kind in ("percent", "points") else {"prev"})
        if (
            best.kind == "lastweek"
            and fig.kind in ("percent", "points")
            and self._after_the_week(doc)
        ):
            tokens = frozenset({"week"})  # "rose 1.1% last week" in a recap written after it
        if best.kind in ("w52", "prev", "lastweek") or (
            best.kind in ("week", "month") and fig.kind == "number"
        ):
            following = [
                m
                for m in ctx.periods
                if m.kind == "date"
                and m.start >= fig.end
                and m.start < hi
                and m.start - fig.end < 16
                and _ON_DATE_GAP_RE.fullmatch(doc.lower[fig.end : m.start])
            ]
            if following:
                tokens = tokens | period_tokens(following[0])
        if fig.kind == "number" and best.kind in ("date", "basedate"):
            tokens = self._move_end(doc, sent, ctx, fig, best) or tokens
        return tokens

    def _move_end(
        self, doc: Document, sent: Sentence, ctx: SentenceContext, fig: Figure, best: Mention
    ) -> frozenset[str] | None:
        """The level a move went to from a dated level ("from a close of 2,407.34 on
        Wednesday to 2,467.70", "from Wednesday's close of 2,407.34 to 2,467.70"): the day
        names the start, and a move with no day of its own ends at the next session's close,
        as a change from a named close is the next session's (None: the figure is not such
        an end)."""
        if not (
            _MOVE_START_RE.search(doc.lower[max(sent.start, best.start - 40) : best.start])
            and _MOVE_END_RE.search(doc.lower[max(best.end, fig.start - 8) : fig.start])
        ):
            return None
        for m in ctx.periods:  # "... to 2,218.42 on Friday": the end's own day
            if (
                m.kind == "date"
                and 0 <= m.start - fig.end < 16
                and _ON_DATE_GAP_RE.fullmatch(doc.lower[fig.end : m.start])
            ):
                return period_tokens(m)
        later = [d.isoformat() for d in self.sessions if d.isoformat() > best.value]
        return frozenset({f"d:{later[0]}"} if later else {"none"})

    def _metric(
        self,
        doc: Document,
        sent: Sentence,
        ctx: SentenceContext,
        fig: Figure,
        lo: int,
        b: Binding,
        tail: str,
        dist: re.Match[str] | None,
    ) -> frozenset[str] | None:
        """`tail` is the text after the figure; `dist` the distance phrase in it (percents)."""
        if fig.kind == "percentage_points":
            return frozenset({"spread_pp"})
        if fig.kind == "count":
            return frozenset({"sessions", "streak"})
        if fig.kind == "percent":
            return percent_metric(doc, sent, ctx, fig, b, tail, dist)
        if fig.kind == "points" and not fig.range_role:
            change = points_metric(ctx, fig, lo, tail)
            if change is not None:
                return change
        if fig.range_role is not None:
            end = range_metric(doc, sent, ctx, fig, b)
            if end is not None:
                return end
        return worded_metric(doc, sent, ctx, fig, lo)

    def _direction(
        self,
        doc: Document,
        sent: Sentence,
        ctx: SentenceContext,
        fig: Figure,
        prev_fig: Figure | None,
        lo: int,
    ) -> tuple[int, str, bool]:
        """(+1 up / -1 down / 0, the word that says so, whether it is right by the figure)."""
        follow = FOLLOW_DIR_RE.match(doc.lower[fig.end : fig.end + 20])
        if follow is not None:
            return (1 if follow.group("up") else -1), follow.group(0).strip(), True
        between = [d for d in ctx.directions if d[0] >= lo and d[1] <= fig.start]
        if between:
            d = between[-1]
            adjacent = _RIGHT_BEFORE_RE.fullmatch(doc.masked[d[1] : fig.start]) is not None
            return d[2], d[3], adjacent
        if prev_fig is not None and _OR_LINK_RE.match(doc.masked[prev_fig.end : fig.start]):
            earlier = [d for d in ctx.directions if d[1] <= prev_fig.start]
            if earlier:
                return earlier[-1][2], earlier[-1][3], False
        return 0, "", False


def _on_a_dateline(doc: Document, m: Mention, fig: Figure) -> bool:
    """Is the mention on a line of its own before the figure's that holds no sentence (a
    dateline, "2025-12-31 HKT 13:50", run into the paragraph below it): when the article
    was filed, not what its figures are about."""
    newline = doc.text.find("\n", m.end, fig.start)
    if newline < 0:
        return False
    start = doc.text.rfind("\n", 0, m.start) + 1
    if newline - start > DATELINE_MAX:
        return False
    return _DATELINE_RE.fullmatch(doc.text, start, newline) is not None


def _nearest_period(
    doc: Document, sent: Sentence, ctx: SentenceContext, fig: Figure, hi: int
) -> Mention | None:
    """The period mention nearest a figure: before it in its clause, or right after it where
    only a short gap or a chain of figures stands between ("rose 0.6% on Tuesday")."""
    best: Mention | None = None
    best_dist = 10**9
    for m in ctx.periods:
        if m.end <= fig.start:
            if m.start - sent.start > 20 and _CLAUSE_BREAK_RE.search(doc.lower[m.end : fig.start]):
                continue  # "…so far this year, while the Nasdaq closed at …"
            if _on_a_dateline(doc, m, fig):
                continue
            dist = fig.start - m.end
        elif m.start >= fig.end:
            gap = doc.lower[fig.end : m.start]
            if m.start < hi and _FOLLOW_GAP_RE.fullmatch(gap):
                dist = m.start - fig.end
            elif _CHAIN_GAP_RE.fullmatch(gap):
                dist = (m.start - fig.end) // 2  # the chain names its day last
            else:
                continue
        else:
            continue
        if dist < best_dist:
            best, best_dist = m, dist
    return best
