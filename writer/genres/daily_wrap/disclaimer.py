"""The line every daily wrap ends with (the house form, `factcheck.form`)."""

from typing import Final

DISCLAIMER: Final = (
    "*This market wrap is generated from market data for information only. "
    "It is not investment advice.*"
)
