"""The line every daily wrap ends with (the house form), for its drafters and its checker's
form rules alike."""

from __future__ import annotations

from typing import Final

DISCLAIMER: Final = (
    "*This market wrap is generated from market data for information only. "
    "It is not investment advice.*"
)
