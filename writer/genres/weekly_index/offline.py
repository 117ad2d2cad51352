"""The deterministic offline drafter: a weekly recap written from the brief alone.

Every figure goes through `Figures`, which only hands out text formatted by
`factcheck.numfmt` from a fact the brief holds: the drafter cannot write a number the brief
does not have.  Phrasing follows the data (size and direction of the moves, where the week
sits against its peers, its 52-week range, round levels) and rotates among synonyms with a
seed taken from the symbol and week, so two weeks do not read alike but one week always
reads the same.
"""

from __future__ import annotations

from decimal import Decimal

from factcheck import ids
from factcheck.brief import IndexBrief
from writer.genres.prose import (
    COUNTS,
    LAG_VERBS,
    LEAD_VERBS,
    ORDINALS,
    Figures,
    Voice,
    day_name,
    last_of,
    levels_to_watch,
    move_verb,
    short_date,
)

DISCLAIMER = (
    "*This recap is generated from market data for information only. It is not investment advice.*"
)


def _headline(brief: IndexBrief, fig: Figures, voice: Voice) -> str:
    s = brief.subject
    pct = fig.value(ids.period(s.key, "week", "change_pct"))
    size = abs(pct)
    # Headline verbs stay the drafter's own, not a selection of grammar's: title case and
    # present tense, with phrases grammar does not list ("Edges Higher", "Inches Up", "Gains
    # Ground", "Loses Ground").
    if size < Decimal("0.005"):
        verb = "Ends the Week Flat"
    elif pct > 0:
        verb = voice.pick(
            "hv",
            ("Edges Higher", "Inches Up")
            if size < 1
            else ("Climbs", "Advances", "Gains Ground")
            if size < Decimal("2.5")
            else ("Rallies", "Surges"),
        )
    else:
        verb = voice.pick(
            "hv",
            ("Edges Lower", "Slips")
            if size < 1
            else ("Falls", "Retreats", "Loses Ground")
            if size < Decimal("2.5")
            else ("Tumbles", "Slides"),
        )
    week_days = set(brief.week.sessions)
    angle = ""
    high = brief.get(ids.period(s.key, "52w", "close_high"))
    low = brief.get(ids.period(s.key, "52w", "close_low"))
    if high is not None and high.on in week_days:
        angle = ", Sets 52-Week Closing High"
    elif low is not None and low.on in week_days:
        angle = ", Sinks to 52-Week Closing Low"
    elif fig.has(ids.level(s.key, "round_above")) and (
        fig.value(ids.period(s.key, "week", "high")) >= fig.value(ids.level(s.key, "round_above"))
    ):
        angle = f", Fails to Hold {fig.show(ids.level(s.key, 'round_above'))}"
    else:
        spreads = [
            (p, fig.value(ids.spread(s.key, p.key, "week")))
            for p in brief.peers
            if fig.has(ids.spread(s.key, p.key, "week"))
        ]
        behind = [p.name for p, v in spreads if v < 0]
        ahead = [p.name for p, v in spreads if v > 0]
        if spreads and len(behind) == len(spreads):
            angle = voice.pick("ha", (", Lagging the ", ", Trailing the ")) + " and ".join(behind)
        elif spreads and len(ahead) == len(spreads):
            angle = voice.pick("ha", (", Outpacing the ", ", Beating the ")) + " and ".join(ahead)
    return f"{s.name} {verb}{angle}"


