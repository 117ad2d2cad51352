"""The deterministic offline drafter of a daily wrap: one session, written from its brief alone.

The shape of a published close (the AAP, RTHK and AP wraps): a headline on the day's move; a
lede with the index, its move in percent and points and its close; the session (open, range);
how the other major indexes did that day; the week so far (a Friday's wrap: the week), the
month and year to date and the 52-week context; the levels to watch; a table of the major
indexes in the form of AP's "How major US stock indexes fared" (close, the day's change in
points and percent, the week and year to date); when the exchange shuts on the next weekday,
the day it reopens.  Figures come only from the brief, through `writer.genres.prose.Figures`;
phrasing rotates with a seed of the symbol and session, so one session always reads the same.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from factcheck import ids
from factcheck.brief import DailyWrapBrief, IndexBrief
from writer.genres.daily_wrap.disclaimer import DISCLAIMER
from writer.genres.prose import (
    COUNTS,
    LAG_VERBS,
    LEAD_VERBS,
    Figures,
    Voice,
    levels_to_watch,
    move_verb,
    short_date,
)

_FLAT = Decimal("0.005")


def _daily(brief: IndexBrief) -> DailyWrapBrief:
    assert isinstance(brief, DailyWrapBrief), brief.kind
    return brief


def _when(day: dt.date) -> str:
    return f"{day:%A}, {day:%b} {day.day}, {day.year}"


def _headline(brief: DailyWrapBrief, fig: Figures, voice: Voice) -> str:
    s, day = brief.subject, brief.session.date
    pct = fig.value(ids.session(s.key, "change_pct", day))
    size = abs(pct)
    if size < _FLAT:
        verb = "Ends Flat"
    elif pct > 0:
        verb = voice.pick(
            "hv",
            ("Edges Higher", "Inches Up")
            if size < Decimal("0.5")
            else ("Climbs", "Advances", "Gains Ground")
            if size < Decimal("1.5")
            else ("Rallies", "Surges"),
        )
    else:
        verb = voice.pick(
            "hv",
            ("Edges Lower", "Slips")
            if size < Decimal("0.5")
            else ("Falls", "Retreats", "Loses Ground")
            if size < Decimal("1.5")
            else ("Tumbles", "Slides"),
        )
    angle = ""
    high = brief.get(ids.period(s.key, "52w", "close_high"))
    low = brief.get(ids.period(s.key, "52w", "close_low"))
    if high is not None and high.on == day:
        angle = ", Sets 52-Week Closing High"
    elif low is not None and low.on == day:
        angle = ", Sinks to 52-Week Closing Low"
    return f"{s.name} {verb} on {day:%A}{angle}"


def _lede(brief: DailyWrapBrief, fig: Figures, voice: Voice) -> list[str]:
    """The day's move and close, and the previous close; then the session's own range (a
    paragraph of its own)."""
    s, day = brief.subject, brief.session.date
    k = s.key
    pct_id, pts_id = ids.session(k, "change_pct", day), ids.session(k, "change_pts", day)
    close = fig.show(ids.session(k, "close", day))
    pct = fig.value(pct_id)
    if abs(pct) < _FLAT:
        side = "above" if fig.value(pts_id) >= 0 else "below"
        first = (
            f"The {s.name} ({k}) was little changed on {_when(day)}, closing at {close}, "
            f"{fig.size(pts_id)} {side} the previous session's close."
        )
    else:
        first = (
            f"The {s.name} ({k}) {move_verb(voice, 'lede', pct)} {fig.size(pct_id)}, or "
            f"{fig.size(pts_id)}, on {_when(day)}, closing at {close}."
        )
    opened, lo, hi = (fig.show(ids.session(k, m, day)) for m in ("open", "low", "high"))
    second = voice.pick(
        "rng",
        (
            f"It opened {day:%A} at {opened} and traded between {lo} and {hi}.",
            f"On {day:%A} it opened at {opened} and moved in a session range of {lo} to {hi}.",
        ),
    )
    prev = brief.session.previous
    third = (
        f"The previous session, {prev:%A}, {prev:%b} {prev.day}, it had closed at "
        f"{fig.show(ids.session(k, 'close', prev))}."
    )
    return [f"{first} {third}", second]


def _peers(brief: DailyWrapBrief, fig: Figures, voice: Voice) -> list[str]:
    s, day = brief.subject, brief.session.date
    moves = []
    for p in brief.peers:
        pct_id = ids.session(p.key, "change_pct", day)
        if not fig.has(pct_id):
            continue  # another exchange's holiday
        pct = fig.value(pct_id)
        verb = (
            "was little changed at"
            if abs(pct) < _FLAT
            else f"{move_verb(voice, 'p' + p.key, pct)} {fig.size(pct_id)} to"
        )
        moves.append(f"the {p.name} {verb} {fig.show(ids.session(p.key, 'close', day))}")
    if not moves:
        return []
    sentences = [f"Elsewhere on {day:%A}, {' and '.join(moves)}."]
    spreads = [(p, ids.spread(s.key, p.key, day)) for p in brief.peers]
    spreads = [(p, i) for p, i in spreads if fig.has(i) and abs(fig.value(i)) >= _FLAT]
    for p, spread_id in sorted(spreads, key=lambda pair: -abs(fig.value(pair[1])))[:1]:
        words = LAG_VERBS if fig.value(spread_id) < 0 else LEAD_VERBS
        word = voice.pick("vs" + p.key, words)
        sentences.append(f"The {s.name} {word} the {p.name} by {fig.size(spread_id)} on the day.")
    return [" ".join(sentences)]


def _week_so_far(brief: DailyWrapBrief, fig: Figures, voice: Voice) -> list[str]:
    k, day = brief.subject.key, brief.session.date
    sessions = brief.week.sessions
    if len(sessions) < 2:
        return []  # the week's first session: its move is the week's
    pct_id, pts_id = ids.period(k, "week", "change_pct"), ids.period(k, "week", "change_pts")
    pct = fig.value(pct_id)
    finished = brief.session.next is None or brief.session.next > brief.week.end
    span = "For the week" if finished else "So far this week"
    if abs(pct) < _FLAT:
        move = "the index is little changed" if not finished else "the index was little changed"
    else:
        tense = "is" if not finished else "was"
        move = (
            f"the index {tense} {'up' if pct > 0 else 'down'} {fig.size(pct_id)}, or "
            f"{fig.size(pts_id)}"
        )
    out = [f"{span}, {move}."]
    hi, lo = fig.fact(ids.period(k, "week", "high")), fig.fact(ids.period(k, "week", "low"))
    assert hi.on is not None and lo.on is not None
    out.append(
        f"Its intraday range for the week {'so far ' if not finished else ''}runs from "
        f"{lo.display} ({lo.on:%A}) to {hi.display} ({hi.on:%A})."
    )
    del day
    return [" ".join(out)]


def _context(brief: DailyWrapBrief, fig: Figures, voice: Voice) -> list[str]:
    k, name, day = brief.subject.key, brief.subject.name, brief.session.date
    parts = []
    if fig.has(ids.period(k, "52w", "high"), ids.period(k, "52w", "low")):
        hi, lo = fig.fact(ids.period(k, "52w", "high")), fig.fact(ids.period(k, "52w", "low"))
        assert hi.on is not None and lo.on is not None
        from_high = ids.period(k, "52w", "from_high_pct")
        where = (
            f"is {fig.size(from_high)} below its 52-week intraday high of {hi.display} "
            f"({short_date(hi.on, True)})"
            if fig.value(from_high) < 0
            else f"closed at its 52-week intraday high of {hi.display}"
        )
        parts.append(
            f"The {name} {where} and {fig.size(ids.period(k, '52w', 'from_low_pct'))} above "
            f"its 52-week low of {lo.display} ({short_date(lo.on, True)})."
        )
    for metric, label in (
        ("close_high", "a 52-week closing high"),
        ("close_low", "a 52-week closing low"),
    ):
        f = brief.get(ids.period(k, "52w", metric))
        if f is not None and f.on == day:
            parts.append(f"Its {day:%A} close of {f.display} was {label}.")
    if fig.has(ids.period(k, "mtd", "change_pct")):
        mtd = ids.period(k, "mtd", "change_pct")
        side = "up" if fig.value(mtd) > 0 else "down"
        parts.append(f"Month to date, the index is {side} {fig.size(mtd)}.")
    if fig.has(ids.period(k, "qtd", "change_pct")):  # not in a quarter's first month
        qtd = ids.period(k, "qtd", "change_pct")
        side = "up" if fig.value(qtd) > 0 else "down"
        parts.append(f"So far this quarter, it is {side} {fig.size(qtd)}.")
    if fig.has(ids.period(k, "ytd", "change_pct")):
        ytd = ids.period(k, "ytd", "change_pct")
        side = "up" if fig.value(ytd) > 0 else "down"
        parts.append(
            f"Year to date, it is {side} {fig.size(ytd)}, or "
            f"{fig.size(ids.period(k, 'ytd', 'change_pts'))}."
        )
    mas = []
    for n in (50, 200):
        if fig.has(ids.moving_average(k, n)):
            vs = ids.vs_moving_average(k, n)
            side = "above" if fig.value(vs) > 0 else "below"
            mas.append(
                f"{fig.size(vs)} {side} its {n}-day moving average of "
                f"{fig.show(ids.moving_average(k, n))}"
            )
    if mas:
        parts.append(f"It {voice.pick('ma', ('finished', 'closed'))} {' and '.join(mas)}.")
    if fig.has(ids.streak(k, "daily")):
        n = int(fig.value(ids.streak(k, "daily")))
        if 2 <= abs(n) < len(COUNTS):
            side = "higher" if n > 0 else "lower"
            parts.append(f"It has closed {side} for {COUNTS[abs(n)]} straight sessions.")
    return [" ".join(parts)] if parts else []


def _closed(brief: DailyWrapBrief) -> list[str]:
    """The exchange shut on the next weekday: when it reopens (a reader's first question)."""
    day, following = brief.session.date, brief.session.next
    ahead = [c for c in brief.session.closed if c.day > day]
    if not ahead or following is None:
        return []
    shut = " and ".join(f"{c.day:%A}, {c.day:%b} {c.day.day} ({c.why})" for c in ahead)
    return [
        f"The market is closed on {shut}; trading resumes on {following:%A}, "
        f"{following:%b} {following.day}."
    ]


def _table(brief: DailyWrapBrief, fig: Figures) -> list[str]:
    """AP's "How major indexes fared": one row per index that traded that day."""
    day = brief.session.date
    rows = []
    for e in (brief.subject, *brief.peers):
        close_id = ids.session(e.key, "close", day)
        if not fig.has(close_id):
            continue
        cells = [
            e.name,
            fig.show(close_id),
            fig.show(ids.session(e.key, "change_pts", day)),
            fig.show(ids.session(e.key, "change_pct", day)),
        ]
        for period in ("week", "ytd"):
            pct = ids.period(e.key, period, "change_pct")
            cells.append(fig.show(pct) if fig.has(pct) else "n/a")
        rows.append("| " + " | ".join(cells) + " |")
    if not rows:
        return []
    head = "| Index | Close | Points | Percent | Week to date | Year to date |"
    return [
        f"## How major indexes fared on {day:%A}",
        "\n".join([head, "|---|--:|--:|--:|--:|--:|", *rows]),
    ]


def placing(brief: IndexBrief) -> dict[str, object]:
    """Front matter that places the wrap: `writer check` reads the session from `date:` and
    the week from `week:`."""
    day = _daily(brief).session.date
    # two equal date objects, not one twice: YAML would write the second as an alias (*id001)
    return {"ticker": brief.subject.key, "date": day, "week": dt.date.fromordinal(day.toordinal())}


def _voice(brief: DailyWrapBrief) -> Voice:
    return Voice(f"{brief.subject.key}:{brief.session.date}:daily")


def title(brief: IndexBrief) -> str:
    daily = _daily(brief)
    return _headline(daily, Figures(daily), _voice(daily))


def draft_offline(brief: IndexBrief) -> str:
    """A complete Markdown daily wrap (no front matter) whose every figure comes from the
    brief."""
    daily = _daily(brief)
    fig, voice = Figures(daily), _voice(daily)
    blocks = [
        f"# {_headline(daily, fig, voice)}",
        *_lede(daily, fig, voice),
        *_peers(daily, fig, voice),
    ]
    week = _week_so_far(daily, fig, voice)
    context = _context(daily, fig, voice)
    if week or context:
        blocks += ["## The bigger picture", *week, *context]
    levels = levels_to_watch(daily, fig, voice)
    if levels:
        blocks += ["## Levels to watch", *levels]
    blocks += _table(daily, fig)
    blocks += _closed(daily)
    blocks.append(DISCLAIMER)
    return "\n\n".join(blocks) + "\n"
