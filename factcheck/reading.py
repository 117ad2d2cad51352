"""Reading an article in order: each sentence with its context, what it inherits from the
sentences before it in its block, and the heading (or label line) it stands under.

A sentence that names no index or period is about what the one before it was about; a block
starts from what its heading names ("### S&P 500 (SPX): the week").  What a sentence passes
on is the last index it named (not a company or commodity named in passing) and the period
it is about.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from factcheck.bind import (
    Binder,
    Binding,
    Mention,
    SentenceContext,
    heading_entity,
    is_outside,
    period_tokens,
)
from factcheck.document import Document, Sentence


def _possessive(doc: Document, m: Mention) -> bool:
    """ "Monday's": the mention qualifies something else rather than setting the topic."""
    around = doc.text[m.end - 2 : m.end + 2]
    return "'s" in around or "’s" in around


def _summary(
    doc: Document, sent: Sentence, ctx: SentenceContext, prev: Binding | None
) -> Binding | None:
    """What the next sentence inherits: the last entity and period this one mentioned."""
    # an index named goes on; a company or a commodity named in passing does not
    named = [m.value for m in ctx.entities if not is_outside(m.value)]
    entity = named[-1] if named else (prev.entity if prev else None)
    periods = [
        m for m in ctx.periods if m.kind in ("date", "week", "w52", "ytd", "prev", "mtd", "qtd")
    ]
    topic = periods[-1] if periods else None
    if periods:
        plain = [m for m in periods if not _possessive(doc, m)]
        lead = [m for m in plain if m.kind == "date" and m.start - sent.start <= 6]
        topic = lead[0] if lead else plain[-1] if plain else periods[-1]
    tokens = period_tokens(topic) if topic is not None else frozenset()
    if entity is None and not tokens:
        return prev
    inherited = prev.periods or prev.periods_inherited if prev is not None else frozenset()
    return Binding(
        entity=entity,
        entity_inherited=not named,
        from_heading=not named and prev is not None and prev.from_heading,
        periods=frozenset(),
        periods_inherited=tokens or inherited,
    )


#: A short line ending in a colon heads what follows ("On Friday:", "For the week:").
_LABEL_WORDS: Final = 6


def _is_label(sent: Sentence) -> bool:
    text = sent.text.strip()
    return (
        sent.block_kind == "para"
        and text.endswith(":")
        and not sent.figures
        and len(text.split()) <= _LABEL_WORDS
    )


Reading = tuple[Sentence, SentenceContext, Binding | None, SentenceContext | None]


def read_in_order(doc: Document, binder: Binder) -> Iterator[Reading]:
    """Each sentence with its context, the running summary of its block (what a sentence
    that names no index or period inherits) and the nearest heading's context."""
    summary: Binding | None = None
    heading: SentenceContext | None = None
    block = -1
    for sent in doc.sentences:
        ctx = binder.context(doc, sent)
        if sent.block_kind == "heading" or _is_label(sent):
            ctx.label = sent.block_kind != "heading"
            heading, summary = ctx, None
        elif sent.block != block:
            # a block starts from what its heading names ("### S&P 500 (SPX): the week")
            named = heading_entity(heading)
            summary = (
                Binding(entity=named, entity_inherited=True, from_heading=True) if named else None
            )
        block = sent.block
        if summary is not None and summary.entity is not None:
            binder.resolve_generic(ctx, summary.entity)
        else:
            binder.resolve_generic(ctx, heading_entity(heading))
        yield sent, ctx, summary, heading
        summary = _summary(doc, sent, ctx, summary)