def _lede(brief: IndexBrief, fig: Figures, voice: Voice) -> list[str]:
    s, week = brief.subject, brief.week
    k = s.key
    last = week.last_session
    week_pct = ids.period(k, "week", "change_pct")
    pct = fig.value(week_pct)
    when = voice.pick("wk", ("this week", "over the week", "on the week"))
    if len(week.sessions) < min(5, len(COUNTS)):
        when = f"in a week shortened to {COUNTS[len(week.sessions)]} sessions"
    if abs(pct) < Decimal("0.005"):
        move = f"finished flat {when}"
    else:
        move = f"{move_verb(voice, 'lede', pct)} {fig.size(week_pct)} {when}"
    day_id = ids.session(k, "change_pct", last)
    day_pct = fig.value(day_id)
    day = (
        "unchanged on the day"
        if abs(day_pct) < Decimal("0.005")
        else f"{'up' if day_pct > 0 else 'down'} {fig.size(day_id)} on the day"
    )
    first = (
        f"The {s.name} ({k}) {move}, closing {last:%A}'s session at "
        f"{fig.show(ids.session(k, 'close', last))}, {day}."
    )
    prev = week.previous_session
    gain = "a gain" if pct > 0 else "a loss" if pct < 0 else "a change"
    second = (
        f"That is {gain} of {fig.size(ids.period(k, 'week', 'change_pts'))} from the previous "
        f"week's close of {fig.show(ids.session(k, 'close', prev))} on {day_name(prev)}."
    )
    hi, lo = fig.fact(ids.period(k, "week", "high")), fig.fact(ids.period(k, "week", "low"))
    assert hi.on is not None and lo.on is not None
    third = voice.pick(
        "rng",
        (
            f"Over the week it traded between a low of {lo.display} on {lo.on:%A} and a high of "
            f"{hi.display} on {hi.on:%A}.",
            f"Its weekly range ran from {lo.display} ({lo.on:%A}'s low) to {hi.display} "
            f"({hi.on:%A}'s high).",
        ),
    )
    return [f"{first} {second} {third}"]


def _peers(brief: IndexBrief, fig: Figures, voice: Voice) -> list[str]:
    s, last = brief.subject, brief.week.last_session
    if not brief.peers:
        return []
    moves = []
    for p in brief.peers:
        week_pct = ids.period(p.key, "week", "change_pct")
        pct = fig.value(week_pct)
        verb = (
            "was flat"
            if abs(pct) < Decimal("0.005")
            else (f"{move_verb(voice, 'pw' + p.key, pct)} {fig.size(week_pct)}")
        )
        moves.append(
            f"the {p.name} {verb} to {fig.show(ids.session(p.key, 'close', last_of(brief, p)))}"
        )
    sentences = [f"Over the same week, {' and '.join(moves)}."]
    spreads = [(p, ids.spread(s.key, p.key, "week")) for p in brief.peers]
    spreads = [(p, i) for p, i in spreads if fig.has(i) and abs(fig.value(i)) >= Decimal("0.005")]
    # The widest gap is the story ("trailed the Nasdaq by 1.49 points"), not a 0.04 one.
    for p, spread_id in sorted(spreads, key=lambda pair: -abs(fig.value(pair[1])))[:1]:
        if fig.value(spread_id) < 0:
            word = voice.pick("lag" + p.key, LAG_VERBS)
        else:
            word = voice.pick("lead" + p.key, LEAD_VERBS)
        sentences.append(f"The {s.name} {word} the {p.name} by {fig.size(spread_id)}.")
    day_moves = []
    for p in brief.peers:
        day_id = ids.session(p.key, "change_pct", last)
        if not fig.has(day_id):
            continue
        pct = fig.value(day_id)
        verb = (
            "was unchanged"
            if abs(pct) < Decimal("0.005")
            else (f"{'added' if pct > 0 else 'shed'} {fig.size(day_id)}")
        )
        day_moves.append(f"the {p.name} {verb}")
    if day_moves:
        sentences.append(f"On {last:%A}, {' and '.join(day_moves)}.")
    return [" ".join(sentences)]


