"""Bind each figure to what it talks about: entity, period, metric and direction.

A figure's own sentence decides first (the nearest preceding mention wins, so "the S&P 500
(+0.78%) and the Nasdaq (+0.98%)" binds each figure to the index just before it).  What the
sentence does not say is *inherited* from the preceding sentence of the same block or the
nearest heading, and marked as inherited: the matcher may drop an inherited attribute but
never an explicit one, so a guess about context can never turn a true figure into an error.

The package, one job a module:
- `model`: what binding produces (`Binding`, `Mention`, `SentenceContext`, `HeaderCell`) and
  the period tokens facts carry;
- `patterns`: the binder's phrase patterns, built from the lexicon (`factcheck.grammar`);
- `names`: index names, compiled into one scan per brief, and the index a heading names;
- `binder`: the `Binder`, compiled per brief, which reads a sentence's context and binds
  each figure;
- `metrics`: which metric a figure is, from the words around it;
- `pairing`: the level a change is measured from, and which listed mention goes with which
  figure ("..., respectively");
- `tables`: what a table cell's header cells say about its figure.
"""

from factcheck.bind.binder import Binder
from factcheck.bind.model import (
    OUTSIDE_PREFIX,
    Binding,
    HeaderCell,
    Mention,
    SentenceContext,
    is_outside,
    period_tokens,
)
from factcheck.bind.names import heading_entity
from factcheck.bind.tables import apply_column

__all__ = [
    "OUTSIDE_PREFIX",
    "Binder",
    "Binding",
    "HeaderCell",
    "Mention",
    "SentenceContext",
    "apply_column",
    "heading_entity",
    "is_outside",
    "period_tokens",
]
