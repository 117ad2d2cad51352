"""The line every earnings snapshot ends with (the house form), for its drafters and its
checker's form rules alike."""

from __future__ import annotations

from typing import Final

DISCLAIMER: Final = (
    "*This earnings snapshot is generated from company filings and market data for "
    "information only. It is not investment advice.*"
)