def _peer_context(brief: IndexBrief, fig: Figures, voice: Voice) -> list[str]:
    """Where each peer stands against its own 52-week high: the backdrop for the subject."""
    out = []
    for p in brief.peers:
        k = p.key
        if not fig.has(ids.period(k, "52w", "high"), ids.period(k, "52w", "from_high_pct")):
            continue
        high = fig.fact(ids.period(k, "52w", "high"))
        assert high.on is not None
        gap = fig.value(ids.period(k, "52w", "from_high_pct"))
        where = (
            f"{fig.size(ids.period(k, '52w', 'from_high_pct'))} below its 52-week high of "
            f"{high.display} ({short_date(high.on, True)})"
            if gap < 0
            else f"at its 52-week high of {high.display}"
        )
        ytd = ""
        ytd_pct = ids.period(k, "ytd", "change_pct")
        if fig.has(ytd_pct):
            value = fig.value(ytd_pct)
            ytd = f", {'up' if value > 0 else 'down'} {fig.size(ytd_pct)} for the year"
        out.append(f"The {p.name} ended the week {where}{ytd}.")
    return [" ".join(out)] if out else []


def _session_line(brief: IndexBrief, fig: Figures, voice: Voice, i: int) -> str:
    k = brief.subject.key
    sessions = brief.week.sessions
    d = sessions[i]
    pct = fig.value(ids.session(k, "change_pct", d))
    close_verb = voice.pick(f"cv{i}", ("to close at", "to finish at", "to settle at", "to end at"))
    if abs(pct) < Decimal("0.005"):
        move = f"The index was little changed, closing at {fig.show(ids.session(k, 'close', d))}"
    else:
        points = ""
        if abs(pct) >= 1:
            points = f", or {fig.size(ids.session(k, 'change_pts', d))},"
        move = (
            f"The index {move_verb(voice, f'd{i}', pct)} "
            f"{fig.size(ids.session(k, 'change_pct', d))}{points} {close_verb} "
            f"{fig.show(ids.session(k, 'close', d))}"
        )
    extras = []
    if fig.fact(ids.period(k, "week", "high")).on == d:
        extras.append(
            f"touching the week's intraday high of {fig.show(ids.period(k, 'week', 'high'))}"
        )
    if fig.fact(ids.period(k, "week", "low")).on == d:
        extras.append(
            f"after dipping to the week's intraday low of {fig.show(ids.period(k, 'week', 'low'))}"
        )
    if not extras:
        extras.append(
            voice.pick(
                f"rg{i}",
                (
                    f"after trading between {fig.show(ids.session(k, 'low', d))} and "
                    f"{fig.show(ids.session(k, 'high', d))}",
                    f"in a session range of {fig.show(ids.session(k, 'low', d))} to "
                    f"{fig.show(ids.session(k, 'high', d))}",
                ),
            )
        )
    line = f"{move}, {' and '.join(extras)}."
    if len(sessions) > 1 and fig.fact(ids.period(k, "week", "close_high")).on == d:
        line += " It was the index's highest close of the week."
    elif len(sessions) > 1 and fig.fact(ids.period(k, "week", "close_low")).on == d:
        line += " It was the index's lowest close of the week."
    if pct < 0 and i >= 1:
        for j in range(i - 1, -1, -1):
            gain_day = sessions[j]
            base = fig.value(
                ids.session(k, "close", sessions[j - 1] if j else brief.week.previous_session)
            )
            if fig.value(ids.session(k, "change_pct", gain_day)) > 0:
                if fig.value(ids.session(k, "close", d)) <= base:
                    line += f" That gave back all of {gain_day:%A}'s gains."
                break
    return f"- **{day_name(d)}:** {line}"


def _context(brief: IndexBrief, fig: Figures, voice: Voice) -> list[str]:
    k, name = brief.subject.key, brief.subject.name
    last = brief.week.last_session
    out = []
    if fig.has(ids.period(k, "52w", "high"), ids.period(k, "52w", "low")):
        hi, lo = fig.fact(ids.period(k, "52w", "high")), fig.fact(ids.period(k, "52w", "low"))
        assert hi.on is not None and lo.on is not None
        from_high = ids.period(k, "52w", "from_high_pct")
        from_hi = fig.value(from_high)
        where = (
            f"sits {fig.size(from_high)} below its 52-week intraday high "
            f"of {hi.display} ({short_date(hi.on, True)})"
            if from_hi < 0
            else f"closed at its 52-week intraday high of {hi.display}"
        )
        out.append(
            f"At {fig.show(ids.session(k, 'close', last))}, the {name} {where} and stands "
            f"{fig.size(ids.period(k, '52w', 'from_low_pct'))} above its 52-week low of "
            f"{lo.display} ({short_date(lo.on, True)}). Its 52-week range is {lo.display} - "
            f"{hi.display}."
        )
    parts = []
    record = [
        (fig.fact(ids.period(k, "52w", m)), label)
        for m, label in (
            ("close_high", "a 52-week closing high"),
            ("close_low", "a 52-week closing low"),
        )
        if fig.has(ids.period(k, "52w", m))
    ]
    for f, label in record:
        if f.on in brief.week.sessions:
            assert f.on is not None
            parts.append(f"Its {f.on:%A} close of {f.display} was {label}.")
    if fig.has(ids.period(k, "ytd", "change_pct")):
        ytd = fig.value(ids.period(k, "ytd", "change_pct"))
        direction = "up" if ytd > 0 else "down"
        parts.append(
            f"Year to date, the index is {direction} {fig.size(ids.period(k, 'ytd', 'change_pct'))}"
            f", or {fig.size(ids.period(k, 'ytd', 'change_pts'))}."
        )
    mas = []
    for n in (50, 200):
        if fig.has(ids.moving_average(k, n)):
            vs = fig.value(ids.vs_moving_average(k, n))
            side = "above" if vs > 0 else "below"
            mas.append(
                f"{fig.size(ids.vs_moving_average(k, n))} {side} its {n}-day moving average of "
                f"{fig.show(ids.moving_average(k, n))}"
            )
    if mas:
        parts.append(f"It {voice.pick('ma', ('finished', 'ended the week'))} {' and '.join(mas)}.")
    if fig.has(ids.streak(k, "weekly")):
        n = int(fig.value(ids.streak(k, "weekly")))
        if 2 <= abs(n) < len(ORDINALS):
            kind = "gain" if n > 0 else "loss"
            parts.append(f"It was the index's {ORDINALS[abs(n)]} straight weekly {kind}.")
    if fig.has(ids.streak(k, "daily")):
        n = int(fig.value(ids.streak(k, "daily")))
        if 3 <= abs(n) < len(COUNTS):
            side = "higher" if n > 0 else "lower"
            parts.append(f"It has closed {side} for {COUNTS[abs(n)]} straight sessions.")
    if parts:
        out.append(" ".join(parts))
    return out


def title(brief: IndexBrief) -> str:
    return _headline(brief, Figures(brief), _voice(brief))


def _voice(brief: IndexBrief) -> Voice:
    return Voice(f"{brief.subject.key}:{brief.week.last_session}")


def draft_offline(brief: IndexBrief) -> str:
    """A complete Markdown recap (no front matter) whose every figure comes from the brief."""
    fig, voice = Figures(brief), _voice(brief)
    blocks = [
        f"# {_headline(brief, fig, voice)}",
        *_lede(brief, fig, voice),
        *_peers(brief, fig, voice),
        "## Day by day",
        "\n".join(_session_line(brief, fig, voice, i) for i in range(len(brief.week.sessions))),
    ]
    context = _context(brief, fig, voice) + _peer_context(brief, fig, voice)
    if context:
        blocks += ["## The bigger picture", *context]
    levels = levels_to_watch(brief, fig, voice)
    if levels:
        blocks += ["## Levels to watch", *levels]
    blocks.append(DISCLAIMER)
    return "\n\n".join(blocks) + "\n"
